//! The shapes code generators want, given to the serialised document. Each pass is one rule,
//! applied to every schema or operation it fits, so a new record kind gets it for nothing:
//!
//! - a generic instance (`Page_ClaimResponse`) references its argument's schema instead of
//!   copying it inline, so SDKs get one named class per item type;
//! - a tagged union (`ClaimValue`) has one named schema per variant and a discriminator;
//! - a merge-patch body that utoipa only knows as "an object" gets a named schema, derived
//!   from the create body: every field optional, `null` only where clearing is allowed;
//! - integers are 32-bit unless they count the whole ledger (generators map `int64` to big
//!   integers, which some send as strings);
//! - errors are typed per status (`ValidationProblem` carries `errors`, …) and shared as
//!   `components/responses`, referenced by each operation.

use serde_json::{Map, Value, json};

use super::refine::METHODS;

const SCHEMAS: &str = "#/components/schemas/";

pub(super) fn refine(doc: &mut Value) {
    lift_generic_arguments(doc);
    name_union_variants(doc);
    type_merge_patches(doc);
    fit_integer_formats(doc);
    type_problems(doc);
    share_error_responses(doc);
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("{SCHEMAS}{name}") })
}

fn schemas(doc: &mut Value) -> &mut Map<String, Value> {
    doc["components"]["schemas"]
        .as_object_mut()
        .expect("the document has schemas")
}

/// Every operation of the document.
fn operations(doc: &mut Value) -> impl Iterator<Item = (&String, &str, &mut Value)> {
    doc["paths"]
        .as_object_mut()
        .expect("the document has paths")
        .iter_mut()
        .flat_map(|(path, item)| {
            let item = item.as_object_mut().expect("a path item is an object");
            item.iter_mut().filter_map(move |(method, operation)| {
                let method = METHODS.iter().find(|m| **m == method.as_str())?;
                Some((path, *method, operation))
            })
        })
}

/// `Outer_Arg` (utoipa's name for `Outer<Arg>`) copies `Arg`'s schema inline, at a property or
/// in a property's array items: reference `Arg` instead, adding it where nothing else does.
fn lift_generic_arguments(doc: &mut Value) {
    let generic: Vec<(String, String)> = schemas(doc)
        .keys()
        .filter_map(|name| {
            let (_, argument) = name.split_once('_')?;
            Some((name.clone(), argument.to_owned()))
        })
        .collect();
    for (name, argument) in generic {
        let mut lifted = Vec::new();
        let schemas = schemas(doc);
        let properties = schemas[&name]["properties"]
            .as_object_mut()
            .expect("a generic schema is an object");
        for property in properties.values_mut() {
            let slot = if property["type"] == "array" {
                &mut property["items"]
            } else {
                property
            };
            if slot["type"] == "object" && slot.get("properties").is_some() {
                lifted.push(std::mem::replace(slot, schema_ref(&argument)));
            }
        }
        assert_eq!(lifted.len(), 1, "{name}: one inline copy of {argument}");
        let inline = lifted.pop().expect("checked");
        let existing = schemas.entry(argument.clone()).or_insert(inline.clone());
        assert_eq!(*existing, inline, "{name} copies {argument} as it is");
    }
}

/// A `oneOf` of inline objects each with a one-value `type` (serde's internally tagged enum):
/// one schema per variant, named by its tag and the union's last word (`ClaimValue`'s
/// `quantity` is `QuantityValue`), and a discriminator on `type`.
fn name_union_variants(doc: &mut Value) {
    let names: Vec<String> = schemas(doc).keys().cloned().collect();
    for name in names {
        let schemas = schemas(doc);
        let Some(variants) = schemas[&name]["oneOf"].as_array() else {
            continue;
        };
        let tags: Option<Vec<String>> = variants
            .iter()
            .map(|v| {
                let tag = v["properties"]["type"]["enum"].as_array()?;
                (tag.len() == 1 && v.get("$ref").is_none())
                    .then(|| tag[0].as_str().map(str::to_owned))?
            })
            .collect();
        let Some(tags) = tags else { continue };
        let suffix = &name[name.rfind(|c: char| c.is_ascii_uppercase()).unwrap_or(0)..];
        let variants = schemas[&name]["oneOf"].take();
        let mut refs = Vec::new();
        let mut mapping = Map::new();
        for (tag, variant) in tags.iter().zip(variants.as_array().expect("checked")) {
            // `TimeValue` is taken (the type of `occurred_at`): then `TimeClaimValue`.
            let mut variant_name = format!("{}{suffix}", pascal_case(tag));
            if schemas.contains_key(&variant_name) {
                variant_name = format!("{}{name}", pascal_case(tag));
            }
            assert!(
                !schemas.contains_key(&variant_name),
                "{variant_name} is taken"
            );
            schemas.insert(variant_name.clone(), variant.clone());
            refs.push(schema_ref(&variant_name));
            mapping.insert(tag.clone(), json!(format!("{SCHEMAS}{variant_name}")));
        }
        let union = &mut schemas[&name];
        union["oneOf"] = Value::Array(refs);
        union["discriminator"] = json!({"propertyName": "type", "mapping": mapping});
    }
}

fn pascal_case(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// `PATCH <collection>/{id}` with an untyped merge patch gets `<Kind>PatchRequest`, made from
/// the body of `POST <collection>` (`<Kind>Doc`): every field optional, with no defaults (an
/// absent field stays as it is); `null` allowed only on fields the create may leave out (a
/// `null` clears them; on a required field it would be a 422); plus `edit_summary`.
fn type_merge_patches(doc: &mut Value) {
    const BODY: &str = "/requestBody/content/application~1merge-patch+json/schema";
    let mut wanted = Vec::new();
    let paths = doc["paths"].as_object().expect("paths");
    for (path, item) in paths {
        let Some(schema) = item.get("patch").and_then(|op| op.pointer(BODY)) else {
            continue;
        };
        if schema.get("$ref").is_some() {
            continue;
        }
        let collection = &path[..path.rfind('/').expect("an item path")];
        let create = paths[collection]["post"]
            .pointer("/requestBody/content/application~1json/schema/$ref")
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("PATCH {path}: no create body at POST {collection}"));
        let doc_name = create.trim_start_matches(SCHEMAS).to_owned();
        wanted.push((path.clone(), doc_name));
    }
    for (path, doc_name) in wanted {
        let kind = doc_name.strip_suffix("Doc").unwrap_or(&doc_name);
        let patch_name = format!("{kind}PatchRequest");
        let patch = patch_schema(&schemas(doc)[&doc_name], &kind.to_lowercase());
        schemas(doc).insert(patch_name.clone(), patch);
        *doc["paths"][&path]["patch"]
            .pointer_mut(BODY)
            .expect("checked") = schema_ref(&patch_name);
    }
}

fn patch_schema(create: &Value, kind: &str) -> Value {
    let required: Vec<&str> = create["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut properties = create["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (name, property) in properties.iter_mut() {
        let property = property.as_object_mut().expect("a property is an object");
        property.remove("default");
        if !required.contains(&name.as_str()) {
            allow_null(property);
        }
    }
    properties.insert(
        "edit_summary".to_owned(),
        json!({
            "type": ["string", "null"],
            "maxLength": 500,
            "description": "Why, in a few words; kept on the new revision (not a field of the record).",
        }),
    );
    json!({
        "type": "object",
        "description": format!(
            "A JSON Merge Patch (RFC 7396) of a {kind}: the fields to change. An absent field \
             stays as it is; `null` clears an optional one (or sets it back to its default). Lists (`tags`, `citations`, …) are \
             replaced whole; an object is merged into the one stored, and the result must be \
             valid as a whole. Unknown fields are a 422."
        ),
        "properties": properties,
        "additionalProperties": false,
        "minProperties": 1,
    })
}

fn allow_null(property: &mut Map<String, Value>) {
    let null = json!({"type": "null"});
    if let Some(Value::String(t)) = property.get("type").cloned() {
        property.insert("type".to_owned(), json!([t, "null"]));
    } else if let Some(Value::Array(variants)) = property.get_mut("oneOf") {
        if !variants.contains(&null) {
            variants.push(null);
        }
    } else if let Some(reference) = property.remove("$ref") {
        property.insert(
            "oneOf".to_owned(),
            json!([{ "$ref": reference }, { "type": "null" }]),
        );
    }
}

/// Counts over the whole ledger, which may outgrow 32 bits: an integer without a format.
const LEDGER_WIDE: [(&str, &str); 4] = [
    ("Checkpoint", "records"),
    ("Checkpoint", "revisions"),
    ("Verification", "records"),
    ("Verification", "revisions"),
];

/// Revisions, limits, days and counts of one record are small: `int32`.
fn fit_integer_formats(doc: &mut Value) {
    for (schema, property) in LEDGER_WIDE {
        if let Some(p) = schemas(doc)
            .get_mut(schema)
            .and_then(|s| s["properties"].get_mut(property))
        {
            p.as_object_mut().expect("an object").remove("format");
        }
    }
    fn walk(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if map.get("format") == Some(&json!("int64")) {
                    map.insert("format".to_owned(), json!("int32"));
                }
                map.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(doc);
}

/// The fields a problem carries beyond the base ones, by status.
const TYPED_PROBLEMS: [(&str, &str, &str, bool); 3] = [
    ("409", "ConflictProblem", "existing_id", false),
    ("412", "PreconditionFailedProblem", "current_revision", true),
    ("422", "ValidationProblem", "errors", true),
];

/// `Problem` keeps the fields every problem has; the statuses that carry more get their own
/// schema with them (required where always present).
fn type_problems(doc: &mut Value) {
    let schemas = schemas(doc);
    let mut base = schemas["Problem"].clone();
    let extras: Vec<&str> = TYPED_PROBLEMS
        .iter()
        .map(|(_, _, field, _)| *field)
        .collect();
    let all = base["properties"]
        .as_object_mut()
        .expect("Problem has properties")
        .clone();
    base["properties"]
        .as_object_mut()
        .expect("checked")
        .retain(|name, _| !extras.contains(&name.as_str()));
    for (status, name, field, required) in TYPED_PROBLEMS {
        let mut typed = base.clone();
        let mut property = all[field].clone();
        if required {
            let t = property["type"].as_array().and_then(|t| t.first()).cloned();
            if let Some(t) = t {
                property["type"] = t;
            }
            typed["required"]
                .as_array_mut()
                .expect("Problem has required fields")
                .push(json!(field));
        }
        typed["properties"][field] = property;
        typed["description"] = json!(format!("RFC 9457 problem details of a {status}."));
        schemas.insert(name.to_owned(), typed);
    }
    schemas.insert("Problem".to_owned(), base);
    for (_, _, operation) in operations(doc) {
        for (status, name, _, _) in TYPED_PROBLEMS {
            if let Some(schema) = operation.pointer_mut(&format!(
                "/responses/{status}/content/application~1problem+json/schema"
            )) {
                *schema = schema_ref(name);
            }
        }
    }
}

/// The error responses, one per status under `components/responses`: each operation
/// references it, with its own description where it says more than the shared one.
fn share_error_responses(doc: &mut Value) {
    let mut shared = Map::new();
    for (_, _, operation) in operations(doc) {
        let Some(responses) = operation["responses"].as_object_mut() else {
            continue;
        };
        for (status, response) in responses.iter_mut() {
            if !status.starts_with(['4', '5']) {
                continue;
            }
            let name = response_name(status);
            let description = response["description"].clone();
            let canonical = shared.entry(name.clone()).or_insert_with(|| {
                let mut canonical = response.clone();
                canonical["description"] = json!(shared_description(status));
                canonical
            });
            let mut comparable = response.clone();
            comparable["description"] = canonical["description"].clone();
            assert_eq!(
                comparable, *canonical,
                "every {status} has the same content and headers"
            );
            let mut reference = json!({"$ref": format!("#/components/responses/{name}")});
            if description != canonical["description"] {
                reference["description"] = description;
            }
            *response = reference;
        }
    }
    doc["components"]["responses"] = Value::Object(shared);
}

fn response_name(status: &str) -> String {
    match status {
        "400" => "BadRequest",
        "401" => "Unauthorized",
        "403" => "Forbidden",
        "404" => "NotFound",
        "409" => "Conflict",
        "412" => "PreconditionFailed",
        "413" => "PayloadTooLarge",
        "415" => "UnsupportedMediaType",
        "422" => "ValidationFailed",
        "428" => "PreconditionRequired",
        "429" => "TooManyRequests",
        "500" => "InternalError",
        "503" => "ServiceUnavailable",
        other => panic!("no shared response for status {other}: name it here"),
    }
    .to_owned()
}

fn shared_description(status: &str) -> &'static str {
    match status {
        "400" => "Malformed JSON, or a query parameter of the wrong type or an unknown one",
        "401" => "No token, or an invalid, expired or revoked one",
        "403" => "Your role is too low for this",
        "404" => "No such record",
        "409" => {
            "A conflict with the present state: a duplicate (`existing_id` names it), or a request with the same `Idempotency-Key` still running"
        }
        "412" => "The record changed since you read it: `current_revision` says where it is now",
        "413" => "The body is larger than 1 MiB",
        "415" => "The body is not JSON",
        "422" => "A field or query parameter is invalid; `errors` names each by JSON pointer",
        "428" => "If-Match is missing",
        "429" => "Too many requests of this kind right now; retry after `Retry-After` seconds",
        "500" => "A bug: the problem's `request_id` helps find it in the log",
        "503" => "The database is unavailable; retry shortly",
        _ => "An error",
    }
}
