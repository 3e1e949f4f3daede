//! Search ranks a bounded window (`store::claims::list_ids` with `ClaimSort::Relevance`): the
//! newest `SEARCH_WINDOW` claims that match every word and pass the other filters.
//! PostgreSQL walks the primary key backwards; SQLite walks FTS5's matches newest first, a
//! window at a time, for at most 20 windows. Both must answer alike.

use claimledger::domain::claim::ClaimDoc;
use claimledger::domain::text::search_tokens;
use claimledger::store::claims::{
    self, Claim, ClaimCursor, ClaimFilter, ClaimSort, SEARCH_WINDOW, list_ids,
};
use claimledger::store::engine;
use claimledger::store::{StoreResult, ledger::Ledger};
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Env, claim_doc};

/// A claim made for a search test: its id, and how often it says the first query word.
#[derive(Debug, Clone)]
struct Made {
    id: String,
    /// How many times the statement says "blast" (all statements have five words, so this
    /// alone orders the ranks).
    blasts: usize,
    matches: bool,
    live: bool,
    archived: bool,
}

/// What to write: a statement of five words and whether it carries the tag `archive`.
struct Plan {
    statement: String,
    blasts: usize,
    matches: bool,
    archived: bool,
    retract: bool,
}

fn plan(n: usize, kind: &str) -> Plan {
    let (statement, blasts, matches) = match kind {
        // Both words, "blast" twice.
        "strong" => (format!("Blast in Quetta: blast {n}"), 2, true),
        // Both words once.
        "plain" => (format!("Blast near Quetta market {n}"), 1, true),
        // Only one of the two words: not a match for the pair.
        "decoy" => (format!("Blast near Peshawar market {n}"), 1, false),
        _ => unreachable!(),
    };
    Plan {
        statement,
        blasts,
        matches,
        archived: false,
        retract: false,
    }
}

fn query() -> Vec<String> {
    search_tokens("BLAST quetta")
}

/// Writes the plans in order (several creates per write transaction), retracting those
/// marked; the claims as made, oldest first.
async fn write_all(env: &Env, plans: Vec<Plan>) -> Vec<Made> {
    let mut made = Vec::with_capacity(plans.len());
    let mut plans = plans.into_iter().peekable();
    while plans.peek().is_some() {
        let chunk: Vec<Plan> = plans.by_ref().take(300).collect();
        let docs: Vec<(ClaimDoc, bool)> = chunk
            .iter()
            .map(|p| {
                let tags = if p.archived {
                    json!(["archive"])
                } else {
                    json!([])
                };
                let doc = claim_doc(&env.source_id, &p.statement, json!({"tags": tags}));
                (doc, p.retract)
            })
            .collect();
        let ids = env
            .write(move |tx, ledger: &Ledger, author| {
                let mut ids = Vec::new();
                for (doc, retract) in docs {
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
        made.extend(chunk.into_iter().zip(ids).map(|(p, id)| Made {
            id,
            blasts: p.blasts,
            matches: p.matches,
            live: !p.retract,
            archived: p.archived,
        }));
    }
    made
}

/// The search answer: every id, best first, with its position.
async fn search(env: &Env, filter: ClaimFilter, offset: i64, limit: i64) -> Vec<(String, String)> {
    let cursor = (offset > 0).then_some(ClaimCursor::Offset(offset));
    env.read(move |conn| list_ids(conn, &filter, ClaimSort::Relevance, cursor.as_ref(), limit))
        .await
}

/// The ranked order of `claims`: more mentions of the word first, then by id.
fn ranked(mut claims: Vec<&Made>) -> Vec<String> {
    claims.sort_by(|a, b| b.blasts.cmp(&a.blasts).then_with(|| a.id.cmp(&b.id)));
    claims.into_iter().map(|m| m.id.clone()).collect()
}

fn ids(answer: &[(String, String)]) -> Vec<String> {
    answer.iter().map(|(id, _)| id.clone()).collect()
}

both_backends!(search_ranks_exactly_the_newest_window, |env| async move {
    let window = usize::try_from(SEARCH_WINDOW).unwrap();
    let mut plans = Vec::new();
    for n in 0..640 {
        plans.push(plan(n, if n % 7 == 0 { "strong" } else { "plain" }));
        // Non-matching claims among the matches, and a run of them newest of all: the
        // window counts matches, not claims.
        if n % 3 == 0 || n >= 600 {
            plans.push(plan(n, "decoy"));
        }
    }
    // Three of the newest matches are retracted: they are not in the window, which reaches
    // three matches further back instead (on SQLite: into a second window of matches).
    for p in plans
        .iter_mut()
        .rev()
        .filter(|p| p.matches)
        .take(30)
        .step_by(10)
    {
        p.retract = true;
    }
    let made = write_all(&env, plans).await;
    let ids_in_order: Vec<&String> = made.iter().map(|m| &m.id).collect();
    assert!(
        ids_in_order.windows(2).all(|w| w[0] < w[1]),
        "ids follow creation order"
    );
    let live_matches: Vec<&Made> = made.iter().filter(|m| m.matches && m.live).collect();
    assert_eq!(live_matches.len(), 637);
    let newest = live_matches[live_matches.len() - window..].to_vec();
    let expected = ranked(newest);

    let filter = ClaimFilter {
        q: query(),
        ..Default::default()
    };
    let answer = search(&env, filter.clone(), 0, 10_000).await;
    assert_eq!(answer.len(), window, "exactly the window is ranked");
    assert_eq!(
        ids(&answer),
        expected,
        "the newest {window} live matches, best first"
    );
    let positions: Vec<String> = (1..=window).map(|n| n.to_string()).collect();
    assert_eq!(
        answer.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>(),
        positions
    );
    // A later page continues the same ranking.
    let page = search(&env, filter.clone(), 480, 50).await;
    assert_eq!(ids(&page), expected[480..].to_vec());
    assert_eq!(page[0].1, "481");

    // With the retracted ones included, the window is the newest 500 of every match.
    let with_retracted = ClaimFilter {
        include_retracted: true,
        ..filter
    };
    let all_matches: Vec<&Made> = made.iter().filter(|m| m.matches).collect();
    let expected = ranked(all_matches[all_matches.len() - window..].to_vec());
    assert_eq!(
        ids(&search(&env, with_retracted, 0, 10_000).await),
        expected
    );
});

both_backends!(
    search_finds_old_matches_behind_many_windows,
    |env| async move {
        let window = usize::try_from(SEARCH_WINDOW).unwrap();
        // The oldest claims carry the tag: five live matches (one of them stronger), one match
        // that is retracted, and one that does not match.
        let mut plans = Vec::new();
        for n in 0..7 {
            let mut p = plan(
                n,
                [
                    "plain", "strong", "plain", "decoy", "plain", "plain", "plain",
                ][n],
            );
            p.archived = true;
            p.retract = n == 2;
            plans.push(p);
        }
        // Then more than two windows of newer matches without it: on SQLite the tagged ones are
        // in the third window of matches.
        for n in 7..(7 + 2 * window + 120) {
            plans.push(plan(n, if n % 5 == 0 { "strong" } else { "plain" }));
        }
        let made = write_all(&env, plans).await;

        let tagged = ClaimFilter {
            q: query(),
            tag: Some("archive".into()),
            ..Default::default()
        };
        let answer = search(&env, tagged, 0, 100).await;
        let old: Vec<&Made> = made
            .iter()
            .filter(|m| m.archived && m.matches && m.live)
            .collect();
        assert_eq!(old.len(), 5);
        assert_eq!(
            ids(&answer),
            ranked(old),
            "the old tagged matches, best first"
        );
        assert_eq!(answer[0].1, "1");

        // Without the tag the window is the newest matches: the old ones are not in it.
        let untagged = ClaimFilter {
            q: query(),
            ..Default::default()
        };
        let answer = search(&env, untagged, 0, 10_000).await;
        let matches: Vec<&Made> = made.iter().filter(|m| m.matches && m.live).collect();
        assert_eq!(
            ids(&answer),
            ranked(matches[matches.len() - window..].to_vec())
        );
        assert!(
            answer
                .iter()
                .all(|(id, _)| !made[..7].iter().any(|m| &m.id == id))
        );
    }
);
