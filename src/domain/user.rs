//! Users, their roles and the rules for usernames and passwords.

use std::fmt;

crate::stored_enum! {
    /// What a user may do; each role includes the ones before it.
    #[derive(PartialOrd, Ord)]
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    pub enum Role {
        /// Reads everything.
        Viewer,
        /// Creates and edits sources, entities and claims; flags contradictions.
        Editor,
        /// Sets verdicts, resolves contradictions, retracts any record.
        Reviewer,
        /// Manages users, tokens and properties.
        Admin,
    }
}

impl Role {
    /// Parses a role name, with a message that lists the roles.
    pub fn parse(name: &str) -> Result<Self, String> {
        name.parse()
            .map_err(|_| "must be one of viewer, editor, reviewer, admin".to_owned())
    }
}

/// A login name: 3–64 characters of lowercase ASCII letters, digits, `.`, `_` or `-`,
/// stored lowercased so that "Alice" and "alice" are one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub const MAX_BYTES: usize = 64;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = raw.trim().to_ascii_lowercase();
        if !(3..=Self::MAX_BYTES).contains(&name.len()) {
            return Err("must be 3 to 64 characters".into());
        }
        if !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
        {
            return Err("may contain only letters a-z, digits, '.', '_' and '-'".into());
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// A new password: 10 to 1024 characters. (Long passphrases are welcome; the upper bound
/// only keeps one request from costing unbounded hashing time.)
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_BYTES: usize = 1024;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(format!("must be at least {} characters", Self::MIN_CHARS));
        }
        if raw.len() > Self::MAX_BYTES {
            return Err("must be at most 1024 bytes".into());
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// A display name: trimmed, 1–200 characters of any script.
pub fn parse_display_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    match name.chars().count() {
        0 => Err("must not be blank".into()),
        1..=200 => Ok(name.to_owned()),
        _ => Err("must be at most 200 characters".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_power() {
        assert!(
            Role::Viewer < Role::Editor
                && Role::Editor < Role::Reviewer
                && Role::Reviewer < Role::Admin
        );
        assert_eq!("reviewer".parse::<Role>(), Ok(Role::Reviewer));
        assert!("root".parse::<Role>().is_err());
    }

    #[test]
    fn usernames_are_lowercased_and_checked() {
        assert_eq!(Username::parse(" Alice ").unwrap().as_str(), "alice");
        assert!(Username::parse("al").is_err());
        assert!(Username::parse("al ice").is_err());
        assert!(Username::parse("ålice").is_err());
    }

    #[test]
    fn passwords_have_a_minimum_length_in_characters() {
        assert!(NewPassword::parse("short").is_err());
        assert!(NewPassword::parse("ünïcödé-pw").is_ok());
    }
}
