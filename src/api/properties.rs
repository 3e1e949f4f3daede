//! Properties: `/v1/properties`, the vocabulary of structured claims.

use actix_web::{get, patch, post};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::auth::{Admin, Viewer};
use crate::api::error::ApiResult;
use crate::api::pagination::{Page, PageQuery};
use crate::api::records::Resource;
use crate::db::DbConn;
use crate::domain::property::PropertyDoc;
use crate::store;
use crate::store::engine::{Editable, Stored};
use crate::store::properties::Property;

#[derive(Debug, Serialize, ToSchema)]
pub struct PropertyResponse {
    #[serde(flatten)]
    pub doc: PropertyDoc,
    pub revision: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Who added it; `null` for the properties that ship with claimledger.
    pub created_by: Option<String>,
}

impl From<Stored<Property>> for PropertyResponse {
    fn from(Stored { meta, snapshot }: Stored<Property>) -> Self {
        Self {
            doc: Property::doc(&snapshot),
            revision: meta.revision,
            created_at: meta.created_at.and_utc(),
            updated_at: meta.updated_at.and_utc(),
            created_by: meta.created_by,
        }
    }
}

impl Resource for Property {
    type Response = PropertyResponse;
    const PATH: &'static str = "/v1/properties";

    fn respond(_: &mut DbConn, stored: Stored<Self>) -> ApiResult<PropertyResponse> {
        Ok(stored.into())
    }
}

crate::list_endpoint! {
    /// List the property vocabulary, by key.
    list_properties: query PageQuery, role Viewer, response PropertyResponse, tag "properties",
    get "/v1/properties", "One page of properties", records store::properties::list,
}

crate::read_endpoint! {
    /// Read one property, now or as it stood at a past instant.
    get_property: Property, response PropertyResponse, role Viewer, tag "properties",
    get "/v1/properties/{key}", "key" = "The property's key, e.g. `fatalities.police`",
}

crate::create_endpoint! {
    /// Add a property (admin).
    create_property: Property, body PropertyDoc, response PropertyResponse, role Admin,
    tag "properties", post "/v1/properties", location "The property's URL",
    responses [(status = 409, description = "A property with this key exists")],
}

crate::update_endpoint! {
    /// Change a property's label, description, unit, single-valuedness or best-value rule (admin).
    ///
    /// A JSON Merge Patch with `If-Match`. The key and value type cannot change.
    update_property: Property, response PropertyResponse, role Admin, tag "properties",
    patch "/v1/properties/{key}", "key" = "The property's key",
}

crate::revert_endpoint! {
    /// Revert a property to an earlier revision, as a new revision (admin, with `If-Match`).
    revert_property: Property, response PropertyResponse, role Admin, tag "properties",
    post "/v1/properties/{key}/revert", "key" = "The property's key",
}
