//! Reading ClaimReview documents, HTML pages and Fact Check Tools responses.

use super::*;
use serde_json::json;

fn review(url: &str) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": "The bridge was built in 1990.",
        "author": {"@type": "Organization", "name": "Example Checks", "url": "https://checks.example.org", "logo": "x"},
        "datePublished": "2024-03-01",
        "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": "1", "bestRating": 5, "worstRating": 1},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": "A. Politician"},
            "datePublished": "2024-02-20",
            "appearance": [{"@type": "CreativeWork", "url": "https://news.example.com/a"}, "https://news.example.com/b"],
            "firstAppearance": {"@type": "CreativeWork", "url": "https://news.example.com/a"}
        },
        "reviewBody": "long text"
    })
}

#[test]
fn a_claim_review_maps_and_names_what_did_not() {
    let parsed = parse_json_body(&review("https://checks.example.org/1"));
    assert!(parsed.failures.is_empty(), "{:?}", parsed.failures);
    let item = &parsed.items[0];
    assert_eq!(item.statement, "The bridge was built in 1990.");
    assert_eq!(item.review.publisher, "Example Checks");
    assert_eq!(item.review.textual_rating.as_deref(), Some("False"));
    assert_eq!(item.review.rating.as_ref().unwrap().value, 1.0);
    assert_eq!(item.claimant.as_ref().unwrap().kind, EntityKind::Person);
    assert_eq!(item.appearances.len(), 2, "{:?}", item.appearances);
    let pointers: Vec<&str> = item.unmapped.iter().map(|u| u.pointer.as_str()).collect();
    assert_eq!(pointers, ["/author/logo", "/reviewBody"]);
}

#[test]
fn other_types_fail_in_a_body_and_are_ignored_in_a_graph() {
    let parsed = parse_json_body(&json!([{"@type": "WebPage"}]));
    assert_eq!(parsed.failures[0].pointer, "/0");
    let parsed = parse_json_body(
        &json!({"@graph": [{"@type": "WebPage"}, review("https://checks.example.org/2")]}),
    );
    assert!(parsed.failures.is_empty());
    assert_eq!(parsed.items[0].pointer, "/@graph/1");
    assert_eq!(parsed.ignored[0].pointer, "/@graph/0");
}

#[test]
fn a_review_without_its_claim_fails_by_pointer() {
    let mut bad = review("https://checks.example.org/3");
    bad.as_object_mut().unwrap().remove("claimReviewed");
    let parsed = parse_json_body(&json!([review("https://checks.example.org/4"), bad]));
    assert_eq!(parsed.failures.len(), 1);
    assert_eq!(parsed.failures[0].pointer, "/1");
}

#[test]
fn script_blocks_are_found_whatever_their_case_and_quotes() {
    let html = r#"<html><head>
        <!-- <script type="application/ld+json">{"commented": true}</script> -->
        <SCRIPT TYPE='application/ld+json; charset=utf-8'>{"a": 1}</SCRIPT>
        <script src="x.js"></script>
        <script data-x=">" type=application/ld+json>[2]</script >
        <scripts type="application/ld+json">no</scripts>
    </head></html>"#;
    assert_eq!(json_ld_blocks(html), [r#"{"a": 1}"#, "[2]"]);
}

#[test]
fn fact_check_tools_reviews_are_items() {
    let body = json!({"claims": [{"text": "Claim", "claimant": "Someone", "claimDate": "2024-01-01T00:00:00Z",
        "claimReview": [{"publisher": {"name": "P", "site": "p.example.org"}, "url": "https://p.example.org/r",
            "title": "T", "reviewDate": "2024-01-02T00:00:00Z", "textualRating": "False", "languageCode": "en", "extra": 1}]}],
        "nextPageToken": "abc"});
    let parsed = parse_json_body(&body);
    assert!(parsed.failures.is_empty(), "{:?}", parsed.failures);
    assert_eq!(parsed.items[0].pointer, "/claims/0/claimReview/0");
    assert_eq!(
        parsed.items[0].review.publisher_url.as_deref(),
        Some("https://p.example.org")
    );
    assert_eq!(parsed.unmapped[0].pointer, "/nextPageToken");
    assert_eq!(
        parsed.items[0].unmapped[0].pointer,
        "/claims/0/claimReview/0/extra"
    );
}

#[test]
fn an_extension_holding_a_nul_is_not_used() {
    let mut doc = review("https://checks.example.org/5");
    doc["claimledger:claim"] = json!({"subject": "S", "property": "weapon",
        "value": {"type": "text", "text": "a\u{0}b"}});
    let parsed = parse_json_body(&doc);
    let item = &parsed.items[0];
    assert!(item.structured.is_none());
    assert!(
        item.unmapped
            .iter()
            .any(|u| u.pointer == "/claimledger:claim")
    );
}
