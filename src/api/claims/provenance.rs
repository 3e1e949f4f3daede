//! `GET /v1/claims/{id}/provenance`: the graph behind a claim — its citations, the sources
//! they cite and what those derive from, up to the origins — as JSON a UI can draw. The
//! counting rules live in `store::provenance`.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::AppState;
use crate::api::auth::{Auth, Viewer};
use crate::api::error::{ApiError, ApiResult};
use crate::db::DbConn;
use crate::domain::claim::CitationRole;
use crate::store;
use crate::store::provenance::{
    Corroboration, Origin, OriginNode, SourceNode, SpeakerNode, Support,
};

/// One of the claim's citations, as an edge from the claim to a source.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProvenanceCitation {
    /// The citation's id (as in the claim's `citations`).
    pub id: String,
    pub source_id: String,
    pub role: CitationRole,
    /// The entity the source attributes the statement to.
    pub attributed_to: Option<String>,
    pub quote: Option<String>,
    /// How the quote stands in the source's latest capture.
    pub quote_check: crate::store::quote_checks::QuoteCheck,
    /// True when it counts toward the claim's origins: `evidence` of a source that is not
    /// retracted.
    pub counts: bool,
}

/// The graph behind a claim: citations → sources → what they derive from → origins. Nodes
/// are listed once each and refer to each other by id.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClaimProvenance {
    pub claim_id: String,
    /// The counts, as the claim shows them.
    pub corroboration: Corroboration,
    /// The claim's citations, in its order.
    pub citations: Vec<ProvenanceCitation>,
    /// Every source cited (by the claim or a corroborating claim) or derived from on the way
    /// up, in id order, each with its grading, capture and `derives_from` edges.
    pub sources: Vec<SourceNode>,
    /// The entities citations attribute statements to, in id order.
    pub speakers: Vec<SpeakerNode>,
    /// The independent origins, sorted, each with the citations and corroborating claims
    /// that lead to it.
    pub origins: Vec<OriginNode>,
    /// False when the walk up `derives_from` stopped at 1,000 sources.
    pub complete: bool,
}

/// Where a claim's support comes from: each citation's source, what it derives from (up to
/// sources that derive from nothing), and the independent origins — (root source, speaker)
/// pairs — that result, with the sources of corroborating claims.
#[utoipa::path(
    tag = "claims",
    params(("id" = String, Path, description = "The claim's id")),
    responses(
        (status = 200, description = "The claim's provenance graph", body = ClaimProvenance),
        (status = 404, description = "No claim has this id"),
    )
)]
#[get("/v1/claims/{id}/provenance")]
pub async fn claim_provenance(
    state: web::Data<AppState>,
    _auth: Auth<Viewer>,
    id: web::Path<String>,
) -> ApiResult<web::Json<ClaimProvenance>> {
    let id = id.into_inner();
    let graph = state.read(move |conn| provenance(conn, &id)).await?;
    Ok(web::Json(graph))
}

fn provenance(conn: &mut DbConn, id: &str) -> ApiResult<ClaimProvenance> {
    let view = store::claims::load_views(conn, &[id.to_owned()])?
        .pop()
        .ok_or_else(|| ApiError::not_found("claim"))?;
    let corroborating: Vec<&String> = view.corroboration.corroborated_by.iter().collect();
    let theirs = store::provenance::supports_of(conn, &corroborating)?;
    let citations: Vec<ProvenanceCitation> = view
        .stored
        .snapshot
        .citations
        .iter()
        .zip(&view.cited)
        .map(|(c, cited)| ProvenanceCitation {
            id: cited.citation_id.clone(),
            source_id: c.source_id.clone(),
            role: c.role,
            attributed_to: c.attributed_to.clone(),
            quote: c.quote.clone(),
            quote_check: cited.quote_check.clone(),
            counts: Support::of(
                &c.source_id,
                c.role,
                c.attributed_to.as_deref(),
                cited.source.retracted,
            )
            .is_some(),
        })
        .collect();
    let cited: BTreeSet<String> = citations
        .iter()
        .map(|c| c.source_id.clone())
        .chain(theirs.values().flatten().map(|s| s.source_id.clone()))
        .collect();
    let speakers: BTreeSet<String> = citations
        .iter()
        .filter_map(|c| c.attributed_to.clone())
        .chain(
            theirs
                .values()
                .flatten()
                .filter_map(|s| s.speaker_id.clone()),
        )
        .collect();
    let cited: Vec<String> = cited.into_iter().collect();
    let speakers: Vec<String> = speakers.into_iter().collect();
    let (nodes, roots) = store::provenance::nodes(conn, &cited, &speakers)?;

    let mut origins: BTreeMap<Origin, OriginNode> = BTreeMap::new();
    let mut reach = |support: &Support, citation: Option<&str>, claim: Option<&str>| {
        let mut leads = store::provenance::origins(std::iter::once(support), &roots);
        while let Some(origin) = leads.pop_first() {
            let node = origins.entry(origin.clone()).or_insert_with(|| OriginNode {
                root_source_id: origin.root_source_id,
                speaker_id: origin.speaker_id,
                via_citation_ids: Vec::new(),
                via_claim_ids: Vec::new(),
            });
            for (list, item) in [
                (&mut node.via_citation_ids, citation),
                (&mut node.via_claim_ids, claim),
            ] {
                if let Some(item) = item
                    && !list.iter().any(|i| i == item)
                {
                    list.push(item.to_owned());
                }
            }
        }
    };
    for c in citations.iter().filter(|c| c.counts) {
        let support = Support {
            source_id: c.source_id.clone(),
            speaker_id: c.attributed_to.clone(),
        };
        reach(&support, Some(&c.id), None);
    }
    for claim in &view.corroboration.corroborated_by {
        for support in theirs.get(claim).into_iter().flatten() {
            reach(support, None, Some(claim));
        }
    }
    Ok(ClaimProvenance {
        claim_id: view.stored.meta.id.clone(),
        corroboration: view.corroboration.clone(),
        citations,
        sources: nodes.sources,
        speakers: nodes.speakers,
        origins: origins.into_values().collect(),
        complete: nodes.complete,
    })
}
