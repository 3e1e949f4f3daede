use crate::both_backends;
use crate::helpers::assert_problem;

both_backends!(unknown_route_is_a_404_problem, |app| async move {
    let response = app
        .client
        .get(app.url("/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_problem(response, 404, "not_found").await;
});

both_backends!(wrong_method_is_a_405_with_allow, |app| async move {
    let response = app.client.delete(app.url("/v1/me")).send().await.unwrap();
    assert_eq!(response.headers()["allow"], "GET");
    assert_problem(response, 405, "method_not_allowed").await;
});
