// The migrations are embedded into the binary (`embed_migrations!`); rebuild when they change.
//
// `cfg(pg_tests)`: set when TEST_DATABASE_URL is set and non-empty, so the PostgreSQL tests in
// tests/api run; without it they are compiled `#[ignore]`d, and `cargo test` reports them as
// ignored rather than passed.
//
// `cfg(python_tests)`: set when `python3` runs, for the tests that read our output with
// Python's standard library (as the newsroom's scripts do); without it they are ignored.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rustc-check-cfg=cfg(pg_tests)");
    println!("cargo:rerun-if-env-changed=TEST_DATABASE_URL");
    if std::env::var_os("TEST_DATABASE_URL").is_some_and(|url| !url.is_empty()) {
        println!("cargo:rustc-cfg=pg_tests");
    }
    println!("cargo:rustc-check-cfg=cfg(python_tests)");
    println!("cargo:rerun-if-env-changed=PATH");
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if python {
        println!("cargo:rustc-cfg=python_tests");
    }
}
