//! Relations between two claims (issue 18 §1): what a request may say, and the rules that need
//! no database. The rules across records (both claims current, no duplicate, no cycle, one
//! canonical claim per duplicate) are checked by `store::relations` under a lock.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::text::required_text;
use crate::domain::{FieldError, Validator};

crate::stored_enum! {
    /// How one claim relates to another.
    /// `duplicate_of`: the same claim (a paraphrase, a translation); the other is the canonical one.
    /// `supersedes`: this claim (a later figure or account) replaces the other.
    /// `corroborates`: independent support for the same assertion (symmetric).
    /// `refines`: a narrower form of the other.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum RelationKind {
        DuplicateOf,
        Supersedes,
        Corroborates,
        Refines,
    }
}

impl RelationKind {
    /// Kinds whose relations may not form a cycle.
    pub fn acyclic(self) -> bool {
        matches!(self, Self::DuplicateOf | Self::Supersedes)
    }

    /// Kinds where A → B is the same relation as B → A.
    pub fn symmetric(self) -> bool {
        self == Self::Corroborates
    }
}

/// The longest note.
pub const NOTE_MAX: usize = 2000;
/// The longest claim id accepted.
const ID_MAX: usize = 100;

/// A relation between two claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RelationDoc {
    pub kind: RelationKind,
    /// The claim the relation is about: the duplicate, the later claim that supersedes, the
    /// corroborating or the narrower claim.
    #[schema(max_length = 100)]
    pub from_claim_id: String,
    /// The other claim: the canonical claim, the superseded claim, the corroborated or the
    /// broader claim. For `duplicate_of`, a claim that is itself a duplicate is replaced by its
    /// canonical claim (the response shows the claim stored).
    #[schema(max_length = 100)]
    pub to_claim_id: String,
    /// Why the claims relate so (required).
    #[schema(
        max_length = 2000,
        example = "The later police statement replaces the first figure."
    )]
    pub note: String,
}

impl RelationDoc {
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut v = Validator::new();
        for (pointer, id) in [
            ("/from_claim_id", &mut self.from_claim_id),
            ("/to_claim_id", &mut self.to_claim_id),
        ] {
            if let Some(clean) = v.check(pointer, required_text(id, ID_MAX)) {
                *id = clean;
            }
        }
        if let Some(note) = v.check("/note", required_text(&self.note, NOTE_MAX)) {
            self.note = note;
        }
        if !self.from_claim_id.is_empty() && self.from_claim_id == self.to_claim_id {
            v.push("/to_claim_id", "a claim cannot be related to itself");
        }
        v.finish().map(|()| self)
    }
}
