//! What utoipa's annotations cannot say, added to the serialised document.

use serde_json::{Map, Value, json};

use crate::api::error::PROBLEM_JSON;

pub(super) const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// What the annotations cannot say, added to the serialised document:
/// - public operations say so with `security: []` (else a client may assume a global default);
/// - `If-Match` and `Idempotency-Key` get the exact syntax the server accepts, so clients and
///   test generators know it, and `limit`, `n` and `from` their ranges;
/// - every response declares `X-Request-Id`; 401 `WWW-Authenticate`; 429 and 503 `Retry-After`;
/// - response schemas that utoipa writes as `allOf` of a closed request document plus stored
///   fields (which no instance could satisfy) become one object;
/// - links from creates and reads to the operations on the record they return, so clients and
///   stateful testers can follow create → read → edit.
pub(super) fn refine(doc: &mut Value) {
    flatten_all_of(doc);
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    for item in paths.values_mut() {
        for method in METHODS {
            if let Some(operation) = item.get_mut(method) {
                refine_operation(operation);
            }
        }
    }
    add_links(doc);
    drop_unused_schemas(doc);
}

/// Flattening leaves the parts it merged unreferenced; drop every schema nothing points to.
fn drop_unused_schemas(doc: &mut Value) {
    fn references(value: &Value, found: &mut std::collections::HashSet<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    found.insert(
                        target
                            .trim_start_matches("#/components/schemas/")
                            .to_owned(),
                    );
                }
                map.values().for_each(|v| references(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| references(v, found)),
            _ => {}
        }
    }
    loop {
        let mut found = std::collections::HashSet::new();
        references(doc, &mut found);
        let Some(schemas) = doc["components"]["schemas"].as_object_mut() else {
            return;
        };
        let before = schemas.len();
        schemas.retain(|name, _| found.contains(name));
        if schemas.len() == before {
            return;
        }
    }
}

fn refine_operation(operation: &mut Value) {
    if operation.get("security").is_none() {
        operation["security"] = json!([]);
    }
    // A merge patch is an object naming at least one field to change.
    if let Some(schema) =
        operation.pointer_mut("/requestBody/content/application~1merge-patch+json/schema")
    {
        if schema.as_object().is_some_and(Map::is_empty) {
            *schema = json!({"type": "object", "additionalProperties": true});
        }
        schema["minProperties"] = json!(1);
    }
    if let Some(parameters) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    {
        for parameter in parameters {
            refine_parameter(parameter);
        }
    }
    let idempotent = operation["parameters"]
        .as_array()
        .is_some_and(|ps| ps.iter().any(|p| p["name"] == "Idempotency-Key"));
    if let Some(responses) = operation
        .get_mut("responses")
        .and_then(Value::as_object_mut)
    {
        // Any create that takes an Idempotency-Key can meet a replay of its key still running.
        if idempotent && !responses.contains_key("409") {
            responses.insert(
                "409".to_owned(),
                json!({
                    "description": "A request with this `Idempotency-Key` is still being processed; retry shortly",
                    "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                }),
            );
        }
        for (status, response) in responses.iter_mut() {
            // Every error is a problem document; annotations need not repeat it.
            if status.starts_with(['4', '5']) && response.get("content").is_none() {
                response["content"] =
                    json!({PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}});
            }
            let headers = response
                .as_object_mut()
                .expect("a response is an object")
                .entry("headers")
                .or_insert_with(|| json!({}));
            headers["X-Request-Id"] = json!({
                "description": "The request's id (yours when you sent a sane `X-Request-Id`); \
                    quote it in bug reports",
                "required": true,
                "schema": {"type": "string"},
            });
            match status.as_str() {
                "401" => {
                    headers["WWW-Authenticate"] = json!({
                        "description": "`Bearer`",
                        "required": true,
                        "schema": {"type": "string"},
                    });
                }
                "429" | "503" => {
                    headers["Retry-After"] = json!({
                        "description": "Seconds to wait before trying again",
                        "required": true,
                        "schema": {"type": "integer", "minimum": 0},
                    });
                }
                _ => {}
            }
        }
    }
}

fn refine_parameter(parameter: &mut Value) {
    let name = parameter["name"].as_str().unwrap_or_default().to_owned();
    let location = parameter["in"].as_str().unwrap_or_default().to_owned();
    match (location.as_str(), name.as_str()) {
        ("header", "If-Match") => {
            parameter["required"] = json!(true);
            parameter["schema"] = json!({
                "type": "string",
                "pattern": "^\"[1-9][0-9]{0,17}\"$",
            });
            parameter["example"] = json!("\"1\"");
        }
        ("header", "Idempotency-Key") => {
            parameter["schema"] = json!({
                "type": "string",
                "minLength": 1,
                "maxLength": 255,
                "pattern": "^[!-~]+$",
            });
            parameter["example"] = json!("import-2022-11-30-0001");
        }
        ("path", "n") => {
            parameter["schema"] = json!({"type": "integer", "format": "int32", "minimum": 1});
        }
        // A diff's `from` revision; an estimate series' `from` is an instant, and stays one.
        ("query", "from") if parameter["schema"]["format"] != "date-time" => {
            parameter["schema"] = json!({"type": "integer", "format": "int32", "minimum": 0});
        }
        ("query", "cursor" | "after") => {
            parameter["schema"] = json!({"type": "string", "minLength": 1});
        }
        ("query", "occurred_from" | "occurred_to") => {
            parameter["schema"] = json!({
                "type": "string",
                "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2}(T.+)?)?)?$",
            });
        }
        ("query", "limit") => {
            parameter["schema"] = json!({
                "type": "integer", "format": "int32", "minimum": 1, "maximum": 500, "default": 50,
            });
        }
        _ => {}
    }
}

/// `{"allOf": [{"$ref": A}, {…}]}` with A closed (`additionalProperties: false`, from
/// `deny_unknown_fields` on a request document) rejects every instance that has the second
/// part's fields; merge the parts into one open object instead, wherever such a schema is.
fn flatten_all_of(doc: &mut Value) {
    let Some(schemas) = doc["components"]["schemas"].as_object().cloned() else {
        return;
    };
    walk(doc, &schemas);

    fn walk(value: &mut Value, schemas: &Map<String, Value>) {
        match value {
            Value::Object(map) => {
                map.values_mut().for_each(|v| walk(v, schemas));
                if let Some(merged) = merge(map, schemas) {
                    *value = merged;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, schemas)),
            _ => {}
        }
    }

    fn merge(schema: &Map<String, Value>, schemas: &Map<String, Value>) -> Option<Value> {
        let parts = schema.get("allOf")?.as_array()?;
        let mut properties = Map::new();
        let mut required: Vec<Value> = Vec::new();
        for part in parts {
            let part = match part.get("$ref").and_then(Value::as_str) {
                Some(reference) => {
                    schemas.get(reference.trim_start_matches("#/components/schemas/"))?
                }
                None => part,
            };
            if part.get("type") != Some(&json!("object")) || part.get("allOf").is_some() {
                return None;
            }
            if let Some(props) = part.get("properties").and_then(Value::as_object) {
                properties.extend(props.clone());
            }
            if let Some(req) = part.get("required").and_then(Value::as_array) {
                required.extend(req.iter().cloned());
            }
        }
        let mut merged = json!({"type": "object", "required": required, "properties": properties});
        if let Some(description) = schema.get("description") {
            merged["description"] = description.clone();
        }
        Some(merged)
    }
}

/// Links from an operation that returns a record to the operations on that record (same path
/// prefix, one more segment of `{id}`/`{key}`): the record's id from the body, `If-Match` from
/// the `ETag` the response carries.
fn add_links(doc: &mut Value) {
    /// (path, method, operationId, its parameters as (in, name))
    type Operation = (String, String, String, Vec<(String, String)>);
    let mut operations: Vec<Operation> = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths").iter() {
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let parameters = operation["parameters"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            (
                                p["in"].as_str().unwrap_or_default().to_owned(),
                                p["name"].as_str().unwrap_or_default().to_owned(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            operations.push((
                path.clone(),
                method.to_owned(),
                operation["operationId"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                parameters,
            ));
        }
    }
    for (path, method, _, _) in &operations {
        // The record's own path: `/v1/sources/{id}` for both the create and the read.
        let (record_path, status) = match method.as_str() {
            "post" if !path.contains('{') => (None, "201"),
            "get" | "patch" if path.matches('{').count() == 1 && path.ends_with('}') => {
                (Some(path.clone()), "200")
            }
            _ => continue,
        };
        let response = &doc["paths"][path][method]["responses"][status];
        let Some(body) = response["content"]["application/json"]["schema"]["$ref"].as_str() else {
            continue;
        };
        let body = body.trim_start_matches("#/components/schemas/").to_owned();
        let fields = &doc["components"]["schemas"][&body]["properties"];
        let has_etag = response["headers"].get("ETag").is_some();
        let mut links = Map::new();
        for (target_path, target_method, target_id, parameters) in &operations {
            let Some(rest) = target_path.strip_prefix(path.as_str()) else {
                continue;
            };
            let same_record = match &record_path {
                // from a read or edit: the other operations on the same record
                Some(_) => rest.is_empty() || rest.starts_with('/'),
                // from a create: the operations on `<collection>/{…}`
                None => {
                    rest.starts_with("/{") && {
                        let param_end = rest.find('}').unwrap_or(0);
                        rest[param_end + 1..].is_empty() || rest[param_end + 1..].starts_with('/')
                    }
                }
            };
            if !same_record || (target_path == path && target_method == method) {
                continue;
            }
            let mut values = Map::new();
            let mut complete = true;
            for (location, name) in parameters {
                let value = match (location.as_str(), name.as_str()) {
                    ("path", "id" | "key") if fields.get(name).is_some() => {
                        format!("$response.body#/{name}")
                    }
                    ("path", "n") if fields.get("revision").is_some() => {
                        "$response.body#/revision".to_owned()
                    }
                    ("header", "If-Match") if has_etag => "$response.header.ETag".to_owned(),
                    ("path", _) => {
                        complete = false;
                        break;
                    }
                    _ => continue,
                };
                let key = if location == "path" {
                    name.clone()
                } else {
                    format!("{location}.{name}")
                };
                values.insert(key, Value::String(value));
            }
            if complete && !values.is_empty() {
                links.insert(
                    target_id.clone(),
                    json!({"operationId": target_id, "parameters": values}),
                );
            }
        }
        if !links.is_empty() {
            doc["paths"][path][method]["responses"][status]["links"] = Value::Object(links);
        }
    }
}
