-- Accounts, login sessions, refresh tokens and the login-failure log.
-- Timestamps are UTC, stored as diesel's TIMESTAMP text with microseconds.

CREATE TABLE users (
    id            TEXT PRIMARY KEY NOT NULL,
    username      TEXT NOT NULL UNIQUE,
    display_name  TEXT,
    role          TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'reviewer', 'admin')),
    disabled      BOOLEAN NOT NULL DEFAULT 0,
    password_hash TEXT NOT NULL,
    revision      BIGINT NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    created_by    TEXT REFERENCES users (id)
);

-- One row per login (kind 'login', the family of its refresh tokens) or per named
-- long-lived tool token (kind 'api'). Revoking the row revokes every token of it.
CREATE TABLE sessions (
    id             TEXT PRIMARY KEY NOT NULL,
    user_id        TEXT NOT NULL REFERENCES users (id),
    kind           TEXT NOT NULL CHECK (kind IN ('login', 'api')),
    name           TEXT,
    role           TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'reviewer', 'admin')),
    created_at     TIMESTAMP NOT NULL,
    expires_at     TIMESTAMP NOT NULL,
    revoked_at     TIMESTAMP,
    revoked_reason TEXT
);
CREATE INDEX sessions_user_kind ON sessions (user_id, kind, id);

-- Refresh tokens are stored as SHA-256 digests; the token itself is shown once.
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    session_id TEXT NOT NULL REFERENCES sessions (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Failed logins, counted per username and per client address by every instance.
CREATE TABLE login_failures (
    id         TEXT PRIMARY KEY NOT NULL,
    username   TEXT NOT NULL,
    client_ip  TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_username ON login_failures (username, created_at);
CREATE INDEX login_failures_client_ip ON login_failures (client_ip, created_at);
