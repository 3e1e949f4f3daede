//! Black-box tests: the real server on a random port, a real HTTP client, both backends.

mod helpers;

mod auth;
mod errors;
mod inputs;
mod logins;
mod openapi;
mod outage;
mod process;
mod roles;
mod sessions;
mod telemetry;
mod throttling;
mod tls;
mod users;

// The claims database.
mod captures;
mod claim_lists;
mod claimreview;
mod claimreview_import;
mod claims;
mod claims_csv;
mod demo;
mod derivations;
mod entities;
mod estimates;
mod exports;
mod fixtures;
mod properties;
mod provenance;
mod search;
mod sources;

// History, safe edits, idempotency, the changes feed, contradiction flags.
mod changes;
mod concurrency;
mod contradictions;
mod golden;
mod history;
mod history_fixtures;
mod idempotency;
mod ledger;
mod relations;
mod review_queue;
mod upgrades;

// Webhooks.
mod receiver;
mod webhooks;
mod webhooks_imports;
mod webhooks_instances;
mod webhooks_lifecycle;
