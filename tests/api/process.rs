//! The `claimledger` binary itself: start-up failures, the CLI subcommands, the first admin,
//! the SQLite key kept across restarts, and SIGTERM. These run on SQLite (and the PostgreSQL
//! start-up check where `TEST_DATABASE_URL` is set).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::helpers::{Backend, JWT_SECRET, PG_URL_GONE, TestDatabase, spawn_app_with};

const BINARY: &str = env!("CARGO_BIN_EXE_claimledger");
pub(crate) const ADMIN_PASSWORD: &str = "binary-admin-password";
/// A bound on waits for the process (start-up, exit): generous, never a timing assertion.
const PATIENCE: Duration = Duration::from_secs(60);

/// The binary with a clean environment: nothing from the developer's shell leaks in.
fn claimledger(database_url: &str) -> Command {
    let mut command = Command::new(BINARY);
    command
        .env_clear()
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "info")
        .stdin(Stdio::null());
    command
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_with_deadline(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("claimledger did not exit within {PATIENCE:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs the binary to completion (bounded), feeding `stdin`.
fn run(mut command: Command, stdin: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let (mut stdout, mut stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let mut out = Vec::new();
    let _ = stdout.read_to_end(&mut out);
    let status = wait_with_deadline(&mut child);
    Output {
        status,
        stdout: out,
        stderr: err_reader.join().unwrap(),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `claimledger serve` running in the background, logging to files in its data folder.
pub(crate) struct Server {
    pub(crate) child: Child,
    address: String,
    dir: PathBuf,
}

impl Server {
    pub(crate) fn start(dir: &Path, envs: &[(&str, &str)]) -> Server {
        let port = free_port();
        let database = dir.join("data").join("claimledger.db");
        let mut command = claimledger(database.to_str().unwrap());
        command
            .arg("serve")
            .env("CLAIMLEDGER_ADDR", format!("127.0.0.1:{port}"))
            .env("CLAIMLEDGER_WORKERS", "2")
            .stdout(std::fs::File::create(dir.join("stdout.log")).unwrap())
            .stderr(std::fs::File::create(dir.join("stderr.log")).unwrap());
        for (key, value) in envs {
            command.env(key, value);
        }
        let mut server = Server {
            child: command.spawn().expect("the binary starts"),
            address: format!("127.0.0.1:{port}"),
            dir: dir.to_owned(),
        };
        server.wait_until_healthy();
        server
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    fn stdout(&self) -> String {
        std::fs::read_to_string(self.dir.join("stdout.log")).unwrap_or_default()
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(self.dir.join("stderr.log")).unwrap_or_default()
    }

    fn wait_until_healthy(&mut self) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "claimledger serve exited with {status} at start:\n{}",
                    self.stderr()
                );
            }
            if let Ok(mut stream) = TcpStream::connect(&self.address) {
                let request = format!(
                    "GET /healthz HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                    self.address
                );
                let mut response = String::new();
                if stream.write_all(request.as_bytes()).is_ok()
                    && stream.read_to_string(&mut response).is_ok()
                    && response.starts_with("HTTP/1.1 200")
                {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "claimledger serve did not become healthy:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn terminate(&mut self) -> ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -TERM failed");
        wait_with_deadline(&mut self.child)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A blocking client for the binary tests (which run on plain threads).
fn login(server: &Server, username: &str, password: &str) -> (u16, Value) {
    let client = reqwest::Client::new();
    let url = server.url("/v1/auth/token");
    let body = serde_json::json!({"username": username, "password": password});
    block_on(async move {
        let response = client.post(url).json(&body).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    })
}

fn get(server: &Server, path: &str, token: &str) -> (u16, Value) {
    let client = reqwest::Client::new();
    let url = server.url(path);
    let token = token.to_owned();
    block_on(async move {
        let response = client.get(url).bearer_auth(token).send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    })
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

fn access_token((status, body): (u16, Value)) -> String {
    assert_eq!(status, 200, "login: {body}");
    body["access_token"].as_str().unwrap().to_owned()
}

#[test]
fn an_unreachable_postgresql_at_start_is_a_one_line_error_and_a_failing_exit() {
    let output = run(
        {
            let mut command = claimledger("postgres://postgres@127.0.0.1:1/none");
            command
                .arg("serve")
                .env("CLAIMLEDGER_JWT_SECRET", JWT_SECRET);
            command
        },
        "",
    );
    assert!(!output.status.success(), "exit status {}", output.status);
    let stderr = text(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line on stderr, got:\n{stderr}");
    assert!(lines[0].starts_with("error: cannot connect"), "{stderr}");
    assert!(
        lines[0].contains("127.0.0.1"),
        "the message names the server: {stderr}"
    );
}

#[test]
#[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
fn postgresql_without_a_jwt_secret_refuses_to_start_naming_the_variable() {
    let db = TestDatabase::create(Backend::Postgres).expect(PG_URL_GONE);
    let claimledger::config::DatabaseUrl::Postgres(url) = &db.url else {
        unreachable!()
    };
    let output = run(
        {
            let mut command = claimledger(url);
            command
                .arg("serve")
                .env("CLAIMLEDGER_ADDR", format!("127.0.0.1:{}", free_port()));
            command
        },
        "",
    );
    assert!(!output.status.success(), "exit status {}", output.status);
    let stderr = text(&output.stderr);
    let error = stderr
        .lines()
        .find(|l| l.starts_with("error: "))
        .unwrap_or_else(|| panic!("no error line in:\n{stderr}"));
    assert!(error.contains("CLAIMLEDGER_JWT_SECRET"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_create_from_the_cli_can_log_in_to_a_server_on_the_same_sqlite_file() {
    let db = TestDatabase::create(Backend::Sqlite).unwrap();
    let app = spawn_app_with(std::sync::Arc::clone(&db), |_| {}).await;
    let path = db.sqlite_path().unwrap().to_str().unwrap().to_owned();

    let create = |username: &'static str, password: &'static str| {
        let path = path.clone();
        tokio::task::spawn_blocking(move || {
            let mut command = claimledger(&path);
            command.args([
                "user",
                "create",
                "--username",
                username,
                "--role",
                "editor",
                "--password-stdin",
            ]);
            run(command, password)
        })
    };
    let output = create("casey", "casey's long passphrase\n").await.unwrap();
    assert!(
        output.status.success(),
        "user create failed: {}",
        text(&output.stderr)
    );
    assert!(
        text(&output.stdout).contains("casey"),
        "{}",
        text(&output.stdout)
    );

    let token = app.token_for("casey", "casey's long passphrase").await;
    let me: Value = app.get("/v1/me", &token).await.json().await.unwrap();
    assert_eq!(me["username"], "casey");
    assert_eq!(me["role"], "editor");

    // A taken username and a short password are refused, with a failing exit.
    let output = create("casey", "another long passphrase\n").await.unwrap();
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).starts_with("error: "),
        "{}",
        text(&output.stderr)
    );
    let output = create("dana", "short\n").await.unwrap();
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("password"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(app.login("dana", "short").await.status(), 401);
}

#[test]
fn token_issue_prints_a_token_that_works_on_me() {
    let dir = tempfile::tempdir().unwrap();
    // No CLAIMLEDGER_JWT_SECRET: the server generates the key in the data folder and the CLI
    // uses the same one.
    let server = Server::start(
        dir.path(),
        &[("CLAIMLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD)],
    );
    let database = dir.path().join("data").join("claimledger.db");
    let mut command = claimledger(database.to_str().unwrap());
    command.args(["token", "issue", "--username", "admin", "--name", "ci"]);
    let output = run(command, "");
    assert!(
        output.status.success(),
        "token issue failed: {}",
        text(&output.stderr)
    );
    let token = text(&output.stdout).trim().to_owned();
    assert_eq!(token.split('.').count(), 3, "a JWT on stdout: {token}");

    let (status, me) = get(&server, "/v1/me", &token);
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["username"], "admin");
    let (status, tokens) = get(&server, "/v1/tokens", &token);
    assert_eq!(status, 200);
    assert_eq!(tokens["items"][0]["name"], "ci");

    // An unknown account is an error.
    let mut command = claimledger(database.to_str().unwrap());
    command.args(["token", "issue", "--username", "nobody", "--name", "ci"]);
    let output = run(command, "");
    assert!(!output.status.success());
    assert!(text(&output.stdout).trim().is_empty(), "no token printed");
}

#[test]
fn sigterm_makes_serve_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(
        dir.path(),
        &[("CLAIMLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD)],
    );
    let token = access_token(login(&server, "admin", ADMIN_PASSWORD));
    assert_eq!(get(&server, "/v1/me", &token).0, 200);
    let status = server.terminate();
    assert_eq!(
        status.code(),
        Some(0),
        "exit status {status}\n{}",
        server.stderr()
    );
}

#[test]
fn sigterm_lets_an_in_flight_request_finish() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(
        dir.path(),
        &[("CLAIMLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD)],
    );
    // A request whose body has not fully arrived yet is in flight.
    let body = serde_json::json!({"username": "admin", "password": ADMIN_PASSWORD}).to_string();
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let head = format!(
        "POST /v1/auth/token HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        server.address,
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body.as_bytes()[..10]).unwrap();
    std::thread::sleep(Duration::from_millis(300));

    let kill = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the server waits for the request in flight"
    );
    stream.write_all(&body.as_bytes()[10..]).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("access_token"));

    let status = wait_with_deadline(&mut server.child);
    assert_eq!(
        status.code(),
        Some(0),
        "exit status {status}\n{}",
        server.stderr()
    );
}

#[test]
fn the_first_start_prints_a_random_admin_password_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(dir.path(), &[]);
    let stdout = server.stdout();
    let password = stdout
        .split("with password: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no admin password printed:\n{stdout}"))
        .to_owned();
    assert!(password.len() >= 16, "a strong password: {password}");
    assert!(
        !server.stderr().contains(&password),
        "the password is not logged"
    );
    let token = access_token(login(&server, "admin", &password));
    assert_eq!(get(&server, "/v1/me", &token).0, 200);
    assert_eq!(server.terminate().code(), Some(0));

    // A second start keeps the admin and prints nothing about it.
    let server = Server::start(dir.path(), &[]);
    assert!(!server.stdout().contains("password"), "{}", server.stdout());
    access_token(login(&server, "admin", &password));
}

#[test]
fn the_generated_sqlite_key_is_kept_so_tokens_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let envs = [("CLAIMLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD)];
    let mut server = Server::start(dir.path(), &envs);
    let token = access_token(login(&server, "admin", ADMIN_PASSWORD));
    assert_eq!(server.terminate().code(), Some(0));

    assert!(
        dir.path().join("data").join("claimledger.db").exists(),
        "the SQLite file and its folder are created"
    );
    let key = dir.path().join("data").join("jwt-secret");
    assert!(key.exists(), "the key is kept in the data folder");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "only the owner reads the key");
    }

    let server = Server::start(dir.path(), &envs);
    let (status, me) = get(&server, "/v1/me", &token);
    assert_eq!(
        status, 200,
        "a token from before the restart still works: {me}"
    );
}

#[test]
fn the_openapi_subcommand_prints_the_document() {
    let mut command = Command::new(BINARY);
    command.env_clear().arg("openapi");
    let output = run(command, "");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let printed = text(&output.stdout);
    assert!(printed.ends_with("}\n"), "pretty JSON with a final newline");
    let document: Value = serde_json::from_str(&printed).expect("the output is JSON");
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    for path in [
        "/v1/auth/token",
        "/v1/me",
        "/v1/users/{id}",
        "/v1/tokens/{id}",
    ] {
        assert!(document["paths"].get(path).is_some(), "{path} is missing");
    }
}

#[test]
fn log_format_json_logs_each_request_as_json_with_its_request_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(
        dir.path(),
        &[
            ("CLAIMLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD),
            ("LOG_FORMAT", "json"),
        ],
    );
    let client = reqwest::Client::new();
    let url = server.url("/v1/me");
    block_on(async move {
        let response = client
            .get(url)
            .header("x-request-id", "trace-json-log")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401);
    });
    assert_eq!(server.terminate().code(), Some(0));

    let stderr = server.stderr();
    let lines: Vec<Value> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    let request = lines
        .iter()
        .find(|line| line["span"]["request_id"] == "trace-json-log")
        .unwrap_or_else(|| panic!("no log line for the request in:\n{stderr}"));
    assert_eq!(request["span"]["route"], "/v1/me");
    assert_eq!(request["span"]["method"], "GET");
    assert_eq!(request["span"]["status"], 401);
    assert!(request["span"].get("latency_ms").is_some());
}

#[test]
fn rust_log_filters_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(
        dir.path(),
        &[
            ("CLAIMLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD),
            ("RUST_LOG", "warn"),
        ],
    );
    assert_eq!(login(&server, "admin", ADMIN_PASSWORD).0, 200);
    assert_eq!(server.terminate().code(), Some(0));
    let stderr = server.stderr();
    assert!(
        !stderr.contains("INFO"),
        "info lines despite RUST_LOG=warn:\n{stderr}"
    );
}

#[test]
fn migrate_creates_the_sqlite_file_and_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("new").join("folder").join("claimledger.db");
    let mut command = claimledger(database.to_str().unwrap());
    command.arg("migrate");
    let output = run(command, "");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(database.exists());
    // Running it again is harmless.
    let mut command = claimledger(database.to_str().unwrap());
    command.arg("migrate");
    assert!(run(command, "").status.success());
}

/// A 500 (here: a stored row that no longer decodes) is one log line naming the cause, with
/// no backtrace unless `CLAIMLEDGER_LOG_BACKTRACES=1` asks for it.
#[test]
fn a_500_is_one_log_line_with_a_backtrace_only_when_asked() {
    use diesel::{Connection, RunQueryDsl, SqliteConnection};

    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("data").join("claimledger.db");
    let envs = [
        ("CLAIMLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD),
        ("LOG_FORMAT", "json"),
        // Makes anyhow capture backtraces: the log must still leave them out.
        ("RUST_BACKTRACE", "1"),
    ];
    let mut server = Server::start(dir.path(), &envs);
    let token = access_token(login(&server, "admin", ADMIN_PASSWORD));
    let client = reqwest::Client::new();
    let (url, bearer) = (server.url("/v1/sources"), token.clone());
    let created: Value = block_on(async move {
        let body = serde_json::json!({"kind": "article", "title": "To be corrupted"});
        let response = client
            .post(url)
            .bearer_auth(bearer)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        response.json().await.unwrap()
    });
    let path = format!("/v1/sources/{}", created["id"].as_str().unwrap());
    let mut conn = SqliteConnection::establish(database.to_str().unwrap()).unwrap();
    diesel::sql_query("UPDATE sources SET kind = 'not-a-kind'")
        .execute(&mut conn)
        .unwrap();
    drop(conn);

    let fail = |server: &Server, request_id: &str| {
        let client = reqwest::Client::new();
        let (url, token, request_id) = (server.url(&path), token.clone(), request_id.to_owned());
        block_on(async move {
            let response = client
                .get(url)
                .bearer_auth(token)
                .header("x-request-id", request_id)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 500);
        });
    };
    let lines_of = |server: &Server, request_id: &str| -> Vec<Value> {
        let stderr = server.stderr();
        assert!(!stderr.contains("Stack backtrace") || stderr.contains("\"backtrace\""));
        stderr
            .lines()
            .filter(|l| l.contains(request_id))
            .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
            .collect()
    };

    fail(&server, "trace-500");
    assert_eq!(server.terminate().code(), Some(0));
    let lines = lines_of(&server, "trace-500");
    assert_eq!(lines.len(), 1, "one line per 500: {lines:#?}");
    assert_eq!(lines[0]["level"], "ERROR");
    assert!(
        lines[0]["error"].as_str().unwrap().contains("not-a-kind"),
        "{}",
        lines[0]
    );
    assert!(lines[0].get("backtrace").is_none(), "{}", lines[0]);

    let mut with_backtraces = envs.to_vec();
    with_backtraces.push(("CLAIMLEDGER_LOG_BACKTRACES", "1"));
    let mut server = Server::start(dir.path(), &with_backtraces);
    fail(&server, "trace-500-backtrace");
    assert_eq!(server.terminate().code(), Some(0));
    let lines = lines_of(&server, "trace-500-backtrace");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0]["backtrace"].as_str().is_some(), "{}", lines[0]);
}

/// No form of a password in `DATABASE_URL` reaches the output: userinfo, `?password=`, both
/// schemes, a key=value connection string, and the driver's own error messages.
#[test]
fn a_database_url_password_never_reaches_the_output() {
    for url in [
        "postgres://me:hunter2@127.0.0.1:1/none?password=hunter3",
        "postgresql://me@127.0.0.1:1/none?sslmode=disable&password=hunter3",
        "postgres://me:hunter2@127.0.0.1:notaport/none",
        "postgres://me@127.0.0.1:1/none?password=hunter3&nosuchoption=x",
        "host=127.0.0.1 port=1 password=hunter2 dbname=none",
        "mysql://me:hunter2@127.0.0.1:1/none",
    ] {
        let output = run(
            {
                let mut command = claimledger(url);
                command
                    .arg("serve")
                    .env("CLAIMLEDGER_JWT_SECRET", JWT_SECRET);
                command
            },
            "",
        );
        assert!(
            !output.status.success(),
            "{url}: exit status {}",
            output.status
        );
        let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
        assert!(stderr.starts_with("error: "), "{url}: {stderr}");
        assert!(
            !stdout.contains("hunter") && !stderr.contains("hunter"),
            "{url}:\n{stdout}\n{stderr}"
        );
    }
}

/// The start log names the database without its `?password=`.
#[test]
#[cfg_attr(not(pg_tests), ignore = "TEST_DATABASE_URL is not set")]
fn the_start_log_redacts_a_password_in_the_url_query() {
    let db = TestDatabase::create(Backend::Postgres).expect(PG_URL_GONE);
    let claimledger::config::DatabaseUrl::Postgres(url) = &db.url else {
        unreachable!()
    };
    // Trust authentication ignores the password; the URL still carries it.
    let separator = if url.contains('?') { '&' } else { '?' };
    let with_password = format!("{url}{separator}password=sekrit-in-the-url");
    let dir = tempfile::tempdir().unwrap();
    let mut server = Server::start(
        dir.path(),
        &[
            ("DATABASE_URL", with_password.as_str()),
            ("CLAIMLEDGER_JWT_SECRET", JWT_SECRET),
            ("CLAIMLEDGER_LEDGER_KEY", JWT_SECRET),
            ("CLAIMLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD),
        ],
    );
    assert_eq!(server.terminate().code(), Some(0));
    let stderr = server.stderr();
    assert!(stderr.contains("password=***"), "{stderr}");
    assert!(!stderr.contains("sekrit"), "{stderr}");
}
