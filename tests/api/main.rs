//! Black-box tests: the real server on a random port, a real HTTP client, both backends.

mod helpers;

mod auth;
mod errors;
