# syntax=docker/dockerfile:1
# claimledger: a multi-stage build (BuildKit, the default builder since Docker 23).
#
#   docker build -t claimledger .
#   docker run -p 8080:8080 -v claimledger-data:/data claimledger      # SQLite in the /data volume
#
# See compose.yaml to run it against PostgreSQL.

# ── build ────────────────────────────────────────────────────────────────────────────────
FROM rust:1-bookworm AS builder

# No system packages: libpq, OpenSSL and SQLite are compiled from source into the binary
# (Cargo.toml), with the C compiler, perl and make that the rust image has.

WORKDIR /src
# The whole context (.dockerignore leaves out target/, data/ and .git): Cargo.toml names
# targets such as benches that must exist for cargo to read it, so a placeholder build of
# the manifest alone would break whenever one is added.
COPY . .

# The registry and target/ live in cache mounts, kept between builds: a change to the code
# recompiles the crate, not its dependencies. The binary is copied out of the mount.
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,target=/src/target,sharing=locked \
    cargo build --release --locked --bin claimledger \
    && install -m 0755 target/release/claimledger /usr/local/bin/claimledger

# ── run ──────────────────────────────────────────────────────────────────────────────────
FROM debian:bookworm-slim

# The binary loads only the C runtime (`ldd`: libc, libm, libgcc_s). ca-certificates is for
# TLS to PostgreSQL that verifies the server (sslmode=verify-full with sslrootcert=system):
# SSL_CERT_FILE points the compiled-in OpenSSL at Debian's bundle.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 claimledger \
    && useradd --system --uid 10001 --gid claimledger --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin claimledger \
    && mkdir -p /data \
    && chown claimledger:claimledger /data

COPY --from=builder /usr/local/bin/claimledger /usr/local/bin/claimledger

# SQLite by default, in the volume (the generated JWT secret and ledger key are kept beside
# it); set DATABASE_URL=postgres://… to use PostgreSQL.
ENV DATABASE_URL=/data/claimledger.db \
    CLAIMLEDGER_ADDR=0.0.0.0:8080 \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt

# Declared after the chown, so that a new volume starts out owned by claimledger.
VOLUME ["/data"]
WORKDIR /data
USER claimledger
EXPOSE 8080

# Liveness through bash's /dev/tcp: no curl in the image. Uses the port of CLAIMLEDGER_ADDR.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${CLAIMLEDGER_ADDR##*:} && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && IFS= read -r status <&3 && [[ $status == *' 200 '* ]]"]

# The server drains in-flight requests for up to 30 s after SIGTERM (docker stop -t 35).
STOPSIGNAL SIGTERM
ENTRYPOINT ["claimledger"]
CMD ["serve"]
