//! External reviews: other organisations' published ratings of our claims (ClaimReview
//! imports), one record per review URL. They sit beside a claim and never touch its verdict.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::{DbConn, WriteTx};
use crate::domain::FieldError;
use crate::domain::external_review::{ExternalReviewDoc, NumericRating};
use crate::schema::external_reviews;
use crate::store::engine::{Insert, Record, Retraction, Snapshot, Stored};
use crate::store::ledger::RecordKind;
use crate::store::{StoreError, StoreResult};

/// The external review record kind.
pub struct ExternalReview;

/// An external review as each revision keeps it (format 1, since issue 15).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalReviewSnapshot {
    pub claim_id: String,
    pub url: String,
    pub publisher: String,
    pub publisher_url: Option<String>,
    pub title: Option<String>,
    pub reviewed_at: Option<String>,
    pub textual_rating: Option<String>,
    pub language: Option<String>,
    pub rating: Option<NumericRating>,
    pub retracted: Option<Retraction>,
}

impl Snapshot for ExternalReviewSnapshot {
    const FORMAT: u32 = 1;
}

crate::record_meta!(ExternalReviewMeta for external_reviews, key id, created_by String);

/// A review as its row keeps it: the record's metadata and the columns its snapshot decides.
#[derive(Queryable, Selectable)]
#[diesel(table_name = external_reviews)]
struct ExternalReviewRow {
    #[diesel(embed)]
    meta: ExternalReviewMeta,
    #[diesel(embed)]
    columns: ExternalReviewColumns,
}

impl From<ExternalReviewRow> for Stored<ExternalReview> {
    fn from(ExternalReviewRow { meta, columns: c }: ExternalReviewRow) -> Self {
        let snapshot = crate::copy_fields!(ExternalReviewSnapshot {
            claim_id, url, publisher, publisher_url, title, reviewed_at, textual_rating,
            language,
        } from c,
            rating: c.rating_value.map(|value| NumericRating {
                value,
                best: c.best_rating,
                worst: c.worst_rating,
            }),
            retracted: Retraction::from_columns(c.retracted_at, c.retracted_reason.clone()),
        );
        Stored {
            meta: meta.into(),
            snapshot,
        }
    }
}

crate::record_columns! {
    changes ExternalReviewColumnChanges for external_reviews;
    /// The columns a snapshot decides (all but the metadata).
    #[derive(Insertable, AsChangeset, Queryable, Selectable)]
    #[diesel(table_name = external_reviews, treat_none_as_null = true)]
    struct ExternalReviewColumns {
        claim_id: String,
        url: String,
        publisher: String,
        publisher_url: Option<String>,
        title: Option<String>,
        reviewed_at: Option<String>,
        textual_rating: Option<String>,
        language: Option<String>,
        rating_value: Option<f64>,
        best_rating: Option<f64>,
        worst_rating: Option<f64>,
        retracted_at: Option<NaiveDateTime>,
        retracted_reason: Option<String>,
    }
}

fn columns(s: &ExternalReviewSnapshot) -> StoreResult<ExternalReviewColumns> {
    let (retracted_at, retracted_reason) = Retraction::columns(s.retracted.as_ref());
    Ok(crate::copy_fields!(ExternalReviewColumns {
        claim_id, url, publisher, publisher_url, title, reviewed_at, textual_rating, language,
    } from s,
        rating_value: s.rating.as_ref().map(|r| r.value),
        best_rating: s.rating.as_ref().and_then(|r| r.best),
        worst_rating: s.rating.as_ref().and_then(|r| r.worst),
        retracted_at,
        retracted_reason,
    ))
}

impl Record for ExternalReview {
    const KIND: RecordKind = RecordKind::ExternalReviews;
    const NAME: &'static str = "external review";
    type Snapshot = ExternalReviewSnapshot;

    crate::record_table!(table: external_reviews, key: id, row: ExternalReviewRow, columns: columns);

    /// The claim must exist, and no other review may have the same URL (the URL identifies a
    /// review; two imports of it at once take the same lock, so the second sees the first).
    fn check(
        tx: &mut WriteTx<'_>,
        id: &str,
        before: Option<&ExternalReviewSnapshot>,
        after: &ExternalReviewSnapshot,
    ) -> StoreResult<()> {
        if before.is_some_and(|b| b.claim_id == after.claim_id && b.url == after.url) {
            return Ok(());
        }
        if <crate::store::claims::Claim as Record>::head_hash(tx.conn(), &after.claim_id)?.is_none()
        {
            return Err(StoreError::Invalid(vec![FieldError::new(
                "/claim_id",
                "no claim has this id",
            )]));
        }
        tx.lock(&url_lock_key(&after.url))?;
        match find_by_url(tx.conn(), &after.url)? {
            Some(existing) if existing.meta.id != id => Err(StoreError::Conflict {
                code: "duplicate_external_review",
                detail: format!(
                    "external review {} already has the URL {}",
                    existing.meta.id, after.url
                ),
                existing_id: Some(existing.meta.id),
            }),
            _ => Ok(()),
        }
    }
}

impl Insert for ExternalReview {
    crate::record_table!(insert: external_reviews, key: id, created_by: String, columns: columns);
}

crate::retractable!(ExternalReview);

crate::editable_fields!(ExternalReview: ExternalReviewDoc => ExternalReviewSnapshot {
    claim_id, url, publisher, publisher_url, title, reviewed_at, textual_rating, language, rating,
}, keeps retracted);

/// The lock a write of the review with this URL takes.
pub fn url_lock_key(url: &str) -> String {
    format!("external_review\x1f{url}")
}

/// The review with this URL, if any.
pub fn find_by_url(conn: &mut DbConn, url: &str) -> QueryResult<Option<Stored<ExternalReview>>> {
    external_reviews::table
        .filter(external_reviews::url.eq(url))
        .select(ExternalReviewRow::as_select())
        .first(conn)
        .optional()
        .map(|row| row.map(Stored::from))
}

/// One claim's reviews in id (creation) order after the cursor, retracted ones included.
pub fn list_for_claim(
    conn: &mut DbConn,
    claim_id: &str,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Stored<ExternalReview>>> {
    let query = crate::page_query!(external_reviews.id, ExternalReviewRow, after, limit)
        .filter(external_reviews::claim_id.eq(claim_id.to_owned()));
    Ok(query.load(conn)?.into_iter().map(Stored::from).collect())
}
