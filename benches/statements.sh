#!/usr/bin/env bash
# Statements per claim create: benches/statements.sh [BINARY] [PORT]
#
# Starts BINARY (default target/release/claimledger) on a fresh SQLite file and on a fresh
# PostgreSQL database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres),
# creates two claims citing three sources with three tags, and prints each create's
# `X-Db-Queries` (the statements it ran). On PostgreSQL each statement is a round trip, which is
# what bounds a create there (see README, Benchmarks), so this count is the figure to watch.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=${1:-target/release/claimledger}
PORT=${2:-8095}
PG=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
[[ -x $BIN ]] || { echo "no binary at $BIN (cargo build --release)" >&2; exit 1; }
json_field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
for backend in sqlite postgres; do
    dir=$(mktemp -d)
    env=(CLAIMLEDGER_ADDR="127.0.0.1:$PORT" CLAIMLEDGER_ADMIN_PASSWORD=adminpassword123)
    if [[ $backend == postgres ]]; then
        db="statements_$$_$RANDOM"
        psql -X -q "$PG" -c "CREATE DATABASE $db"
        url=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$PG" "$db")
        env+=(DATABASE_URL="$url" CLAIMLEDGER_JWT_SECRET="$(openssl rand -hex 32)"
            CLAIMLEDGER_LEDGER_KEY="$(openssl rand -hex 32)")
    else
        env+=(DATABASE_URL="$dir/claimledger.db")
    fi
    env "${env[@]}" "$BIN" >"$dir/server.log" 2>&1 &
    pid=$!
    until curl -fs "127.0.0.1:$PORT/readyz" >/dev/null; do sleep 0.2; done
    base="http://127.0.0.1:$PORT"
    token=$(curl -fs -X POST "$base/v1/auth/token" -H 'content-type: application/json' \
        -d '{"username":"admin","password":"adminpassword123"}' | json_field access_token)
    sources=()
    for i in 1 2 3; do
        sources+=("$(curl -fs "$base/v1/sources" -H "authorization: Bearer $token" \
            -H 'content-type: application/json' -d "{\"kind\":\"article\",\"title\":\"Source $i\"}" | json_field id)")
    done
    for n in 1 2; do
        body="{\"statement\":\"Claim $n.\",\"confidence\":0.5,\"tags\":[\"a\",\"b\",\"c\"],\"citations\":[{\"source_id\":\"${sources[0]}\"},{\"source_id\":\"${sources[1]}\"},{\"source_id\":\"${sources[2]}\"}]}"
        queries=$(curl -fs -D- -o /dev/null "$base/v1/claims" -H "authorization: Bearer $token" \
            -H 'content-type: application/json' -d "$body" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-db-queries" {print $2}')
        echo "$backend: create $n (3 citations, 3 tags): $queries statements"
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    [[ $backend == sqlite ]] || psql -X -q "$PG" -c "DROP DATABASE $db WITH (FORCE)"
    rm -rf "$dir"
done
