#!/usr/bin/env bash
# Export and import: rates and peak memory (issue 15 §3).
#   benches/interchange.sh [--claims N]
#
# Builds in release mode, bulk-loads N claims (benches/load_dataset.sh: 1–3 citations and 0–2
# tags each, one stand-in revision each, 11,000 entities, 1,000 sources) into a fresh SQLite
# file, then runs, each under /usr/bin/time -v:
#   export-sqlite     claimledger export --include-credentials   (from the SQLite file)
#   import-postgres   claimledger import                         (into a new PostgreSQL database)
#   export-postgres   claimledger export --include-credentials   (from that database)
#   import-sqlite     claimledger import                         (into a new SQLite file)
# and checks that both exports hold the same rows byte for byte (the header aside). Prints one
# table: seconds, row lines a second, claims a second, peak RSS. The stand-in revisions'
# snapshots are short (a real one is about 1 KiB), so a real ledger's file is larger.
# PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the
# server; a database claimledger_interchange is created and dropped. Files go to $TMPDIR.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CLAIMS=100000
while (($#)); do
    case $1 in
        --claims) CLAIMS=$2; shift 2 ;;
        *) echo "usage: $0 [--claims N]" >&2; exit 2 ;;
    esac
done
PG_ADMIN=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
PG_URL="${PG_ADMIN%/*}/claimledger_interchange"
WORK=$(mktemp -d -p "${TMPDIR:-/tmp}")
export CLAIMLEDGER_JWT_SECRET=interchange-bench-jwt-secret-0123456789abcdef
export CLAIMLEDGER_LEDGER_KEY=interchange-bench-ledger-key-0123456789abcdef
export RUST_LOG=warn
cleanup() {
    rm -rf "$WORK"
    psql "$PG_ADMIN" -X -q -c "DROP DATABASE IF EXISTS claimledger_interchange WITH (FORCE)" 2>/dev/null || true
}
trap cleanup EXIT

echo "building (release)…" >&2
cargo build --release --locked --bin claimledger -q
BIN=target/release/claimledger

psql "$PG_ADMIN" -X -q -c "DROP DATABASE IF EXISTS claimledger_interchange WITH (FORCE)" \
    -c "CREATE DATABASE claimledger_interchange"
DATABASE_URL="$WORK/source/claimledger.db" $BIN migrate >/dev/null
echo "loading $CLAIMS claims…" >&2
benches/load_dataset.sh "$WORK/source/claimledger.db" "$CLAIMS" >/dev/null

ROWS=""
# measure NAME DATABASE_URL ARGS…: runs the binary, keeps its time, rate and peak RSS.
measure() {
    local name=$1 url=$2; shift 2
    local start end
    start=$(date +%s.%N)
    DATABASE_URL=$url /usr/bin/time -v -o "$WORK/$name.time" $BIN "$@" 2>"$WORK/$name.err" || {
        cat "$WORK/$name.err" >&2; exit 1; }
    end=$(date +%s.%N)
    local rss lines
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/$name.time")
    lines=$(($(wc -l <"$WORK/source.jsonl") - 2))
    ROWS+=$(awk -v n="$name" -v s="$start" -v e="$end" -v l="$lines" -v c="$CLAIMS" -v r="$rss" \
        'BEGIN { t = e - s; printf "| %s | %.1f | %.0f | %.0f | %.1f |\n", n, t, l / t, c / t, r / 1024 }')
    ROWS+=$'\n'
}

measure export-sqlite "$WORK/source/claimledger.db" export --include-credentials --output "$WORK/source.jsonl"
measure import-postgres "$PG_URL" import "$WORK/source.jsonl"
measure export-postgres "$PG_URL" export --include-credentials --output "$WORK/postgres.jsonl"
measure import-sqlite "$WORK/target/claimledger.db" import "$WORK/postgres.jsonl"

cmp <(tail -n +2 "$WORK/source.jsonl") <(tail -n +2 "$WORK/postgres.jsonl") \
    || { echo "the two exports differ" >&2; exit 1; }
size=$(stat -c %s "$WORK/source.jsonl")
echo "$CLAIMS claims: $(($(wc -l <"$WORK/source.jsonl") - 2)) row lines, $((size / 1048576)) MiB; both exports identical"
echo
echo "| step | seconds | lines/s | claims/s | peak RSS (MiB) |"
echo "| --- | --- | --- | --- | --- |"
printf '%s' "$ROWS"
