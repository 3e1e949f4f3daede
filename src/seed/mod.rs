//! `claimledger seed --demo`: a small dataset built from a news analysis of the 30 November
//! 2022 attack on a police truck in Quetta (`article-ttp-nexus.txt` beside this file).
//! Loading it twice changes nothing: sources and entities are found by title and name, and a
//! claim already present is a duplicate the store refuses.

use std::collections::HashMap;

use anyhow::{Context, bail};
use serde_json::{Value, json};

use crate::db::WriteTx;
use crate::domain::claim::ClaimDoc;
use crate::domain::entity::EntityDoc;
use crate::domain::source::SourceDoc;
use crate::store::engine::{self, Editable};
use crate::store::entities::Entity;
use crate::store::ledger::Ledger;
use crate::store::sources::Source;
use crate::store::{self, Author, StoreError};

/// The article the demo data cites; every quote in it appears here word for word.
pub const ARTICLE: &str = include_str!("article-ttp-nexus.txt");
pub const ARTICLE_TITLE: &str = "Afghan Taliban, TTP And Pakistan: The Undeniable Nexus";

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub sources_created: usize,
    pub entities_created: usize,
    pub claims_created: usize,
    pub claims_already_there: usize,
    pub captures_created: usize,
}

/// (handle, kind, name, aliases, description)
const ENTITIES: &[(&str, &str, &str, &[&str], &str)] = &[
    (
        "ttp",
        "organization",
        "Tehreek-e-Taliban Pakistan",
        &["TTP", "Pakistani Taliban"],
        "Militant organisation fighting the Pakistani state.",
    ),
    (
        "afghan_taliban",
        "organization",
        "Afghan Taliban",
        &["Islamic Emirate of Afghanistan", "Taliban"],
        "Rulers of Afghanistan since August 2021.",
    ),
    (
        "pakistan",
        "place",
        "Pakistan",
        &["Islamic Republic of Pakistan"],
        "",
    ),
    (
        "constabulary",
        "organization",
        "Balochistan Constabulary",
        &[],
        "Police force of Balochistan province.",
    ),
    (
        "muzahim",
        "person",
        "Mufti Muzahim",
        &[],
        "TTP deputy leader (naib ameer) and 'defense minister'.",
    ),
    (
        "mahesar",
        "person",
        "Azfar Mahesar",
        &["DIG Police Azfar Mahesar"],
        "Deputy Inspector General of Police.",
    ),
    (
        "khar",
        "person",
        "Hina Rabbani Khar",
        &[],
        "Pakistan's State Minister for Foreign Affairs.",
    ),
    (
        "quetta_attack",
        "event",
        "Quetta police truck bombing, 30 November 2022",
        &["Quetta attack"],
        "Suicide attack on a Balochistan Constabulary truck protecting a polio vaccination team.",
    ),
    (
        "attack_order",
        "other",
        "TTP order to initiate nationwide attacks, November 2022",
        &["TTP attack order"],
        "A handwritten letter announcing attacks across Pakistan.",
    ),
    (
        "ceasefire",
        "event",
        "TTP–Pakistan ceasefire",
        &[],
        "Ceasefire between the TTP and Pakistan mediated by the Afghan Taliban.",
    ),
    (
        "lakki_marwat",
        "event",
        "Lakki Marwat joint security operation, November 2022",
        &["Lakki Marwat operation"],
        "",
    ),
    (
        "serena",
        "event",
        "Serena Hotel bombing, Quetta, April 2021",
        &["Serena Hotel attack"],
        "Suicide bombing in Quetta's red zone.",
    ),
    (
        "quetta",
        "place",
        "Quetta",
        &["Quetta, Balochistan"],
        "Capital of Balochistan province, Pakistan.",
    ),
];

/// The claims, in our own words, each with a short exact quote and its paragraph. `@name`
/// stands for an entity's id, `@article` for the article's.
fn claims() -> Vec<Value> {
    let attack = |statement: &str,
                  property: &str,
                  value: Value,
                  confidence: f64,
                  quote: &str,
                  paragraph: u32| {
        json!({
            "statement": statement,
            "subject_id": "@quetta_attack", "property": property, "value": value,
            "occurred_at": {"value": "2022-11-30", "precision": "day"},
            "place": "Quetta, Balochistan, Pakistan",
            "confidence": confidence, "credibility": 3,
            "tags": ["ttp", "quetta-2022-11-30"],
            "citations": [{"source_id": "@article", "quote": quote, "locator": format!("paragraph {paragraph}")}]
        })
    };
    let two_speakers = |mut claim: Value| {
        claim["citations"][0]["attributed_to"] = json!("@ttp");
        if let Some(citations) = claim["citations"].as_array_mut() {
            citations.push(json!({
                "source_id": "@article",
                "quote": "The police units were protecting a polio vaccination team according to DIG Police Azfar Mahesar",
                "locator": "paragraph 2",
                "attributed_to": "@mahesar"
            }));
        }
        claim
    };
    let people = |lower: u32, upper: Option<u32>| json!({"type": "quantity", "lower": lower, "upper": upper, "unit": "people"});
    // The article prints this paragraph twice (paragraphs 8 and 12): one claim citing both
    // places, and one independent origin — the same words in the same source.
    let pundits_quote =
        "would “put pressure” on the Afghan Taliban to restrain the Pakistani Taliban";
    let pundits = json!({
        "statement": "Mainstream Pakistani national security pundits believe the TTP's declaration will put pressure on the Afghan Taliban to restrain the Pakistani Taliban.",
        "claimant": {"text": "Mainstream national security pundits in Pakistan"},
        "confidence": 0.9,
        "tags": ["ttp", "afghan-taliban"],
        "citations": [
            {"source_id": "@article", "quote": pundits_quote, "locator": "paragraph 8"},
            {"source_id": "@article", "quote": pundits_quote, "locator": "paragraph 12"}
        ]
    });
    vec![
        json!({
            "statement": "The TTP claimed responsibility for the attack on a Balochistan Constabulary police truck in Quetta on 30 November 2022.",
            "subject_id": "@quetta_attack", "property": "responsibility_claimed_by", "value": {"type": "entity", "entity_id": "@ttp"},
            "occurred_at": {"value": "2022-11-30", "precision": "day"}, "place": "Quetta, Balochistan, Pakistan",
            "claimant": {"entity_id": "@ttp", "text": "Tehreek-e-Taliban Pakistan (claim of responsibility)"},
            "confidence": 0.9, "credibility": 2, "tags": ["ttp", "quetta-2022-11-30"],
            "citations": [{"source_id": "@article", "quote": "have claimed responsibility for attacking a police truck of the Balochistan Constabulary", "locator": "paragraph 1", "attributed_to": "@ttp"}]
        }),
        // Two speakers in one article, two independent origins: what the TTP claimed, and
        // what the police said of the units attacked.
        two_speakers(attack(
            "The Quetta attack targeted a police truck of the Balochistan Constabulary.",
            "target",
            json!({"type": "entity", "entity_id": "@constabulary"}),
            0.9,
            "attacking a police truck of the Balochistan Constabulary in the morning hours of November 30",
            1,
        )),
        attack(
            "At least one police officer was killed in the attack on the Balochistan Constabulary truck in Quetta.",
            "fatalities.police",
            people(1, None),
            0.75,
            "causing at least one police fatality",
            2,
        ),
        attack(
            "Two civilians, a woman and a minor, were killed in the Quetta attack.",
            "fatalities.civilian",
            people(2, Some(2)),
            0.7,
            "killing two other civilians, a woman and a minor",
            2,
        ),
        attack(
            "At least 20 police personnel were injured in the Quetta attack.",
            "injured",
            people(20, None),
            0.7,
            "At least 20 other police personnel are also reportedly injured",
            2,
        ),
        attack(
            "The suicide attacker in Quetta rammed a motorbike packed with explosives into the police truck.",
            "vehicle",
            json!({"type": "text", "text": "motorbike"}),
            0.5,
            "rammed a motorbike or rickshaw packed with explosives into the police truck",
            2,
        ),
        attack(
            "The suicide attacker in Quetta rammed a rickshaw packed with explosives into the police truck.",
            "vehicle",
            json!({"type": "text", "text": "rickshaw"}),
            0.5,
            "rammed a motorbike or rickshaw packed with explosives into the police truck",
            2,
        ),
        json!({
            "statement": "The police units attacked in Quetta were protecting a polio vaccination team, not conducting a counterterrorism operation.",
            "occurred_at": {"value": "2022-11-30", "precision": "day"}, "place": "Quetta, Balochistan, Pakistan",
            "claimant": {"entity_id": "@mahesar", "text": "DIG Police Azfar Mahesar"},
            "confidence": 0.8, "credibility": 2, "tags": ["polio", "quetta-2022-11-30"],
            "citations": [{"source_id": "@article", "quote": "The police units were protecting a polio vaccination team according to DIG Police Azfar Mahesar", "locator": "paragraph 2", "attributed_to": "@mahesar"}]
        }),
        json!({
            "statement": "The TTP ended its ceasefire with the Pakistani state about two days before the Quetta attack.",
            "subject_id": "@ceasefire", "property": "end_date", "value": {"type": "time", "value": "2022-11-28", "precision": "day"},
            "occurred_at": {"value": "2022-11", "precision": "month"},
            "confidence": 0.65, "tags": ["ttp", "ceasefire"],
            "citations": [{"source_id": "@article", "quote": "This comes barely two days after the TTP ended their tenuous ceasefire with the Pakistani state", "locator": "paragraph 3"}]
        }),
        json!({
            "statement": "Hina Rabbani Khar, Pakistan's State Minister for Foreign Affairs, visited Kabul for scheduled talks with the Afghan Taliban.",
            "occurred_at": {"value": "2022-11", "precision": "month"}, "place": "Kabul, Afghanistan",
            "confidence": 0.85, "tags": ["diplomacy", "afghan-taliban"],
            "citations": [{"source_id": "@article", "quote": "Hina Rabbani Khar, visited Kabul for scheduled talks with the Afghan Taliban", "locator": "paragraph 3"}]
        }),
        json!({
            "statement": "The Afghan Taliban were mediating the ceasefire between the TTP and Pakistan.",
            "confidence": 0.6, "credibility": 3, "tags": ["ttp", "afghan-taliban", "ceasefire"],
            "citations": [{"source_id": "@article", "quote": "the Afghan Taliban were mediating this ceasefire between the TTP and Pakistan", "locator": "paragraph 4"}]
        }),
        json!({
            "statement": "The TTP's order to begin nationwide attacks was a handwritten letter signed by Mufti Muzahim.",
            "subject_id": "@attack_order", "property": "signatory", "value": {"type": "entity", "entity_id": "@muzahim"},
            "occurred_at": {"value": "2022-11", "precision": "month"},
            "confidence": 0.75, "credibility": 3, "tags": ["ttp", "attack-order"],
            "citations": [{"source_id": "@article", "quote": "issued in a handwritten letter signed by Mufti Muzahim, TTP's deputy leader (naib ameer)", "locator": "paragraph 5"}]
        }),
        json!({
            "statement": "Mufti Muzahim is the TTP's deputy leader (naib ameer) and its 'defense minister'.",
            "confidence": 0.8, "tags": ["ttp"],
            "citations": [{"source_id": "@article", "quote": "Mufti Muzahim, TTP's deputy leader (naib ameer) and ‘defense minister’", "locator": "paragraph 5"}]
        }),
        json!({
            "statement": "The Lakki Marwat joint security operation started on 26 November 2022.",
            "subject_id": "@lakki_marwat", "property": "start_date", "value": {"type": "time", "value": "2022-11-26", "precision": "day"},
            "occurred_at": {"value": "2022-11-26", "precision": "day"}, "place": "Lakki Marwat, Khyber Pakhtunkhwa, Pakistan",
            "confidence": 0.85, "tags": ["lakki-marwat"],
            "citations": [{"source_id": "@article", "quote": "the Lakki Marwat joint security operation that started on November 26", "locator": "paragraph 7"}]
        }),
        json!({
            "statement": "The TTP claimed responsibility for multiple attacks in Lakki Marwat district on 25 November 2022.",
            "occurred_at": {"value": "2022-11-25", "precision": "day"}, "place": "Lakki Marwat, Khyber Pakhtunkhwa, Pakistan",
            "claimant": {"entity_id": "@ttp"},
            "confidence": 0.8, "tags": ["ttp", "lakki-marwat"],
            "citations": [{"source_id": "@article", "quote": "multiple attacks that the TTP claimed responsibility for carrying out in Lakki Marwat district on November 25", "locator": "paragraph 7"}]
        }),
        pundits,
        json!({
            "statement": "The TTP claimed responsibility for a suicide bombing at the Serena Hotel in Quetta's red zone in April 2021.",
            "subject_id": "@serena", "property": "responsibility_claimed_by", "value": {"type": "entity", "entity_id": "@ttp"},
            "occurred_at": {"value": "2021-04", "precision": "month"}, "place": "Quetta, Balochistan, Pakistan",
            "confidence": 0.85, "tags": ["ttp", "serena-hotel"],
            "citations": [{"source_id": "@article", "quote": "In April 2021, the TTP claimed responsibility for a suicide bombing attack on Serena Hotel in Quetta's heavily guarded red zone", "locator": "paragraph 9"}]
        }),
        json!({
            "statement": "The Afghan Taliban returned to power in Kabul on 15 August 2021.",
            "occurred_at": {"value": "2021-08-15", "precision": "day"}, "place": "Kabul, Afghanistan",
            "confidence": 0.97, "tags": ["afghan-taliban"],
            "citations": [{"source_id": "@article", "quote": "As the Afghan Taliban emerged victorious, on August 15 no less", "locator": "paragraph 10"}]
        }),
        json!({
            "statement": "Negotiations mediated by the Afghan Taliban and a three-month ceasefire between the TTP and Pakistan became public by October 2021.",
            "occurred_at": {"value": "2021-10", "precision": "month"},
            "confidence": 0.8, "tags": ["ttp", "ceasefire"],
            "citations": [{"source_id": "@article", "quote": "a three-month-long ceasefire between the TTP and Pakistan, became public knowledge by October 2021", "locator": "paragraph 10"}]
        }),
        json!({
            "statement": "On 13 November 2022 an Afghan Taliban militant attacked Pakistani security personnel at the Chaman-Spin Boldak border crossing.",
            "occurred_at": {"value": "2022-11-13", "precision": "day"}, "place": "Chaman-Spin Boldak border crossing",
            "confidence": 0.75, "tags": ["afghan-taliban", "border"],
            "citations": [{"source_id": "@article", "quote": "a 'rogue' Afghan Taliban militant attacked Pakistani security personnel at the Chaman-Spin Boldak border crossing", "locator": "paragraph 15"}]
        }),
    ]
}

/// Loads the demo dataset (idempotent).
pub fn seed_demo(tx: &mut WriteTx<'_>, ledger: &Ledger) -> anyhow::Result<SeedReport> {
    let mut report = SeedReport::default();
    let admin: String = store::users::first_admin(tx.conn())?.context(
        "no admin user yet: start the server once (or run `claimledger user create`) first",
    )?;
    let author = Author::new(&admin).with_summary(Some("demo data".into()));

    let mut ids: HashMap<String, String> = HashMap::new();
    let article = SourceDoc {
        kind: crate::domain::source::SourceKind::Article,
        title: ARTICLE_TITLE.into(),
        url: None,
        // The text names its author but not its publisher or date; the demo invents neither.
        publisher: None,
        authors: vec!["Shemrez".into()],
        published_at: None,
        language: Some("en".into()),
        reliability: crate::domain::source::Reliability::C,
        archived_url: None,
        derives_from: vec![],
    };
    let existing = store::sources::find_by_title(tx.conn(), ARTICLE_TITLE)?;
    let article_id = match existing {
        Some(id) => id,
        None => {
            report.sources_created += 1;
            let snapshot = Source::compose(article, None);
            engine::create::<Source>(tx, ledger, snapshot, Some(&author))
                .map_err(store_error)?
                .meta
                .id
        }
    };
    // The article itself, as the source's capture: every demo quote verifies against it.
    if store::captures::latest(tx.conn(), &article_id)?.is_none() {
        use sha2::Digest;
        let bytes = ARTICLE.as_bytes().to_vec();
        let sha256 = hex::encode(sha2::Sha256::digest(&bytes));
        let snapshot = store::captures::CaptureSnapshot {
            source_id: article_id.clone(),
            sha256: sha256.clone(),
            media_type: "text/plain; charset=utf-8".into(),
            retrieved_at: chrono::DateTime::parse_from_rfc3339("2022-12-01T00:00:00Z")?.to_utc(),
            archive_url: None,
            size: bytes.len() as i64,
        };
        let blob = store::captures::Blob {
            sha256,
            content: bytes,
            format: "text",
            text: ARTICLE.to_owned(),
        };
        store::captures::create(tx, ledger, snapshot, blob, &author).map_err(store_error)?;
        report.captures_created += 1;
    }
    ids.insert("article".into(), article_id);

    for (handle, kind, name, aliases, description) in ENTITIES {
        let existing = store::entities::find_by_name(tx.conn(), name)?;
        let id = match existing {
            Some(id) => id,
            None => {
                let doc: EntityDoc = serde_json::from_value(json!({
                    "kind": kind, "name": name, "aliases": aliases,
                    "description": if description.is_empty() { Value::Null } else { json!(description) }
                }))?;
                let doc = doc
                    .validate()
                    .map_err(|e| anyhow::anyhow!("demo entity {name}: {e:?}"))?;
                report.entities_created += 1;
                let snapshot = Entity::compose(doc, None);
                engine::create::<Entity>(tx, ledger, snapshot, Some(&author))
                    .map_err(store_error)?
                    .meta
                    .id
            }
        };
        ids.insert((*handle).into(), id);
    }

    for claim in claims() {
        let claim = resolve(claim, &ids)?;
        let doc: ClaimDoc = serde_json::from_value(claim)?;
        for citation in &doc.citations {
            if let Some(quote) = &citation.quote
                && !ARTICLE.contains(quote.as_str())
            {
                bail!("demo quote not in the article: {quote:?}");
            }
        }
        let valid = doc
            .validate()
            .map_err(|e| anyhow::anyhow!("demo claim: {e:?}"))?;
        // In a savepoint: a claim refused leaves nothing of itself behind.
        match tx.savepoint(|tx| store::claims::create(tx, ledger, valid, &author)) {
            Ok(_) => report.claims_created += 1,
            Err(StoreError::Conflict {
                code: "duplicate_claim",
                ..
            }) => report.claims_already_there += 1,
            Err(e) => return Err(store_error(e)),
        }
    }
    Ok(report)
}

/// Every quote the demo claims cite (each appears in [`ARTICLE`] word for word).
#[cfg(test)]
pub(crate) fn demo_quotes() -> Vec<String> {
    claims()
        .iter()
        .flat_map(|claim| claim["citations"].as_array().cloned().unwrap_or_default())
        .filter_map(|citation| citation["quote"].as_str().map(str::to_owned))
        .collect()
}

/// Replaces `"@handle"` strings with the ids they name.
fn resolve(value: Value, ids: &HashMap<String, String>) -> anyhow::Result<Value> {
    Ok(match value {
        Value::String(s) if s.starts_with('@') => {
            let id = ids
                .get(&s[1..])
                .with_context(|| format!("unknown handle {s}"))?;
            Value::String(id.clone())
        }
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| resolve(v, ids))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| resolve(v, ids).map(|v| (k, v)))
                .collect::<Result<_, _>>()?,
        ),
        other => other,
    })
}

fn store_error(error: StoreError) -> anyhow::Error {
    anyhow::anyhow!("{error}: {error:?}")
}
