//! Claims as they are shown: each with its cited sources, subject, author and open flags.
//! A read of one claim or of a list page is one statement (`load_views`).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Deserialize;

use super::{CitationSnapshot, Claim, ClaimRow};
use crate::db::DbConn;
use crate::db::sql::{fragment, in_list};
use crate::db::types::JsonText;
use crate::domain::claim::CitationRole;
use crate::domain::entity::EntityKind;
use crate::domain::source::Reliability;
use crate::schema::{claims, entities, sources, users};
use crate::store::engine::{self, Stored};
use crate::store::provenance::{ClaimSupport, Corroboration, Support};
use crate::store::{StoreError, StoreResult};

/// A claim with what its responses show besides itself.
#[derive(Debug, Clone)]
pub struct ClaimView {
    pub stored: Stored<Claim>,
    /// One per citation of the snapshot, in its order: the citation's id and its source.
    pub cited: Vec<CitedSource>,
    pub subject: Option<SubjectSummary>,
    /// The username of the claim's author.
    pub creator: Option<String>,
    /// Open contradiction flags that involve the claim.
    pub open_flags: Vec<String>,
    /// The canonical claim, when a live `duplicate_of` relation makes this one a duplicate.
    pub canonical_id: Option<String>,
    /// The claims that supersede this one (live `supersedes` relations), in id order, at most
    /// `store::relations::MAX_SUPERSEDED_BY`.
    pub superseded_by: Vec<String>,
    /// How many independent origins stand behind the claim (`store::provenance`).
    pub corroboration: Corroboration,
}

/// A citation's id and its source, in brief.
#[derive(Debug, Clone)]
pub struct CitedSource {
    pub citation_id: String,
    pub source: SourceSummary,
    /// How the quote stands in the source's latest capture (as the citation row keeps it).
    pub quote_check: crate::store::quote_checks::QuoteCheck,
}

// Shown with each citation; the API serves it as the schema `SourceRef`.
/// A cited source, in brief.
#[derive(Debug, Clone, Deserialize, serde::Serialize, utoipa::ToSchema, Queryable)]
#[schema(as = SourceRef)]
pub struct SourceSummary {
    /// The source's id (`GET /v1/sources/{id}`).
    pub id: String,
    pub title: String,
    /// Who published it, when known.
    pub publisher: Option<String>,
    /// The analyst's grading of the source (Admiralty scale, A–F).
    pub reliability: Reliability,
    /// Where the source can be read.
    pub url: Option<String>,
    /// True when the source has been retracted: the claim rests on it all the same, so check.
    pub retracted: bool,
}

/// The columns a [`SourceSummary`] is read from, in its fields' order.
pub type SummaryColumns = (
    sources::id,
    sources::title,
    sources::publisher,
    sources::reliability,
    sources::url,
    diesel::dsl::IsNotNull<sources::retracted_at>,
);

impl SourceSummary {
    pub fn columns() -> SummaryColumns {
        (
            sources::id,
            sources::title,
            sources::publisher,
            sources::reliability,
            sources::url,
            sources::retracted_at.is_not_null(),
        )
    }
}

/// A claim's subject, as a claim shows it.
#[derive(Debug, Clone)]
pub struct SubjectSummary {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
}

/// A citation with its source's summary, as the JSON aggregate of `load_views` carries it.
#[derive(Deserialize)]
struct CitationJson {
    id: String,
    source_id: String,
    position: i32,
    quote: Option<String>,
    locator: Option<String>,
    url: Option<String>,
    role: CitationRole,
    attributed_to: Option<String>,
    check_status: crate::store::quote_checks::CheckStatus,
    check_capture_id: Option<String>,
    check_start: Option<i64>,
    check_end: Option<i64>,
    title: String,
    publisher: Option<String>,
    reliability: Reliability,
    source_url: Option<String>,
    /// 0 or 1 from SQLite, a boolean from PostgreSQL.
    retracted: serde_json::Value,
}

type ViewRow = (
    ClaimRow,
    JsonText<Vec<CitationJson>>,
    JsonText<Vec<String>>,
    JsonText<Vec<String>>,
    Option<String>,
    Option<EntityKind>,
    Option<String>,
    Option<String>,
    JsonText<Vec<String>>,
    JsonText<Vec<String>>,
);

/// Claims by id, each with everything its response shows, in one query: the row with its
/// citations (and their sources), tags and open flags aggregated into JSON by the database,
/// its subject and its author's name. One statement instead of six cut a read's round trips to
/// PostgreSQL, and on SQLite its time on the worker. Keeps the order of `ids`.
pub fn load_views(conn: &mut DbConn, ids: &[String]) -> QueryResult<Vec<ClaimView>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<ViewRow> = claims::table
        .filter(in_list(claims::id, ids))
        .select((
            ClaimRow::as_select(),
            fragment::<read_sql::CitationsJson>(),
            fragment::<read_sql::TagsJson>(),
            fragment::<read_sql::OpenFlagsJson>(),
            fragment::<read_sql::SubjectName>(),
            fragment::<read_sql::SubjectKind>(),
            fragment::<read_sql::CreatorName>(),
            fragment::<read_sql::CanonicalId>(),
            fragment::<read_sql::SupersededByJson>(),
            fragment::<read_sql::CorroboratingJson>(),
        ))
        .load(conn)?;
    let mut by_id: HashMap<String, ClaimView> = HashMap::with_capacity(rows.len());
    for (
        row,
        citations,
        tags,
        flags,
        subject_name,
        subject_kind,
        creator,
        canonical_id,
        superseded_by,
        corroborating,
    ) in rows
    {
        let mut corroborating = corroborating.0;
        corroborating.sort();
        corroborating.dedup();
        let mut superseded_by = superseded_by.0;
        superseded_by.sort();
        let mut citations = citations.0;
        citations.sort_by_key(|c| c.position);
        let mut tags = tags.0;
        tags.sort();
        let mut open_flags = flags.0;
        open_flags.sort();
        let subject = match (&row.subject_id, subject_name, subject_kind) {
            (Some(id), Some(name), Some(kind)) => Some(SubjectSummary {
                id: id.clone(),
                name,
                kind,
            }),
            _ => None,
        };
        let cited = citations
            .iter()
            .map(|c| CitedSource {
                citation_id: c.id.clone(),
                source: SourceSummary {
                    id: c.source_id.clone(),
                    title: c.title.clone(),
                    publisher: c.publisher.clone(),
                    reliability: c.reliability,
                    url: c.source_url.clone(),
                    retracted: c.retracted == serde_json::Value::Bool(true)
                        || c.retracted.as_i64().is_some_and(|n| n != 0),
                },
                quote_check: crate::store::quote_checks::QuoteCheck {
                    status: c.check_status,
                    capture_id: c.check_capture_id.clone(),
                    start: c.check_start,
                    end: c.check_end,
                },
            })
            .collect();
        let citations = citations
            .iter()
            .map(
                |c| crate::copy_fields!(CitationSnapshot { source_id, quote, locator, url, role, attributed_to } from c),
            )
            .collect();
        let stored = row.into_stored(citations, tags);
        by_id.insert(
            stored.meta.id.clone(),
            ClaimView {
                stored,
                cited,
                subject,
                creator,
                open_flags,
                canonical_id,
                superseded_by,
                // Filled in below, for all the claims together.
                corroboration: Corroboration {
                    corroborated_by: corroborating,
                    ..Corroboration::default()
                },
            },
        );
    }
    let mut views: Vec<ClaimView> = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    count_origins(conn, &mut views)?;
    Ok(views)
}

/// Sets each view's `corroboration` from its citations as the view shows them, and the
/// corroborating claims its `corroboration.corroborated_by` holds (all of them, as read).
fn count_origins(conn: &mut DbConn, views: &mut [ClaimView]) -> QueryResult<()> {
    let supports: Vec<ClaimSupport> = views
        .iter_mut()
        .map(|view| ClaimSupport {
            own: view
                .stored
                .snapshot
                .citations
                .iter()
                .zip(&view.cited)
                .filter_map(|(c, cited)| {
                    Support::of(
                        &c.source_id,
                        c.role,
                        c.attributed_to.as_deref(),
                        cited.source.retracted,
                    )
                })
                .collect(),
            corroborating: std::mem::take(&mut view.corroboration.corroborated_by),
        })
        .collect();
    let counted = crate::store::provenance::corroboration(conn, &supports)?;
    for (view, corroboration) in views.iter_mut().zip(counted) {
        view.corroboration = corroboration;
    }
    Ok(())
}

/// A claim as it stood at `at` (its last revision written at or before then), or None when it
/// did not exist yet. Its relations (`canonical_id`, `superseded_by`, the corroborating
/// claims) are those live at `at`; its citations show their sources as they are now, its
/// subject, author and open flags too.
pub fn as_of(conn: &mut DbConn, id: &str, at: NaiveDateTime) -> StoreResult<Option<ClaimView>> {
    let Some(view) = load_views(conn, &[id.to_owned()])?.pop() else {
        return Err(StoreError::NotFound("claim"));
    };
    let Some(past) = engine::as_of::<Claim>(conn, id, at)? else {
        return Ok(None);
    };
    Ok(views_at(conn, vec![(view, past)], at)?.pop())
}

/// Claims as they stood at `at`: each `view` (a claim as it is now) shown at `past`, its
/// revision then, with the relations live at `at` (`canonical_id`, `superseded_by`, the
/// corroborating claims: four statements for all of them, see
/// [`crate::store::relations::related_at`]) and its origins counted from its citations then
/// and those corroborating claims. Its citations show their sources as they are now, its
/// subject as named in `past`. In the order given.
pub fn views_at(
    conn: &mut DbConn,
    pairs: Vec<(ClaimView, Stored<Claim>)>,
    at: NaiveDateTime,
) -> StoreResult<Vec<ClaimView>> {
    let mut views = pairs
        .into_iter()
        .map(|(view, past)| shown_at(conn, view, past))
        .collect::<StoreResult<Vec<_>>>()?;
    relations_at(conn, &mut views, at)?;
    // Its origins as its citations were then, through today's derivations and the
    // corroborations of then.
    count_origins(conn, &mut views)?;
    Ok(views)
}

/// Sets each view's `canonical_id`, `superseded_by` and corroborating claims (in
/// `corroboration.corroborated_by`, for `count_origins`) to the relations live at `at`, with
/// the bounds of a read of now.
fn relations_at(conn: &mut DbConn, views: &mut [ClaimView], at: NaiveDateTime) -> StoreResult<()> {
    use crate::domain::relation::RelationKind;
    use crate::store::relations::{End, MAX_SUPERSEDED_BY, related_at};
    let ids: Vec<&str> = views.iter().map(|v| v.stored.meta.id.as_str()).collect();
    // One more than counts, as a read of now takes, to tell there are more.
    let corroborating = crate::store::provenance::MAX_CORROBORATING as i64 + 1;
    let mut canonical = related_at(conn, &ids, RelationKind::DuplicateOf, End::From, at, 1)?;
    let mut superseding = related_at(
        conn,
        &ids,
        RelationKind::Supersedes,
        End::To,
        at,
        MAX_SUPERSEDED_BY,
    )?;
    let mut outgoing = related_at(
        conn,
        &ids,
        RelationKind::Corroborates,
        End::From,
        at,
        corroborating,
    )?;
    let mut incoming = related_at(
        conn,
        &ids,
        RelationKind::Corroborates,
        End::To,
        at,
        corroborating,
    )?;
    for view in views.iter_mut() {
        let id = &view.stored.meta.id;
        view.canonical_id = canonical.remove(id).and_then(|c| c.into_iter().next());
        view.superseded_by = superseding.remove(id).unwrap_or_default();
        let mut others = outgoing.remove(id).unwrap_or_default();
        others.extend(incoming.remove(id).unwrap_or_default());
        others.sort();
        others.dedup();
        view.corroboration.corroborated_by = others;
    }
    Ok(())
}

/// `view` (a claim as it is now) shown at a past revision `past` of it: its citations show
/// their sources as they are now, its subject as named in `past`. Its relations and origins
/// are the caller's to set ([`views_at`]).
fn shown_at(conn: &mut DbConn, mut view: ClaimView, past: Stored<Claim>) -> StoreResult<ClaimView> {
    let id = view.stored.meta.id.clone();
    let source_ids: Vec<&String> = past
        .snapshot
        .citations
        .iter()
        .map(|c| &c.source_id)
        .collect();
    let summaries: HashMap<String, SourceSummary> = sources::table
        .filter(in_list(sources::id, &source_ids))
        .select(SourceSummary::columns())
        .load::<SourceSummary>(conn)?
        .into_iter()
        .map(|summary| (summary.id.clone(), summary))
        .collect();
    // A past citation shows today's check of the same quote of the same source, if the claim
    // still cites it so; otherwise it was never checked against today's captures.
    let today: HashMap<(String, Option<String>), crate::store::quote_checks::QuoteCheck> = view
        .stored
        .snapshot
        .citations
        .iter()
        .zip(&view.cited)
        .map(|(c, cited)| {
            (
                (c.source_id.clone(), c.quote.clone()),
                cited.quote_check.clone(),
            )
        })
        .collect();
    view.cited = past
        .snapshot
        .citations
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let source =
                summaries
                    .get(&c.source_id)
                    .cloned()
                    .ok_or_else(|| StoreError::Corrupt {
                        record: format!("claims/{id} revision {}", past.meta.revision),
                        detail: format!("cites source {}, which does not exist", c.source_id),
                    })?;
            Ok(CitedSource {
                citation_id: format!("{id}@{}#{i}", past.meta.revision),
                source,
                quote_check: today
                    .get(&(c.source_id.clone(), c.quote.clone()))
                    .cloned()
                    .unwrap_or_else(|| {
                        crate::store::quote_checks::QuoteCheck::unchecked(c.quote.as_deref())
                    }),
            })
        })
        .collect::<StoreResult<_>>()?;
    view.subject = match &past.snapshot.subject_id {
        Some(subject_id) => entities::table
            .find(subject_id)
            .select((entities::id, entities::name, entities::kind))
            .first::<(String, String, EntityKind)>(conn)
            .optional()?
            .map(|(id, name, kind)| SubjectSummary { id, name, kind }),
        None => None,
    };
    view.creator = users::table
        .find(&past.meta.created_by.clone().unwrap_or_default())
        .select(users::username)
        .first(conn)
        .optional()?;
    view.stored = past;
    Ok(view)
}

/// The JSON aggregates of `load_views`, spelled per backend. Neither aggregate promises an
/// order as written, so the caller sorts. Open flags are two index lookups (`claim_a`,
/// `claim_b`) joined: with `OR`, SQLite scanned every open flag instead.
mod read_sql {
    use diesel::sql_types::{Nullable, Text};

    use crate::db::sql::BackendSql;

    pub struct CitationsJson;
    impl BackendSql for CitationsJson {
        type SqlType = Text;
        const SQLITE: &'static str = "(SELECT json_group_array(json_object(\
            'id', c.id, 'source_id', c.source_id, 'position', c.position, \
            'quote', c.quote, 'locator', c.locator, 'url', c.url, 'role', c.role, \
            'attributed_to', c.attributed_to, 'check_status', c.check_status, 'check_capture_id', c.check_capture_id, \
            'check_start', c.check_start, 'check_end', c.check_end, 'title', s.title, \
            'publisher', s.publisher, 'reliability', s.reliability, 'source_url', s.url, \
            'retracted', s.retracted_at IS NOT NULL)) \
            FROM citations c JOIN sources s ON s.id = c.source_id \
            WHERE c.claim_id = claims.id)";
        const POSTGRES: &'static str = "(SELECT coalesce(json_agg(json_build_object(\
            'id', c.id, 'source_id', c.source_id, 'position', c.position, \
            'quote', c.quote, 'locator', c.locator, 'url', c.url, 'role', c.role, \
            'attributed_to', c.attributed_to, 'check_status', c.check_status, 'check_capture_id', c.check_capture_id, \
            'check_start', c.check_start, 'check_end', c.check_end, 'title', s.title, \
            'publisher', s.publisher, 'reliability', s.reliability, 'source_url', s.url, \
            'retracted', s.retracted_at IS NOT NULL)), '[]')::text \
            FROM citations c JOIN sources s ON s.id = c.source_id \
            WHERE c.claim_id = claims.id)";
    }

    pub struct TagsJson;
    impl BackendSql for TagsJson {
        type SqlType = Text;
        const SQLITE: &'static str =
            "(SELECT json_group_array(tag) FROM claim_tags WHERE claim_id = claims.id)";
        const POSTGRES: &'static str = "(SELECT coalesce(json_agg(tag ORDER BY tag), '[]')::text FROM claim_tags WHERE claim_id = claims.id)";
    }

    pub struct OpenFlagsJson;
    impl BackendSql for OpenFlagsJson {
        type SqlType = Text;
        const SQLITE: &'static str = "(SELECT json_group_array(id) FROM (\
            SELECT id FROM contradictions WHERE claim_a = claims.id AND status = 'open' \
            UNION ALL \
            SELECT id FROM contradictions WHERE claim_b = claims.id AND status = 'open'))";
        const POSTGRES: &'static str = "(SELECT coalesce(json_agg(id), '[]')::text FROM (\
            SELECT id FROM contradictions WHERE claim_a = claims.id AND status = 'open' \
            UNION ALL \
            SELECT id FROM contradictions WHERE claim_b = claims.id AND status = 'open') f)";
    }

    pub struct SubjectName;
    impl BackendSql for SubjectName {
        type SqlType = Nullable<Text>;
        const SQLITE: &'static str = "(SELECT name FROM entities WHERE id = claims.subject_id)";
        const POSTGRES: &'static str = Self::SQLITE;
    }

    pub struct SubjectKind;
    impl BackendSql for SubjectKind {
        type SqlType = Nullable<Text>;
        const SQLITE: &'static str = "(SELECT kind FROM entities WHERE id = claims.subject_id)";
        const POSTGRES: &'static str = Self::SQLITE;
    }

    /// The canonical claim of a duplicate (the partial unique index allows one).
    pub struct CanonicalId;
    impl BackendSql for CanonicalId {
        type SqlType = Nullable<Text>;
        const SQLITE: &'static str = "(SELECT to_claim_id FROM relations \
            WHERE from_claim_id = claims.id AND kind = 'duplicate_of' AND retracted_at IS NULL \
            LIMIT 1)";
        const POSTGRES: &'static str = Self::SQLITE;
    }

    /// The claims that supersede this one, at most 100 (`MAX_SUPERSEDED_BY`).
    pub struct SupersededByJson;
    impl BackendSql for SupersededByJson {
        type SqlType = Text;
        const SQLITE: &'static str = "(SELECT json_group_array(from_claim_id) FROM (\
            SELECT from_claim_id FROM relations WHERE to_claim_id = claims.id \
            AND kind = 'supersedes' AND retracted_at IS NULL ORDER BY from_claim_id LIMIT 100))";
        const POSTGRES: &'static str = "(SELECT coalesce(json_agg(from_claim_id), '[]')::text FROM (\
            SELECT from_claim_id FROM relations WHERE to_claim_id = claims.id \
            AND kind = 'supersedes' AND retracted_at IS NULL ORDER BY from_claim_id LIMIT 100) s)";
    }

    /// The claims a live `corroborates` relation joins to this one, either way: at most 21 of
    /// each side (`MAX_CORROBORATING` and one to tell there are more), through the indexes
    /// on (claim, kind).
    pub struct CorroboratingJson;
    impl BackendSql for CorroboratingJson {
        type SqlType = Text;
        const SQLITE: &'static str = "(SELECT json_group_array(other) FROM (\
            SELECT other FROM (SELECT to_claim_id AS other FROM relations \
            WHERE from_claim_id = claims.id AND kind = 'corroborates' AND retracted_at IS NULL \
            ORDER BY to_claim_id LIMIT 21) \
            UNION ALL \
            SELECT other FROM (SELECT from_claim_id AS other FROM relations \
            WHERE to_claim_id = claims.id AND kind = 'corroborates' AND retracted_at IS NULL \
            ORDER BY from_claim_id LIMIT 21)))";
        const POSTGRES: &'static str = "(SELECT coalesce(json_agg(other), '[]')::text FROM (\
            (SELECT to_claim_id AS other FROM relations \
            WHERE from_claim_id = claims.id AND kind = 'corroborates' AND retracted_at IS NULL \
            ORDER BY to_claim_id LIMIT 21) \
            UNION ALL \
            (SELECT from_claim_id AS other FROM relations \
            WHERE to_claim_id = claims.id AND kind = 'corroborates' AND retracted_at IS NULL \
            ORDER BY from_claim_id LIMIT 21)) c)";
    }

    pub struct CreatorName;
    impl BackendSql for CreatorName {
        type SqlType = Nullable<Text>;
        const SQLITE: &'static str = "(SELECT username FROM users WHERE id = claims.created_by)";
        const POSTGRES: &'static str = Self::SQLITE;
    }
}
