//! claimledger: an authenticated REST API over a ledger of sourced factual claims.

pub mod api;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod interchange;
pub mod memory;
pub mod openapi;
pub mod schema;
pub mod seed;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod webhooks;
