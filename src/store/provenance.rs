//! Where a claim's support comes from (issue 17 §2): its independent origins, and the graph
//! behind them.
//!
//! An *origin* is a pair (root source, speaker). The root sources of a cited source are those
//! reached from it by following `derives_from` to sources that derive from nothing (a source
//! with several roots gives several; a source that derives from nothing is its own root). The
//! speaker is the citation's `attributed_to`, or none. Only `evidence` citations of sources
//! that are not retracted count: an `appearance` is where the claim was made, and a retracted
//! source supports nothing (its dependants go to the review queue instead). A claim's live
//! `corroborates` relations (either way) add the other claim's own origins: a union, so shared
//! origins count once. Corroboration is one hop: the other claim's own corroborations are not
//! followed.
//!
//! Everything is derived when read, in a few batched statements per page of claims: a walk up
//! `derives_from` costs one index probe per level for all the page's sources together, and
//! stops at [`MAX_WALK`] sources; at most [`MAX_CORROBORATING`] corroborating claims count per
//! claim. Nothing here grows with how many claims cite a source.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbConn;
use crate::db::sql::in_list;
use crate::domain::claim::CitationRole;
use crate::domain::source::DerivationKind;
use crate::schema::{citations, claims, source_derivations, sources};
use crate::store::claims::SourceSummary;
pub use crate::store::sources::derivations::MAX_WALK;

/// The most corroborating claims whose origins count toward one claim's.
pub const MAX_CORROBORATING: usize = 20;

/// One independent origin of a claim's support. (Named `IndependentOrigin` in the document:
/// `Origin` is already a flag's origin, and two schemas of one name would be one.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, ToSchema)]
#[schema(as = IndependentOrigin)]
pub struct Origin {
    /// A source that derives from nothing, reached from a cited source along `derives_from`
    /// (the cited source itself when it derives from nothing).
    pub root_source_id: String,
    /// The entity the citation attributes the statement to (`attributed_to`); null when the
    /// source speaks for itself.
    pub speaker_id: Option<String>,
}

/// How many independent origins stand behind a claim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ToSchema)]
pub struct Corroboration {
    /// Distinct sources the claim cites as `evidence` that are not retracted.
    pub cited_sources: i64,
    /// Distinct (root source, speaker) pairs behind the claim's evidence and that of the
    /// claims corroborating it.
    pub independent_origins: i64,
    /// True when all support traces to one origin (circular reporting: three papers
    /// reprinting one wire story).
    pub single_origin: bool,
    /// The origins, sorted.
    pub origins: Vec<Origin>,
    /// The claims whose origins were added (live `corroborates` relations, either way; at
    /// most 20), in id order.
    pub corroborated_by: Vec<String>,
    /// False when a bound cut the count short: more than 20 corroborating claims, or a walk
    /// up `derives_from` reaching more than 1,000 sources (the sources not walked count as
    /// roots).
    pub complete: bool,
}

/// One piece of evidence: a cited source and who it says made the statement.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Support {
    pub source_id: String,
    pub speaker_id: Option<String>,
}

/// What one claim's count starts from.
#[derive(Debug, Clone, Default)]
pub struct ClaimSupport {
    /// The claim's own evidence (already without appearances and retracted sources).
    pub own: Vec<Support>,
    /// The claims that corroborate it, in id order, at most `MAX_CORROBORATING + 1` (the
    /// extra one telling that there are more).
    pub corroborating: Vec<String>,
}

impl Support {
    /// The support of one citation, if it counts.
    pub fn of(
        source_id: &str,
        role: CitationRole,
        speaker_id: Option<&str>,
        source_retracted: bool,
    ) -> Option<Self> {
        (role == CitationRole::Evidence && !source_retracted).then(|| Support {
            source_id: source_id.to_owned(),
            speaker_id: speaker_id.map(str::to_owned),
        })
    }
}

/// The derivation graph above some sources, as far as one bounded walk reached.
#[derive(Debug, Default)]
pub struct Walk {
    /// Each source walked, with what it derives from directly.
    pub parents: BTreeMap<String, Vec<(String, DerivationKind)>>,
    /// False when the walk stopped at [`MAX_WALK`] sources.
    pub complete: bool,
}

impl Walk {
    /// Walks up `derives_from` from `start`, one statement per level for all sources of the
    /// level together.
    pub fn up_from(
        conn: &mut DbConn,
        start: impl IntoIterator<Item = String>,
    ) -> QueryResult<Self> {
        let mut walk = Walk {
            complete: true,
            ..Walk::default()
        };
        let mut frontier: BTreeSet<String> = start.into_iter().collect();
        while !frontier.is_empty() {
            if walk.parents.len() + frontier.len() > MAX_WALK {
                walk.complete = false;
                break;
            }
            let level: Vec<&String> = frontier.iter().collect();
            let edges: Vec<(String, String, DerivationKind)> = source_derivations::table
                .filter(in_list(source_derivations::source_id, &level))
                .select((
                    source_derivations::source_id,
                    source_derivations::derives_from_id,
                    source_derivations::relation,
                ))
                .load(conn)?;
            for source in &frontier {
                walk.parents.entry(source.clone()).or_default();
            }
            let mut next = BTreeSet::new();
            for (source, parent, relation) in edges {
                if !walk.parents.contains_key(&parent) && !frontier.contains(&parent) {
                    next.insert(parent.clone());
                }
                if let Some(list) = walk.parents.get_mut(&source) {
                    list.push((parent, relation));
                }
            }
            frontier = next;
        }
        for list in walk.parents.values_mut() {
            list.sort();
        }
        Ok(walk)
    }

    /// The roots of each source walked (and of any source not walked: itself).
    pub fn roots(&self) -> HashMap<String, BTreeSet<String>> {
        let mut memo: HashMap<String, BTreeSet<String>> = HashMap::new();
        for source in self.parents.keys() {
            self.roots_of(source, &mut memo, &mut HashSet::new());
        }
        memo
    }

    fn roots_of(
        &self,
        source: &str,
        memo: &mut HashMap<String, BTreeSet<String>>,
        on_path: &mut HashSet<String>,
    ) -> BTreeSet<String> {
        if let Some(roots) = memo.get(source) {
            return roots.clone();
        }
        let parents = self.parents.get(source).map(Vec::as_slice).unwrap_or(&[]);
        // Derivations are checked acyclic when written; `on_path` only keeps a damaged
        // database from looping here.
        on_path.insert(source.to_owned());
        let mut roots = BTreeSet::new();
        for (parent, _) in parents {
            if !on_path.contains(parent) {
                roots.extend(self.roots_of(parent, memo, on_path));
            }
        }
        on_path.remove(source);
        if roots.is_empty() {
            roots.insert(source.to_owned());
        }
        memo.insert(source.to_owned(), roots.clone());
        roots
    }
}

/// The evidence of claims by id (live claims only; appearances and retracted sources left
/// out), each claim's in citation order.
pub fn supports_of(
    conn: &mut DbConn,
    claim_ids: &[&String],
) -> QueryResult<HashMap<String, Vec<Support>>> {
    if claim_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, String, Option<String>)> = citations::table
        .inner_join(sources::table.on(sources::id.eq(citations::source_id)))
        .inner_join(claims::table.on(claims::id.eq(citations::claim_id)))
        .filter(in_list(citations::claim_id, claim_ids))
        .filter(citations::role.eq(CitationRole::Evidence))
        .filter(sources::retracted_at.is_null())
        .filter(claims::retracted_at.is_null())
        .order((citations::claim_id, citations::position))
        .select((
            citations::claim_id,
            citations::source_id,
            citations::attributed_to,
        ))
        .load(conn)?;
    let mut by_claim: HashMap<String, Vec<Support>> = HashMap::new();
    for (claim_id, source_id, speaker_id) in rows {
        by_claim.entry(claim_id).or_default().push(Support {
            source_id,
            speaker_id,
        });
    }
    Ok(by_claim)
}

/// The corroboration of each claim, in the order given.
pub fn corroboration(
    conn: &mut DbConn,
    claims: &[ClaimSupport],
) -> QueryResult<Vec<Corroboration>> {
    let others: BTreeSet<&String> = claims
        .iter()
        .flat_map(|c| c.corroborating.iter().take(MAX_CORROBORATING))
        .collect();
    let others: Vec<&String> = others.into_iter().collect();
    let their_support = supports_of(conn, &others)?;
    let all_sources = claims
        .iter()
        .flat_map(|c| c.own.iter())
        .chain(their_support.values().flatten())
        .map(|s| s.source_id.clone());
    let walk = Walk::up_from(conn, all_sources)?;
    let roots = walk.roots();
    Ok(claims
        .iter()
        .map(|claim| {
            let corroborated_by: Vec<String> = claim
                .corroborating
                .iter()
                .take(MAX_CORROBORATING)
                .cloned()
                .collect();
            let supports = claim.own.iter().chain(
                corroborated_by
                    .iter()
                    .filter_map(|id| their_support.get(id))
                    .flatten(),
            );
            let origins = origins(supports, &roots);
            let cited: BTreeSet<&str> = claim.own.iter().map(|s| s.source_id.as_str()).collect();
            Corroboration {
                cited_sources: cited.len() as i64,
                independent_origins: origins.len() as i64,
                single_origin: origins.len() == 1,
                origins: origins.into_iter().collect(),
                complete: walk.complete && claim.corroborating.len() <= MAX_CORROBORATING,
                corroborated_by,
            }
        })
        .collect())
}

/// The (root, speaker) pairs of some supports.
pub fn origins<'a>(
    supports: impl IntoIterator<Item = &'a Support>,
    roots: &HashMap<String, BTreeSet<String>>,
) -> BTreeSet<Origin> {
    let mut origins = BTreeSet::new();
    for support in supports {
        let own_root = BTreeSet::from([support.source_id.clone()]);
        for root in roots.get(&support.source_id).unwrap_or(&own_root) {
            origins.insert(Origin {
                root_source_id: root.clone(),
                speaker_id: support.speaker_id.clone(),
            });
        }
    }
    origins
}

/// A cited source, or a source one derives from, as a node of a claim's provenance graph.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SourceNode {
    /// The source in brief, as a citation shows it.
    #[serde(flatten)]
    pub source: SourceSummary,
    /// What it derives from directly (edges of the graph), in id order.
    pub derives_from: Vec<crate::domain::source::Derivation>,
    /// True when it derives from nothing: it is an origin's root.
    pub root: bool,
    /// Its latest capture (`GET /v1/captures/{id}`), null when it has none: quotes of it
    /// cannot be checked.
    pub latest_capture_id: Option<String>,
}

/// A speaker named by a citation's `attributed_to`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SpeakerNode {
    pub id: String,
    pub name: String,
    pub kind: crate::domain::entity::EntityKind,
}

/// One origin, with what leads to it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OriginNode {
    pub root_source_id: String,
    pub speaker_id: Option<String>,
    /// The claim's own citations that trace to it, by citation id.
    pub via_citation_ids: Vec<String>,
    /// The corroborating claims whose evidence traces to it.
    pub via_claim_ids: Vec<String>,
}

/// The sources behind some citations, and the speakers they name: the nodes of a provenance
/// graph other than the claim's own citations.
#[derive(Debug, Default)]
pub struct Nodes {
    pub sources: Vec<SourceNode>,
    pub speakers: Vec<SpeakerNode>,
    pub complete: bool,
}

/// What `nodes` finds: the nodes, and the roots of each source walked.
pub type Graph = (Nodes, HashMap<String, BTreeSet<String>>);

/// Walks up from `cited` and reads each source reached (one statement for all, with its
/// latest capture by an index probe each) and each speaker named.
pub fn nodes(conn: &mut DbConn, cited: &[String], speakers: &[String]) -> QueryResult<Graph> {
    let walk = Walk::up_from(conn, cited.iter().cloned())?;
    let roots = walk.roots();
    let ids: Vec<&String> = walk.parents.keys().collect();
    let rows: Vec<(SourceSummary, Option<String>)> = sources::table
        .filter(in_list(sources::id, &ids))
        .order(sources::id)
        .select((
            SourceSummary::columns(),
            crate::db::sql::fragment::<node_sql::LatestCapture>(),
        ))
        .load(conn)?;
    let sources = rows
        .into_iter()
        .map(|(source, latest_capture_id)| {
            let derives_from: Vec<crate::domain::source::Derivation> = walk
                .parents
                .get(&source.id)
                .map(|list| {
                    list.iter()
                        .map(|(source_id, relation)| crate::domain::source::Derivation {
                            source_id: source_id.clone(),
                            relation: *relation,
                        })
                        .collect()
                })
                .unwrap_or_default();
            SourceNode {
                root: derives_from.is_empty(),
                source,
                derives_from,
                latest_capture_id,
            }
        })
        .collect();
    let speakers: Vec<SpeakerNode> = crate::schema::entities::table
        .filter(in_list(crate::schema::entities::id, speakers))
        .order(crate::schema::entities::id)
        .select((
            crate::schema::entities::id,
            crate::schema::entities::name,
            crate::schema::entities::kind,
        ))
        .load::<(String, String, crate::domain::entity::EntityKind)>(conn)?
        .into_iter()
        .map(|(id, name, kind)| SpeakerNode { id, name, kind })
        .collect();
    Ok((
        Nodes {
            sources,
            speakers,
            complete: walk.complete,
        },
        roots,
    ))
}

mod node_sql {
    use diesel::sql_types::{Nullable, Text};

    use crate::db::sql::BackendSql;

    /// A source's latest capture: one probe of `captures (source_id, id)`.
    pub struct LatestCapture;
    impl BackendSql for LatestCapture {
        type SqlType = Nullable<Text>;
        const SQLITE: &'static str = "(SELECT c.id FROM captures c WHERE c.source_id = sources.id \
            ORDER BY c.id DESC LIMIT 1)";
        const POSTGRES: &'static str = Self::SQLITE;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(edges: &[(&str, &str)]) -> Walk {
        let mut parents: BTreeMap<String, Vec<(String, DerivationKind)>> = BTreeMap::new();
        for (source, parent) in edges {
            parents.entry((*parent).to_owned()).or_default();
            parents
                .entry((*source).to_owned())
                .or_default()
                .push(((*parent).to_owned(), DerivationKind::Syndicates));
        }
        Walk {
            parents,
            complete: true,
        }
    }

    fn support(source: &str, speaker: Option<&str>) -> Support {
        Support {
            source_id: source.into(),
            speaker_id: speaker.map(str::to_owned),
        }
    }

    #[test]
    fn three_papers_reprinting_one_wire_story_are_one_origin() {
        let roots = walk(&[("a", "wire"), ("b", "wire"), ("c", "a")]).roots();
        let s = [support("a", None), support("b", None), support("c", None)];
        let found = origins(&s, &roots);
        assert_eq!(found.len(), 1);
        assert_eq!(found.first().unwrap().root_source_id, "wire");
    }

    #[test]
    fn two_speakers_in_one_article_are_two_origins() {
        let roots = walk(&[]).roots();
        let s = [support("a", Some("police")), support("a", Some("ttp"))];
        assert_eq!(origins(&s, &roots).len(), 2);
    }

    #[test]
    fn a_source_with_two_roots_gives_both() {
        let roots = walk(&[("report", "dataset"), ("report", "interview")]).roots();
        let found = origins(&[support("report", None)], &roots);
        let names: Vec<&str> = found.iter().map(|o| o.root_source_id.as_str()).collect();
        assert_eq!(names, ["dataset", "interview"]);
    }
}
