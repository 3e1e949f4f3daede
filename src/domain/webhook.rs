//! Webhook subscriptions: what an admin may ask to be sent, and where. The rules that need the
//! configuration (http allowed, private addresses) are checked by `webhooks::net` where the
//! configuration is known.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::text::optional_text;
use crate::domain::{FieldError, Validator};

/// The most event types one subscription may name.
pub const MAX_EVENT_TYPES: usize = 64;
/// The longest target URL.
pub const MAX_URL_CHARS: usize = 2000;

crate::stored_enum! {
    /// How an event is sent: `standard` (the event as JSON, signed per Standard Webhooks) or
    /// `slack` (a `{"text": …}` message, which Slack and Teams incoming webhooks accept).
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    #[derive(Default)]
    pub enum PayloadFormat {
        #[default]
        Standard,
        Slack,
    }
}

crate::stored_enum! {
    /// What a subscription gets for a bulk import (`POST /v1/imports/claimreview`): `summary`,
    /// one `import.completed` event with the import's counts (when it asks for that type), and
    /// none of the imported records' own events; or `each`, every imported record's events
    /// (and `import.completed` too, when asked for).
    #[serde(rename_all = "snake_case")]
    #[strum(serialize_all = "snake_case")]
    #[derive(Default)]
    pub enum ImportEvents {
        #[default]
        Summary,
        Each,
    }
}

/// Every event type a subscription may ask for, with what it means. `webhook.ping` is sent
/// only by `POST /v1/webhooks/{id}/test`.
pub const EVENT_TYPES: &[(&str, &str)] = &[
    ("claim.created", "A claim was created"),
    ("claim.updated", "A claim was edited or reverted"),
    ("claim.retracted", "A claim was retracted"),
    ("claim.restored", "A retracted claim was restored"),
    ("claim.verdict_set", "A reviewer set a claim's verdict"),
    (
        "contradiction.opened",
        "A contradiction flag was opened (or reopened)",
    ),
    (
        "contradiction.confirmed",
        "A reviewer confirmed a contradiction",
    ),
    (
        "contradiction.dismissed",
        "A reviewer dismissed a contradiction",
    ),
    ("contradiction.resolved", "A contradiction was resolved"),
    (
        "contradiction.updated",
        "A contradiction flag's note was edited or it was reverted",
    ),
    ("source.created", "A source was created"),
    ("source.updated", "A source was edited or reverted"),
    ("source.retracted", "A source was retracted"),
    ("source.restored", "A retracted source was restored"),
    ("entity.created", "An entity was created"),
    ("entity.updated", "An entity was edited or reverted"),
    ("entity.retracted", "An entity was retracted"),
    ("entity.restored", "A retracted entity was restored"),
    ("property.created", "A property was created"),
    ("property.updated", "A property was edited or reverted"),
    (
        "external_review.created",
        "Another organisation's review was imported",
    ),
    ("external_review.updated", "An imported review changed"),
    (
        "external_review.retracted",
        "An imported review was retracted",
    ),
    (
        "external_review.restored",
        "A retracted imported review was restored",
    ),
    (
        "import.completed",
        "A bulk import was written: its counts, once per import",
    ),
    (
        "capture.created",
        "A capture of a source was stored (its citations' quotes are rechecked after it)",
    ),
    (
        "relation.created",
        "Two claims were related (duplicate_of, supersedes, corroborates, refines)",
    ),
    ("relation.updated", "A relation was reverted"),
    ("relation.retracted", "A relation was retracted"),
    ("relation.restored", "A retracted relation was restored"),
    (
        "review.needed",
        "A retraction or correction needs review of the claims depending on it (an impact: its reason, target and trigger; the claims are at GET /v1/review-queue)",
    ),
    (
        "review.cleared",
        "A reviewer cleared a claim for an impact, with a note",
    ),
    (
        "webhook.disabled",
        "A subscription was disabled after failing for longer than the retry window",
    ),
];

/// The name of an event type, one of [`EVENT_TYPES`] (listed with their meaning by
/// `GET /v1/webhooks/event-types`): in the OpenAPI document a string enum, so that generated
/// clients know them.
pub struct WebhookEventType;

impl utoipa::PartialSchema for WebhookEventType {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(EVENT_TYPES.iter().map(|(name, _)| *name)))
            .into()
    }
}

impl ToSchema for WebhookEventType {}

/// Deserializes a struct from a JSON object only. A derived `Deserialize` also takes an array
/// of the fields in order, so `"filters": [null, null]` would read as no filters; no client
/// means that.
fn object_only<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ObjectOnly<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for ObjectOnly<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_map(ObjectOnly(std::marker::PhantomData))
}

/// Which events of claims (and contradiction flags) a subscription wants: all that are
/// given must match. Events of other kinds pass only when no filter is set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookFilters {
    /// Only claims about this entity (and flags between claims about it).
    #[serde(default)]
    #[schema(max_length = 100)]
    pub subject_id: Option<String>,
    /// Only claims with this tag.
    #[serde(default)]
    #[schema(max_length = 100)]
    pub tag: Option<String>,
    /// Only claims of this property (and flags about it).
    #[serde(default)]
    #[schema(max_length = 100)]
    pub property: Option<String>,
}

impl WebhookFilters {
    pub fn is_empty(&self) -> bool {
        self.subject_id.is_none() && self.tag.is_none() && self.property.is_none()
    }
}

fn yes() -> bool {
    true
}

/// A webhook subscription as an admin writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookDoc {
    /// Where events are POSTed: an https URL (http only where the server allows it).
    #[schema(max_length = 2000, example = "https://hooks.example.org/claimledger")]
    pub url: String,
    /// The events to send (see `GET /v1/webhooks/event-types`), 1 to 64.
    #[schema(value_type = Vec<WebhookEventType>, min_items = 1, max_items = 64, example = json!(["claim.verdict_set", "contradiction.opened"]))]
    pub event_types: Vec<String>,
    #[serde(default, deserialize_with = "object_only")]
    pub filters: WebhookFilters,
    #[serde(default)]
    #[schema(max_length = 500)]
    pub description: Option<String>,
    /// False pauses deliveries (events keep queueing from the feed position; none is lost).
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub payload_format: PayloadFormat,
    /// False: an event carries the record's ids, revision and link but not the record itself
    /// (read it through the API), for receivers that must not hold the content.
    #[serde(default = "yes")]
    pub include_record: bool,
    #[serde(default)]
    pub import_events: ImportEvents,
}

impl WebhookDoc {
    pub fn validate(mut self) -> Result<Self, Vec<FieldError>> {
        let mut v = Validator::new();
        if let Some(url) = v.check("/url", parse_target_url(&self.url)) {
            self.url = url;
        }
        if self.event_types.is_empty() {
            v.push("/event_types", "must name at least one event type");
        } else if self.event_types.len() > MAX_EVENT_TYPES {
            v.push(
                "/event_types",
                format!("must name at most {MAX_EVENT_TYPES} event types"),
            );
        } else {
            for (i, name) in self.event_types.iter().enumerate() {
                if !EVENT_TYPES.iter().any(|(known, _)| known == name) {
                    v.push(
                        &format!("/event_types/{i}"),
                        "is not an event type (see GET /v1/webhooks/event-types)",
                    );
                }
            }
            self.event_types.sort();
            self.event_types.dedup();
        }
        let filters = &mut self.filters;
        for (pointer, value) in [
            ("/filters/subject_id", &mut filters.subject_id),
            ("/filters/tag", &mut filters.tag),
            ("/filters/property", &mut filters.property),
        ] {
            *value = v
                .check(pointer, optional_text(value.as_deref(), 100))
                .flatten();
        }
        self.description = v
            .check(
                "/description",
                optional_text(self.description.as_deref(), 500),
            )
            .flatten();
        v.finish().map(|()| self)
    }
}

/// An absolute http(s) URL without credentials or fragment. Whether http is allowed, and
/// where it may point, is the configuration's to say (`webhooks::net`).
pub fn parse_target_url(raw: &str) -> Result<String, String> {
    if raw.chars().count() > MAX_URL_CHARS {
        return Err(format!("must be at most {MAX_URL_CHARS} characters"));
    }
    let raw = raw.trim();
    let url = url::Url::parse(raw).map_err(|e| format!("is not an absolute URL ({e})"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err("must be an https URL".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not carry a user name or password".into());
    }
    if url.fragment().is_some() {
        return Err("must not have a fragment".into());
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: &str, types: &[&str]) -> WebhookDoc {
        WebhookDoc {
            url: url.into(),
            event_types: types.iter().map(|t| t.to_string()).collect(),
            filters: WebhookFilters::default(),
            description: None,
            enabled: true,
            payload_format: PayloadFormat::Standard,
            include_record: true,
            import_events: ImportEvents::Summary,
        }
    }

    #[test]
    fn bad_fields_are_named() {
        let errors = doc("ftp://x", &["claim.nope"]).validate().unwrap_err();
        let pointers: Vec<_> = errors.iter().map(|e| e.pointer.as_str()).collect();
        assert_eq!(pointers, ["/url", "/event_types/0"]);
        let long = format!("https://x.org/{}", "a".repeat(2000));
        assert!(doc(&long, &["claim.created"]).validate().is_err());
        assert!(
            doc("https://u:p@x.org/", &["claim.created"])
                .validate()
                .is_err()
        );
        assert!(doc("https://x.org/", &[]).validate().is_err());
    }

    #[test]
    fn filters_are_an_object_not_an_array_of_fields() {
        let body = |filters: serde_json::Value| {
            serde_json::from_value::<WebhookDoc>(serde_json::json!({
                "url": "https://x.org/h", "event_types": ["claim.created"], "filters": filters,
            }))
        };
        assert!(body(serde_json::json!([null, null])).is_err());
        assert!(body(serde_json::json!(["e1", "ttp", "fatalities"])).is_err());
        let doc = body(serde_json::json!({"tag": "ttp"})).expect("an object");
        assert_eq!(doc.filters.tag.as_deref(), Some("ttp"));
        assert!(
            body(serde_json::json!({"colour": "red"})).is_err(),
            "unknown fields still refused"
        );
        assert_eq!(
            serde_json::from_value::<WebhookDoc>(
                serde_json::json!({"url": "https://x.org/h", "event_types": ["claim.created"]})
            )
            .expect("filters may be left out")
            .filters,
            WebhookFilters::default()
        );
    }

    #[test]
    fn event_types_are_sorted_and_deduplicated() {
        let d = doc(
            "https://x.org/h",
            &["claim.updated", "claim.created", "claim.updated"],
        )
        .validate()
        .unwrap();
        assert_eq!(d.event_types, ["claim.created", "claim.updated"]);
    }
}
