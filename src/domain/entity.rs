//! Entities: the people, organisations, events and places claims are about.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::text::required_text;
use crate::domain::{FieldError, Validator};

crate::stored_enum! {
    /// What an entity is.
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum EntityKind {
        Person,
        Organization,
        Event,
        Place,
        Other,
    }
}

/// The editable content of an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityDoc {
    pub kind: EntityKind,
    #[schema(max_length = 300, example = "Tehreek-e-Taliban Pakistan")]
    pub name: String,
    /// Other names it goes by; `q` searches them too.
    #[serde(default)]
    #[schema(example = json!(["TTP", "Pakistani Taliban"]))]
    pub aliases: Vec<String>,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub description: Option<String>,
}

impl EntityDoc {
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut v = Validator::new();
        if let Some(name) = v.check("/name", required_text(&self.name, 300)) {
            self.name = name;
        }
        if self.aliases.len() > 50 {
            v.push("/aliases", "at most 50 aliases");
        }
        let mut aliases: Vec<String> = Vec::new();
        for (i, alias) in self.aliases.iter().enumerate() {
            if let Some(a) = v.check(&format!("/aliases/{i}"), required_text(alias, 300))
                && !aliases.contains(&a)
            {
                aliases.push(a);
            }
        }
        self.aliases = aliases;
        self.description = v.optional_text("/description", self.description.as_deref(), 4000);
        v.finish().map(|()| self)
    }

    /// What `q` matches: name and aliases, case-folded, one per line.
    pub fn search_key(&self) -> String {
        std::iter::once(&self.name)
            .chain(&self.aliases)
            .map(|n| crate::domain::text::fold_key(n))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
