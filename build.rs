// The migrations are embedded into the binary (`embed_migrations!`); rebuild when they change.
//
// `cfg(pg_tests)`: set when TEST_DATABASE_URL is set and non-empty, so the PostgreSQL tests in
// tests/api run; without it they are compiled `#[ignore]`d, and `cargo test` reports them as
// ignored rather than passed.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rustc-check-cfg=cfg(pg_tests)");
    println!("cargo:rerun-if-env-changed=TEST_DATABASE_URL");
    if std::env::var_os("TEST_DATABASE_URL").is_some_and(|url| !url.is_empty()) {
        println!("cargo:rustc-cfg=pg_tests");
    }
}
