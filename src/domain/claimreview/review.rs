//! One ClaimReview node: the review, its rating, the claim it reviews, and claimledger's own
//! extension.

use super::*;

/// One ClaimReview node.
pub(super) fn claim_review(
    object: &Map<String, Value>,
    pointer: &str,
) -> Result<ImportItem, Vec<FieldError>> {
    let mut node = Node::new(object, pointer);
    let mut unmapped = Vec::new();
    let mut v = Validator::new();

    let statement = match node.take("claimReviewed") {
        Some((p, value)) => match text(value) {
            Some(s) => v.check(
                &p,
                clean(s).and_then(|s| required_text(s, MAX_STATEMENT_CHARS)),
            ),
            None => {
                v.push(&p, "must be a string: the claim, in words");
                None
            }
        },
        None => {
            v.push(pointer, "has no claimReviewed (the claim, in words)");
            None
        }
    };
    let url = node.review_url(&mut v, url_of);
    let (publisher, publisher_url) = match node.take("author") {
        Some((p, value)) => match party(&p, value, &mut unmapped) {
            Ok((name, url, _)) => (Some(name), url),
            Err(reason) => {
                v.push(&p, reason);
                (None, None)
            }
        },
        None => (None, None),
    };
    let title = optional(
        node.take("headline").or_else(|| node.take("name")),
        |value| string_field(value).and_then(|t| optional_text(Some(&t), 500)),
        &mut unmapped,
    )
    .flatten();
    let reviewed_at = optional(
        node.take("datePublished"),
        |value| string_field(value).and_then(|d| review_date(&d)),
        &mut unmapped,
    );
    let language = optional(
        node.take("inLanguage"),
        |value| {
            let tag = match value {
                Value::Object(o) => o
                    .get("alternateName")
                    .or_else(|| o.get("name"))
                    .and_then(text),
                other => text(other),
            }
            .ok_or("is not a language tag")?;
            parse_language_tag(clean(tag)?.trim())
        },
        &mut unmapped,
    );
    let (textual_rating, rating) = match node.take("reviewRating") {
        Some((p, value)) => {
            let (p, value) = first(&p, value, &mut unmapped);
            match value {
                Value::Object(o) => review_rating(o, &p, &mut unmapped),
                _ => {
                    unmapped.push(UnmappedField {
                        pointer: p,
                        reason: "is not a Rating".into(),
                    });
                    (None, None)
                }
            }
        }
        None => (None, None),
    };
    if textual_rating.is_none() && rating.is_none() {
        v.push(
            pointer,
            "has no reviewRating with an alternateName or a ratingValue",
        );
    }

    let mut claimant = None;
    let mut claimed_at = None;
    let mut found = Vec::new();
    let mut ours = None;
    if let Some((p, value)) = node.take("itemReviewed") {
        let (p, value) = first(&p, value, &mut unmapped);
        match value {
            Value::Object(item) => {
                let mut item_node = Node::new(item, p);
                if let Some((p, value)) = item_node.take("author") {
                    match party(&p, value, &mut unmapped) {
                        Ok((name, _, kind)) => match required_text(&name, 300) {
                            Ok(name) => claimant = Some(ClaimantIn { name, kind }),
                            Err(reason) => unmapped.push(UnmappedField { pointer: p, reason }),
                        },
                        Err(reason) => unmapped.push(UnmappedField { pointer: p, reason }),
                    }
                }
                claimed_at = optional(
                    item_node.take("datePublished"),
                    |value| string_field(value).and_then(|d| claim_date(&d)),
                    &mut unmapped,
                );
                for name in ["firstAppearance", "appearance"] {
                    if let Some((p, value)) = item_node.take(name) {
                        appearances(&p, value, &mut found, &mut unmapped);
                    }
                }
                ours = item_node.take("claimledger:claim");
                item_node.rest(NOT_KEPT, &mut unmapped);
            }
            _ => unmapped.push(UnmappedField {
                pointer: p,
                reason: "is not a Claim node".into(),
            }),
        }
    }
    // Written by another claimledger: in `itemReviewed` (as ours exports it) or on the review.
    let mut full_statement = None;
    let mut structured = match ours.or_else(|| node.take("claimledger:claim")) {
        Some((p, value)) => match extension(&p, value, &mut unmapped) {
            Ok((s, statement)) => {
                full_statement = statement;
                Some(s)
            }
            Err(reason) => {
                unmapped.push(UnmappedField { pointer: p, reason });
                None
            }
        },
        None => None,
    };
    let confidence = optional(
        node.take("claimledger:confidence"),
        |v| {
            v.as_f64()
                .filter(|c| (0.0..=1.0).contains(c))
                .ok_or("must be a number from 0 to 1".into())
        },
        &mut unmapped,
    );
    let credibility = optional(
        node.take("claimledger:credibility"),
        |v| {
            v.as_i64()
                .filter(|c| (1..=6).contains(c))
                .map(|c| c as i32)
                .ok_or("must be 1 to 6".into())
        },
        &mut unmapped,
    );
    if let Some(s) = &mut structured {
        s.confidence = s.confidence.or(confidence);
        s.credibility = s.credibility.or(credibility);
    }
    if let Some((p, _)) = node.take("claimledger:verdict") {
        unmapped.push(UnmappedField {
            pointer: p,
            reason: "another organisation's verdict is not ours: it is kept as the external \
                     review's rating"
                .into(),
        });
    }
    if let Some((p, _)) = node.take("claimledger:confidenceLabel") {
        unmapped.push(UnmappedField {
            pointer: p,
            reason: "follows from the confidence".into(),
        });
    }
    node.rest(NOT_KEPT, &mut unmapped);
    v.finish()?;
    let (Some(statement), Some(url)) = (statement, url) else {
        unreachable!("a missing statement or url was recorded as an error")
    };
    // `claimReviewed` may be a shortened statement; the extension holds the whole one.
    let statement = full_statement.unwrap_or(statement);
    let publisher = publisher.unwrap_or_else(|| host_of(&url));
    review_item(
        pointer,
        statement,
        claimant,
        claimed_at,
        found,
        ExternalReviewDoc {
            claim_id: String::new(),
            url,
            publisher,
            publisher_url,
            title,
            reviewed_at,
            textual_rating,
            language,
            rating,
        },
        structured,
        unmapped,
    )
}

/// The review's site when it names no author.
pub(super) fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| url.to_owned())
}

pub(super) fn review_rating(
    object: &Map<String, Value>,
    pointer: &str,
    unmapped: &mut Vec<UnmappedField>,
) -> (Option<String>, Option<NumericRating>) {
    let mut node = Node::new(object, pointer);
    let textual = optional(
        node.take("alternateName").or_else(|| node.take("name")),
        |value| string_field(value).and_then(|t| optional_text(Some(&t), 300)),
        unmapped,
    )
    .flatten();
    let value = optional(
        node.take("ratingValue"),
        |v| number(v).ok_or("is not a number".into()),
        unmapped,
    );
    let best = optional(
        node.take("bestRating"),
        |v| number(v).ok_or("is not a number".into()),
        unmapped,
    );
    let worst = optional(
        node.take("worstRating"),
        |v| number(v).ok_or("is not a number".into()),
        unmapped,
    );
    node.rest(NOT_KEPT, unmapped);
    let rating = value.map(|value| NumericRating { value, best, worst });
    (textual, rating)
}

/// Checks an item's review as the record will (with the claim still unknown); an invalid
/// required field makes the item fail, invalid optional ones are dropped and reported.
#[allow(clippy::too_many_arguments)]
pub(super) fn review_item(
    pointer: &str,
    statement: String,
    claimant: Option<ClaimantIn>,
    claimed_at: Option<DateTime<Utc>>,
    appearances: Vec<AppearanceIn>,
    review: ExternalReviewDoc,
    structured: Option<StructuredIn>,
    mut unmapped: Vec<UnmappedField>,
) -> Result<ImportItem, Vec<FieldError>> {
    let mut checked = ExternalReviewDoc {
        claim_id: "-".into(),
        ..review
    };
    if let Err(errors) = checked.clone().validate() {
        let mut fatal = Vec::new();
        for error in errors {
            match error.pointer.as_str() {
                "/publisher_url" => checked.publisher_url = None,
                "/title" => checked.title = None,
                "/reviewed_at" => checked.reviewed_at = None,
                "/language" => checked.language = None,
                "/rating" | "/rating/value" => checked.rating = None,
                _ => {
                    fatal.push(FieldError::new(
                        pointer,
                        format!("review {}: {}", &error.pointer[1..], error.message),
                    ));
                    continue;
                }
            }
            unmapped.push(UnmappedField {
                pointer: pointer.to_owned(),
                reason: format!("review {}: {}", &error.pointer[1..], error.message),
            });
        }
        if !fatal.is_empty() {
            return Err(fatal);
        }
    }
    let review = checked.validate().map_err(|errors| {
        errors
            .into_iter()
            .map(|e| FieldError::new(pointer, format!("review {}: {}", e.pointer, e.message)))
            .collect::<Vec<_>>()
    })?;
    Ok(ImportItem {
        pointer: pointer.to_owned(),
        statement,
        claimant,
        claimed_at,
        appearances,
        review,
        structured,
        unmapped,
    })
}

/// `claimledger:claim`: a claim exported by another claimledger — its whole `statement`, its
/// structured part (`subject`: `{"id", "name", "kind"}` or a name; `property`: a key; `value`:
/// a claim value, an entity value naming `name` besides or instead of `entity_id`; all three
/// `null` for a claim without one), `occurred_at`, `place`, `confidence`, `credibility`,
/// `tags`. Its `id`, `claimant` and `claimed_at` are read from the ClaimReview itself; other
/// fields are reported unmapped.
pub(super) fn extension(
    pointer: &str,
    value: &Value,
    unmapped: &mut Vec<UnmappedField>,
) -> Result<(StructuredIn, Option<String>), String> {
    let Value::Object(object) = value else {
        return Err("is not a claim object".into());
    };
    if value.to_string().contains("\\u0000") {
        return Err("must not contain the NUL character (U+0000)".into());
    }
    let mut node = Node::new(object, pointer);
    let statement = optional(
        node.take("statement"),
        |v| string_field(v).and_then(|s| required_text(&s, MAX_STATEMENT_CHARS)),
        unmapped,
    );
    let subject = node
        .take("subject")
        .or_else(|| node.take("subject_id"))
        .filter(|(_, v)| !v.is_null());
    let property = node.take("property").filter(|(_, v)| !v.is_null());
    let value = node.take("value").filter(|(_, v)| !v.is_null());
    let part = match (subject, property, value) {
        (None, None, None) => None,
        (Some((_, subject)), Some((_, property)), Some((_, value))) => {
            let subject = entity_ref(subject).ok_or("subject: names no entity")?;
            let property = property
                .as_str()
                .map(str::to_owned)
                .filter(|p| !p.trim().is_empty())
                .ok_or("property: is not a property key")?;
            let value = match value {
                Value::Object(v) if v.get("type").and_then(Value::as_str) == Some("entity") => {
                    ValueIn::Entity(entity_ref(value).ok_or("value: names no entity")?)
                }
                v => ValueIn::Other(
                    serde_json::from_value::<ClaimValue>(v.clone())
                        .map_err(|e| format!("value: {e}"))?,
                ),
            };
            Some(StructuredPart {
                subject,
                property,
                value,
            })
        }
        _ => return Err("needs a subject, a property and a value, or none of them".into()),
    };
    let occurred_at = optional(
        node.take("occurred_at"),
        |v| {
            let t: TimeValue = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
            t.span()?;
            Ok(t)
        },
        unmapped,
    );
    let place = optional(
        node.take("place"),
        |v| string_field(v).and_then(|p| optional_text(Some(&p), 300)),
        unmapped,
    )
    .flatten();
    let confidence = optional(
        node.take("confidence"),
        |v| {
            v.as_f64()
                .filter(|c| (0.0..=1.0).contains(c))
                .ok_or("must be a number from 0 to 1".into())
        },
        unmapped,
    );
    let credibility = optional(
        node.take("credibility"),
        |v| {
            v.as_i64()
                .filter(|c| (1..=6).contains(c))
                .map(|c| c as i32)
                .ok_or("must be 1 to 6".into())
        },
        unmapped,
    );
    // Room is left for `imported`.
    let tags = optional(
        node.take("tags"),
        |v| {
            let tags: Vec<String> = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
            if tags.len() >= crate::domain::claim::MAX_TAGS {
                return Err(format!(
                    "at most {} tags are kept besides imported",
                    crate::domain::claim::MAX_TAGS - 1
                ));
            }
            Ok(tags)
        },
        unmapped,
    )
    .unwrap_or_default();
    for key in ["id", "claimant", "claimed_at"] {
        node.take(key);
    }
    node.rest(NOT_KEPT, unmapped);
    Ok((
        StructuredIn {
            pointer: pointer.to_owned(),
            part,
            occurred_at,
            place,
            confidence,
            credibility,
            tags,
        },
        statement,
    ))
}

pub(super) fn entity_ref(value: &Value) -> Option<EntityRef> {
    let name_ok = |s: &&str| !s.trim().is_empty() && !has_nul(s) && s.chars().count() <= 300;
    match value {
        Value::String(name) => Some(EntityRef {
            id: None,
            name: Some(name.trim().to_owned()).filter(|n| name_ok(&n.as_str())),
            kind: EntityKind::Other,
        })
        .filter(|r| r.name.is_some()),
        Value::Object(o) => {
            let id = o
                .get("id")
                .or_else(|| o.get("entity_id"))
                .and_then(Value::as_str)
                .filter(name_ok)
                .map(str::to_owned);
            let name = o
                .get("name")
                .and_then(Value::as_str)
                .filter(name_ok)
                .map(|n| n.trim().to_owned());
            let kind = o
                .get("kind")
                .and_then(Value::as_str)
                .and_then(|k| k.parse().ok())
                .unwrap_or(EntityKind::Other);
            (id.is_some() || name.is_some()).then_some(EntityRef { id, name, kind })
        }
        _ => None,
    }
}
