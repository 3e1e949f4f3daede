//! Snapshot formats. A revision stores its record's snapshot as canonical JSON with the format
//! it was written in (`"format": N`; the snapshots of release 0.1.0 carry none and are format
//! 1). Stored snapshots are never rewritten — the hash chain covers their bytes — so an older
//! format is read through the kind's upgrade function into the current one.
//!
//! What is a format change: renaming or removing a field, or changing what a value means. An
//! optional field that older snapshots read through its default is not one. A format change
//! gives the kind a new `FORMAT`, keeps the old snapshot type (frozen) with a conversion into
//! the new one, and adds a golden fixture written by the release before it (`tests/golden/`).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The key of the format number in a stored snapshot.
const FORMAT_KEY: &str = "format";

/// A record kind's snapshot, in the format new revisions are written in.
pub trait Snapshot:
    Serialize + DeserializeOwned + Clone + PartialEq + std::fmt::Debug + Send + Sync + 'static
{
    /// The format of this type; new revisions are written in it.
    const FORMAT: u32;

    /// Reads a stored snapshot of an older `format` (below [`Self::FORMAT`]) into this one.
    /// Kinds that never changed their format have no older one.
    fn upgrade(format: u32, stored: Value) -> Result<Self, String> {
        let _ = stored;
        Err(format!("no upgrade from format {format}"))
    }
}

/// The JSON a revision stores: the snapshot and its format.
pub fn encode<S: Snapshot>(snapshot: &S) -> serde_json::Result<Value> {
    let mut value = serde_json::to_value(snapshot)?;
    if let Value::Object(map) = &mut value {
        map.insert(FORMAT_KEY.into(), Value::from(S::FORMAT));
    }
    Ok(value)
}

/// Reads a stored snapshot in whatever format it was written in.
pub fn decode<S: Snapshot>(stored: &str) -> Result<S, String> {
    let mut value: Value =
        serde_json::from_str(stored).map_err(|e| format!("the snapshot is not JSON: {e}"))?;
    let format = match &mut value {
        Value::Object(map) => match map.remove(FORMAT_KEY) {
            None => 1,
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| format!("the snapshot's format {n} is not a format number"))?,
            Some(other) => return Err(format!("the snapshot's format {other} is not a number")),
        },
        _ => return Err("the snapshot is not a JSON object".into()),
    };
    if format > S::FORMAT {
        return Err(format!(
            "the snapshot is in format {format}, newer than this release reads ({})",
            S::FORMAT
        ));
    }
    if format == S::FORMAT {
        return serde_json::from_value(value).map_err(|e| format!("format {format}: {e}"));
    }
    S::upgrade(format, value).map_err(|e| format!("format {format}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct V1 {
        name: String,
    }

    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct V2 {
        title: String,
    }

    impl Snapshot for V2 {
        const FORMAT: u32 = 2;

        fn upgrade(format: u32, stored: Value) -> Result<Self, String> {
            match format {
                1 => serde_json::from_value::<V1>(stored)
                    .map(|v1| V2 { title: v1.name })
                    .map_err(|e| e.to_string()),
                _ => Err(format!("no upgrade from format {format}")),
            }
        }
    }

    #[test]
    fn snapshots_carry_their_format_and_old_ones_are_upgraded() {
        let current = V2 { title: "t".into() };
        let stored = encode(&current).unwrap().to_string();
        assert!(stored.contains("\"format\":2"));
        assert_eq!(decode::<V2>(&stored).unwrap(), current);
        // Release 0.1.0 wrote no format: format 1.
        assert_eq!(decode::<V2>(r#"{"name":"t"}"#).unwrap(), current);
    }

    #[test]
    fn unreadable_snapshots_are_errors_not_defaults() {
        assert!(
            decode::<V2>(r#"{"format":3,"title":"t"}"#)
                .unwrap_err()
                .contains("newer")
        );
        assert!(decode::<V2>(r#"{"format":2,"title":7}"#).is_err());
        assert!(decode::<V2>(r#"{"format":2,"title":"t","extra":1}"#).is_err());
        assert!(decode::<V2>("[1]").is_err());
        assert!(decode::<V2>("not json").is_err());
    }
}
