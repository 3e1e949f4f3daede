//! Google Fact Check Tools `claims:search` responses.

use super::*;

/// A Fact Check Tools `claims:search` response: one item per `claims[i].claimReview[j]`.
pub(super) fn fact_check_tools(
    object: &Map<String, Value>,
    claims: &[Value],
    pointer: &str,
    out: &mut Parsed,
) {
    let mut top = Node::new(object, pointer);
    top.take("claims");
    top.rest(NOT_KEPT, &mut out.unmapped);
    for (i, claim) in claims.iter().enumerate() {
        let claim_pointer = format!("{pointer}/claims/{i}");
        let Value::Object(claim) = claim else {
            out.failures
                .push(FieldError::new(claim_pointer, "is not a claim object"));
            continue;
        };
        let mut node = Node::new(claim, claim_pointer.clone());
        let mut shared = Vec::new();
        let mut v = Validator::new();
        let statement = match node.take("text") {
            Some((p, value)) => v.check(
                &p,
                text(value)
                    .ok_or_else(|| "must be a string".to_owned())
                    .and_then(|s| clean(s).and_then(|s| required_text(s, MAX_STATEMENT_CHARS))),
            ),
            None => {
                v.push(&claim_pointer, "has no text (the claim, in words)");
                None
            }
        };
        let claimant = optional(
            node.take("claimant"),
            |value| {
                string_field(value)
                    .and_then(|n| required_text(&n, 300))
                    .map(|name| ClaimantIn {
                        name,
                        kind: EntityKind::Other,
                    })
            },
            &mut shared,
        );
        let claimed_at = optional(
            node.take("claimDate"),
            |value| string_field(value).and_then(|d| claim_date(&d)),
            &mut shared,
        );
        let reviews = match node.take("claimReview") {
            Some((p, Value::Array(reviews))) if !reviews.is_empty() => Some((p, reviews)),
            Some((p, _)) => {
                v.push(&p, "must be a non-empty array of reviews");
                None
            }
            None => {
                v.push(&claim_pointer, "has no claimReview");
                None
            }
        };
        node.rest(NOT_KEPT, &mut shared);
        if let Err(errors) = v.finish() {
            out.failures.extend(errors);
            continue;
        }
        let (Some(statement), Some((reviews_pointer, reviews))) = (statement, reviews) else {
            continue;
        };
        for (j, review) in reviews.iter().enumerate() {
            let review_pointer = format!("{reviews_pointer}/{j}");
            let Value::Object(review) = review else {
                out.failures
                    .push(FieldError::new(review_pointer, "is not a review object"));
                continue;
            };
            // The claim's own unmapped fields are reported with its first review.
            let mut unmapped = if j == 0 { shared.clone() } else { Vec::new() };
            match fct_review(review, &review_pointer, &mut unmapped) {
                Ok(doc) => match review_item(
                    &review_pointer,
                    statement.clone(),
                    claimant.clone(),
                    claimed_at,
                    Vec::new(),
                    doc,
                    None,
                    unmapped,
                ) {
                    Ok(item) => out.items.push(item),
                    Err(errors) => out.failures.extend(errors),
                },
                Err(errors) => out.failures.extend(errors),
            }
        }
    }
}

pub(super) fn fct_review(
    object: &Map<String, Value>,
    pointer: &str,
    unmapped: &mut Vec<UnmappedField>,
) -> Result<ExternalReviewDoc, Vec<FieldError>> {
    let mut node = Node::new(object, pointer);
    let mut v = Validator::new();
    let url = node.review_url(&mut v, text);
    let mut publisher = None;
    let mut publisher_url = None;
    if let Some((p, value)) = node.take("publisher") {
        match value {
            Value::Object(o) => {
                let mut pn = Node::new(o, p.clone());
                publisher = pn
                    .take("name")
                    .and_then(|(_, v)| text(v))
                    .filter(|n| !has_nul(n))
                    .map(str::to_owned);
                publisher_url = optional(
                    pn.take("site"),
                    |v| {
                        let site = clean(text(v).ok_or("is not a site name")?)?.trim();
                        let url = if site.contains("://") {
                            site.to_owned()
                        } else {
                            format!("https://{site}")
                        };
                        parse_http_url(&url)
                    },
                    unmapped,
                );
                pn.rest(NOT_KEPT, unmapped);
            }
            _ => unmapped.push(UnmappedField {
                pointer: p,
                reason: "is not a publisher object".into(),
            }),
        }
    }
    let title = optional(
        node.take("title"),
        |value| string_field(value).and_then(|t| optional_text(Some(&t), 500)),
        unmapped,
    )
    .flatten();
    let reviewed_at = optional(
        node.take("reviewDate"),
        |value| string_field(value).and_then(|d| review_date(&d)),
        unmapped,
    );
    let textual_rating = match node.take("textualRating") {
        Some((p, value)) => v
            .check(
                &p,
                string_field(value).and_then(|t| optional_text(Some(&t), 300)),
            )
            .flatten(),
        None => None,
    };
    if textual_rating.is_none() {
        v.push(pointer, "has no textualRating");
    }
    let language = optional(
        node.take("languageCode"),
        |value| string_field(value).and_then(|t| parse_language_tag(t.trim())),
        unmapped,
    );
    node.rest(NOT_KEPT, unmapped);
    v.finish()?;
    let url = url.expect("a missing url was recorded as an error");
    Ok(ExternalReviewDoc {
        claim_id: String::new(),
        publisher: publisher.unwrap_or_else(|| host_of(&url)),
        url,
        publisher_url,
        title,
        reviewed_at,
        textual_rating,
        language,
        rating: None,
    })
}
