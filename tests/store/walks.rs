//! Lists in creation order of a source's or a tag's claims walk `citations (source_id,
//! claim_id)` or `claim_tags (tag, claim_id)` a window at a time (`store::claims::list_ids`),
//! and a search with an explicit sort orders the search window. Paged through with cursors,
//! each must give exactly the claims a plain filter would, in order, on both backends.

use claimledger::store::claims::{self, Claim, ClaimCursor, ClaimFilter, ClaimSort, list_ids};
use claimledger::store::engine;
use claimledger::store::{StoreResult, ledger::Ledger};
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Env, claim_doc};

/// A claim as written: which filters it should pass.
#[derive(Debug, Clone)]
struct Made {
    id: String,
    cites_second: bool,
    tagged: bool,
    live: bool,
    confidence: f64,
}

/// Writes `n` claims: every one cites the shared source; every third the second source too
/// (every ninth twice, with two quotes); every other is tagged `walked`; every seventh is
/// retracted. Oldest first.
async fn write_claims(env: &Env, second: &str, n: usize) -> Vec<Made> {
    let mut made = Vec::new();
    for chunk in (0..n).collect::<Vec<_>>().chunks(100) {
        let plans: Vec<(usize, serde_json::Value)> = chunk
            .iter()
            .map(|&i| {
                let mut citations = vec![json!({"source_id": env.source_id})];
                if i % 3 == 0 {
                    citations.push(json!({"source_id": second, "quote": "first"}));
                }
                if i % 9 == 0 {
                    citations.push(json!({"source_id": second, "quote": "second"}));
                }
                let tags = if i % 2 == 0 {
                    json!(["walked"])
                } else {
                    json!([])
                };
                (
                    i,
                    json!({
                        "citations": citations,
                        "tags": tags,
                        "confidence": (i % 10) as f64 / 10.0,
                    }),
                )
            })
            .collect();
        let docs: Vec<_> = plans
            .iter()
            .map(|(i, extra)| {
                claim_doc(
                    &env.source_id,
                    &format!("Walked report number {i} of the blast"),
                    extra.clone(),
                )
            })
            .collect();
        let retract: Vec<bool> = chunk.iter().map(|i| i % 7 == 0).collect();
        let ids = env
            .write(move |tx, ledger: &Ledger, author| {
                let mut ids = Vec::new();
                for (doc, retract) in docs.into_iter().zip(retract) {
                    let stored = claims::create(tx, ledger, doc, author)?;
                    if retract {
                        engine::set_retracted::<Claim>(
                            tx,
                            ledger,
                            &stored,
                            Some("withdrawn".into()),
                            author,
                        )?;
                    }
                    ids.push(stored.meta.id);
                }
                StoreResult::Ok(ids)
            })
            .await;
        made.extend(chunk.iter().zip(ids).map(|(&i, id)| Made {
            id,
            cites_second: i % 3 == 0,
            tagged: i % 2 == 0,
            live: i % 7 != 0,
            confidence: (i % 10) as f64 / 10.0,
        }));
    }
    made
}

/// Every page of `filter` in `sort`, `limit` at a time, following the cursors; the ids.
async fn all_pages(env: &Env, filter: &ClaimFilter, sort: ClaimSort, limit: i64) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor: Option<ClaimCursor> = None;
    loop {
        let (filter, page_cursor) = (filter.clone(), cursor.clone());
        let page = env
            .read(move |conn| list_ids(conn, &filter, sort, page_cursor.as_ref(), limit + 1))
            .await;
        let more = page.len() as i64 > limit;
        let page: Vec<(String, String)> = page.into_iter().take(limit as usize).collect();
        ids.extend(page.iter().map(|(id, _)| id.clone()));
        if !more {
            break;
        }
        let (id, value) = page.last().cloned().expect("a full page");
        cursor = Some(ClaimCursor::after(sort, &value, id).expect("a cursor for this sort"));
        assert!(ids.len() < 10_000, "the pages do not end");
    }
    ids
}

fn expected(made: &[Made], keep: impl Fn(&Made) -> bool, descending: bool) -> Vec<String> {
    let mut ids: Vec<String> = made
        .iter()
        .filter(|m| keep(m))
        .map(|m| m.id.clone())
        .collect();
    ids.sort();
    if descending {
        ids.reverse();
    }
    ids
}

both_backends!(
    source_and_tag_lists_page_through_every_claim_once,
    |env| async move {
        let second = env.source("The second source").await;
        let made = write_claims(&env, &second, 400).await;
        let by_second = ClaimFilter {
            source_id: Some(second.clone()),
            ..Default::default()
        };
        let by_tag = ClaimFilter {
            tag: Some("walked".into()),
            ..Default::default()
        };
        let by_both = ClaimFilter {
            source_id: Some(second.clone()),
            tag: Some("walked".into()),
            ..Default::default()
        };
        let with_retracted = ClaimFilter {
            include_retracted: true,
            ..by_second.clone()
        };
        let rare_confidence = ClaimFilter {
            min_confidence: Some(0.9),
            ..by_tag.clone()
        };
        for descending in [true, false] {
            let sort = ClaimSort::CreatedAt { descending };
            for limit in [7, 50, 500] {
                assert_eq!(
                    all_pages(&env, &by_second, sort, limit).await,
                    expected(&made, |m| m.cites_second && m.live, descending),
                    "by source, descending {descending}, limit {limit} (each claim once, even citing it twice)"
                );
                assert_eq!(
                    all_pages(&env, &by_tag, sort, limit).await,
                    expected(&made, |m| m.tagged && m.live, descending),
                    "by tag, descending {descending}, limit {limit}"
                );
                assert_eq!(
                    all_pages(&env, &by_both, sort, limit).await,
                    expected(&made, |m| m.cites_second && m.tagged && m.live, descending),
                    "by source and tag, descending {descending}, limit {limit}"
                );
                assert_eq!(
                    all_pages(&env, &with_retracted, sort, limit).await,
                    expected(&made, |m| m.cites_second, descending),
                    "by source with retracted, descending {descending}, limit {limit}"
                );
                assert_eq!(
                    all_pages(&env, &rare_confidence, sort, limit).await,
                    expected(
                        &made,
                        |m| m.tagged && m.live && m.confidence >= 0.9,
                        descending
                    ),
                    "by tag with a filter few pass (many windows), descending {descending}, limit {limit}"
                );
            }
        }
    }
);

both_backends!(a_search_with_a_sort_orders_the_window, |env| async move {
    let second = env.source("The second source").await;
    let made = write_claims(&env, &second, 120).await;
    let filter = ClaimFilter {
        q: claimledger::domain::text::search_tokens("walked blast"),
        ..Default::default()
    };
    let live: Vec<&Made> = made.iter().filter(|m| m.live).collect();
    for descending in [true, false] {
        let mut by_confidence: Vec<&Made> = live.clone();
        by_confidence.sort_by(|a, b| {
            let order = a
                .confidence
                .total_cmp(&b.confidence)
                .then_with(|| a.id.cmp(&b.id));
            if descending { order.reverse() } else { order }
        });
        let want: Vec<String> = by_confidence.iter().map(|m| m.id.clone()).collect();
        assert_eq!(
            all_pages(&env, &filter, ClaimSort::Confidence { descending }, 9).await,
            want,
            "q with sort by confidence, descending {descending}"
        );
        assert_eq!(
            all_pages(&env, &filter, ClaimSort::CreatedAt { descending }, 9).await,
            expected(&made, |m| m.live, descending),
            "q with sort by creation, descending {descending}"
        );
    }
});
