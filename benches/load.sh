#!/usr/bin/env bash
# The load benchmark:
#   benches/load.sh [--claims N] [--duration SECONDS] [--backends sqlite,postgres] [--growth-from M]
#
# Builds in release mode; for each backend starts the server on a fresh database, bulk-loads N
# claims (benches/load_dataset.sh), and drives each workload with wrk at 64 connections:
#   read    GET  /v1/claims/{random id}
#   list    GET  /v1/claims?property=…&limit=50
#   search  GET  /v1/claims?q=police civilians          (matches every claim)
#   create  POST /v1/claims with a fresh Idempotency-Key
#   edit    PATCH /v1/claims/{id} with the right If-Match, changing the statement
#   history GET  /v1/claims/{random id}/revisions
# and, in the same run, the ceilings: a minimal actix-web handler verifying the same JWT and
# answering ~400 bytes from memory (benches/ceiling.rs), and for PostgreSQL pgbench running
# the bare SQL of one create (claim + citation + revision) at the same concurrency.
# Then list and search at a fixed 500 requests/s (oha, open loop) for their p99.
# On SQLite, create runs a second time with CLAIMLEDGER_SQLITE_SYNCHRONOUS=normal (create-normal).
# --growth-from M first runs read and list on M claims (default 10000; 0 skips it) and reports
# how much of that throughput is left at N claims.
# Prints one table and writes target/load-bench.json. Installs wrk (Debian) and oha (crates.io)
# when missing. PostgreSQL: BENCH_DATABASE_URL
# (default postgres://postgres@127.0.0.1:5432/test) names the server; a database
# claimledger_load is created and dropped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CLAIMS=100000
DURATION=10
BACKENDS=sqlite,postgres
CONNECTIONS=64
GROWTH_FROM=10000
while (($#)); do
    case $1 in
        --claims) CLAIMS=$2; shift 2 ;;
        --growth-from) GROWTH_FROM=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --backends) BACKENDS=$2; shift 2 ;;
        *) echo "usage: $0 [--claims N] [--duration S] [--backends sqlite,postgres] [--growth-from M]" >&2; exit 2 ;;
    esac
done
PG_ADMIN=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
PG_URL="${PG_ADMIN%/*}/claimledger_load"
PORT=18400
CEILING_PORT=18401
WORK=$(mktemp -d)
export CLAIMLEDGER_JWT_SECRET=load-bench-jwt-secret-load-bench-0123456789
export CLAIMLEDGER_LEDGER_KEY=load-bench-ledger-key-load-bench-0123456789
export CLAIMLEDGER_ADMIN_PASSWORD=load-bench-admin-password
export RUST_LOG=warn
SERVER_PID=""
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null || true
    [[ -n ${CEILING_PID:-} ]] && kill "$CEILING_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2; }
# oha paces an open loop evenly (hey's per-worker tickers fire together: bursts of 50 every
# 100 ms, which measured the burst, not the rate). From crates.io; the first build takes minutes.
export PATH="$HOME/.cargo/bin:$PATH"
command -v oha >/dev/null || cargo install oha --locked --version 1.16.0 >&2
echo "building (release)…" >&2
cargo build --release --locked --bin claimledger -q
cargo bench --locked --bench ceiling --no-run -q 2>/dev/null
CEILING_BIN=$(ls -t target/release/deps/ceiling-* | grep -v '\.d$' | head -n 1)
BIN=target/release/claimledger

wait_ready() { for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return 0; sleep 0.2; done; echo "server on $1 did not start" >&2; exit 1; }
start_server() { DATABASE_URL=$1 CLAIMLEDGER_ADDR=127.0.0.1:$PORT "$BIN" >>"$WORK/server.log" 2>&1 & SERVER_PID=$!; wait_ready $PORT; }
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
peak_rss_mib() { awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$SERVER_PID/status"; }

# wrk's report → "rps p50_ms p99_ms non2xx errors"
parse_wrk() {
    awk '
        function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /Requests\/sec/ { rps = $2 } /Non-2xx/ { bad = $NF } /Socket errors/ { gsub(",", ""); err = $4 + $6 + $8 + $10 }
        END { printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, bad, err }'
}
# oha's JSON report → "rps p50_ms p99_ms non2xx errors"
parse_oha() {
    python3 -c '
import json, sys
d = json.load(sys.stdin)
codes = d.get("statusCodeDistribution") or {}
bad = sum(n for code, n in codes.items() if not code.startswith("2"))
errors = sum((d.get("errorDistribution") or {}).values())
p = d["latencyPercentiles"]
rps = d["summary"]["requestsPerSec"]
print("%.0f %.2f %.2f %d %d" % (rps, p["p50"] * 1000, p["p99"] * 1000, bad, errors))'
}

ROWS=()
record() { ROWS+=("$1 $2 $3 $4"); printf '%-8s %-9s %8s rps  p50 %7s ms  p99 %7s ms  non-2xx %s  errors %s  peak RSS %s MiB\n' "$1" "$2" $3 "$4" >&2; }

write_lua() {
    local ids=$1
    cat >"$WORK/common.lua" <<LUA
ids = {}
for line in io.lines("$ids") do ids[#ids + 1] = line end
token = "$TOKEN"
function pick() return ids[math.random(#ids)] end
LUA
    cat >"$WORK/read.lua" <<'LUA'
dofile(os.getenv("WORK") .. "/common.lua")
request = function() return wrk.format("GET", "/v1/claims/" .. pick(), {["Authorization"] = "Bearer " .. token}) end
LUA
    cat >"$WORK/history.lua" <<'LUA'
dofile(os.getenv("WORK") .. "/common.lua")
request = function() return wrk.format("GET", "/v1/claims/" .. pick() .. "/revisions", {["Authorization"] = "Bearer " .. token}) end
LUA
    cat >"$WORK/list.lua" <<'LUA'
dofile(os.getenv("WORK") .. "/common.lua")
local properties = {"injured", "fatalities", "fatalities.police", "fatalities.civilian"}
request = function() return wrk.format("GET", "/v1/claims?limit=50&property=" .. properties[math.random(4)], {["Authorization"] = "Bearer " .. token}) end
LUA
    cat >"$WORK/search.lua" <<'LUA'
dofile(os.getenv("WORK") .. "/common.lua")
request = function() return wrk.format("GET", "/v1/claims?q=police%20civilians", {["Authorization"] = "Bearer " .. token}) end
LUA
    cat >"$WORK/create.lua" <<'LUA'
dofile(os.getenv("WORK") .. "/common.lua")
local n = 0
local thread_tag
local seeded = false
setup = function(thread)
    if not seeded then math.randomseed(os.time()); seeded = true end
    thread:set("tag", tostring(os.time()) .. "-" .. tostring(math.random(1e9)))
end
init = function() thread_tag = tag end
request = function()
    n = n + 1
    local body = '{"statement":"Load test claim ' .. thread_tag .. '-' .. n .. ': police report an attack",' ..
        '"subject_id":"subject-' .. string.format("%09d", math.random(10000)) .. '","property":"injured",' ..
        '"value":{"type":"quantity","lower":' .. math.random(50) .. ',"upper":null,"unit":"people"},' ..
        '"confidence":0.5,"citations":[{"source_id":"source-' .. string.format("%09d", math.random(1000)) .. '","quote":"police"}]}'
    return wrk.format("POST", "/v1/claims", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = thread_tag .. "-" .. n}, body)
end
LUA
    # Each wrk thread edits its own slice of claims, one request per claim at a time, and learns
    # each claim's next revision from the 200 it gets back, so every If-Match is right.
    cat >"$WORK/edit.lua" <<'LUA'
dofile(os.getenv("WORK") .. "/common.lua")
local threads = 0
local mine, rev, busy, cursor, n = {}, {}, {}, 0, 0
setup = function(thread) threads = threads + 1; thread:set("slot", threads) end
init = function()
    for i = slot, #ids, 4 do mine[#mine + 1] = ids[i]; rev[ids[i]] = 1 end
end
request = function()
    local id
    repeat cursor = cursor % #mine + 1; id = mine[cursor] until not busy[id]
    busy[id] = true
    n = n + 1
    return wrk.format("PATCH", "/v1/claims/" .. id, {["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/merge-patch+json", ["If-Match"] = '"' .. rev[id] .. '"'},
        '{"statement":"Edited ' .. slot .. '-' .. n .. ': police and civilians among the casualties","edit_summary":"load"}')
end
response = function(status, headers, body)
    local id = body:match('"id":"([^"]+)"')
    local r = body:match('"revision":(%d+)')
    if id and r then rev[id] = tonumber(r); busy[id] = nil end
end
LUA
}

run_wrk() { WORK=$WORK wrk -t2 -c$CONNECTIONS -d${DURATION}s --timeout 10s --latency -s "$WORK/$1.lua" "http://127.0.0.1:$PORT" | parse_wrk; }
# 500 requests/s, open loop: a fixed number of requests sent on schedule over 50 connections,
# latencies measured from when each was due (--latency-correction), so a stall shows in p99.
run_oha() {
    oha -n $((DURATION * 500)) -q 500 -c 50 -t 10s --latency-correction --no-tui --output-format json \
        -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1" | parse_oha
}

# A fresh database for $1 with $2 claims, the server started on it, a token and ids to use.
prepare() {
    local backend=$1 claims=$2
    echo "== $backend: $claims claims" >&2
    if [[ $backend == postgres ]]; then
        psql "$PG_ADMIN" -qXc "DROP DATABASE IF EXISTS claimledger_load WITH (FORCE)" -c "CREATE DATABASE claimledger_load" >/dev/null
        url=$PG_URL
    else
        rm -f "$WORK"/load.db*
        url="$WORK/load.db"
    fi
    start_server "$url"          # migrations + the first admin
    stop_server
    benches/load_dataset.sh "$url" "$claims" >&2
    start_server "$url"
    TOKEN=$(curl -s "http://127.0.0.1:$PORT/v1/auth/token" -H 'content-type: application/json' \
        -d "{\"username\":\"admin\",\"password\":\"$CLAIMLEDGER_ADMIN_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
    if [[ $backend == postgres ]]; then
        psql "$url" -qAtXc "SELECT id FROM claims ORDER BY random() LIMIT 20000" >"$WORK/ids"
    else
        sqlite3 "$url" "SELECT id FROM claims ORDER BY random() LIMIT 20000" >"$WORK/ids"
    fi
    write_lua "$WORK/ids"
}

for backend in ${BACKENDS//,/ }; do
    if ((GROWTH_FROM > 0)); then
        prepare "$backend" "$GROWTH_FROM"
        for workload in read list; do
            record "$workload@${GROWTH_FROM}claims" "$backend" "$(run_wrk $workload)" "$(peak_rss_mib)"
        done
        stop_server
    fi
    prepare "$backend" "$CLAIMS"
    for workload in read list history create edit; do
        record "$workload" "$backend" "$(run_wrk $workload)" "$(peak_rss_mib)"
    done
    if [[ $backend == sqlite ]]; then
        # The same creates with synchronous=NORMAL: durable against a crash of the process,
        # not against a power loss.
        stop_server
        CLAIMLEDGER_SQLITE_SYNCHRONOUS=normal start_server "$url"
        record "create-normal" "$backend" "$(run_wrk create)" "$(peak_rss_mib)"
    fi
    record "list@500" "$backend" "$(run_oha "/v1/claims?limit=50&property=injured")" "$(peak_rss_mib)"
    # Search goes last, on a fresh server each time: a saturating search backlog must not
    # spill into the other figures.
    stop_server; start_server "$url"
    record "search" "$backend" "$(run_wrk search)" "$(peak_rss_mib)"
    stop_server; start_server "$url"
    record "search@500" "$backend" "$(run_oha "/v1/claims?q=police%20civilians")" "$(peak_rss_mib)"
    stop_server
    if [[ $backend == postgres ]]; then
        cat >"$WORK/create.sql" <<'SQL'
\set n random(1, 1000000000)
BEGIN;
INSERT INTO claims (id, statement, statement_key, subject_id, property, value, value_lower, occurred_sort, confidence, verdict, search_text, revision, head_hash, created_at, updated_at, created_by)
  VALUES ('pgb-' || :n || '-' || :client_id, 'pgbench claim', 'k', 'subject-000000001', 'injured', '{}', 1, now(), 0.5, 'unreviewed', 'pgbench claim', 1, 'h', now(), now(), 'bulk-user');
INSERT INTO citations (id, claim_id, source_id, position) VALUES ('pgb-' || :n || '-' || :client_id || '-c', 'pgb-' || :n || '-' || :client_id, 'source-000000001', 0);
INSERT INTO revisions (record_kind, record_id, revision, action, author_id, created_at, snapshot, snapshot_hash, prev_hash, hash)
  VALUES ('claims', 'pgb-' || :n || '-' || :client_id, 1, 'create', 'bulk-user', now(), '{"statement":"pgbench claim"}', 's', '', 'h');
COMMIT;
SQL
        r=$(pgbench -n -c $CONNECTIONS -j 2 -T "$DURATION" -f "$WORK/create.sql" "$url" 2>/dev/null |
            awk '/^tps/ { tps = $3 } /latency average/ { lat = $4 } /failed/ { fail = $NF } END { printf "%.0f %.2f - %d 0\n", tps, lat, fail }')
        ROWS+=("pgbench-create postgres $r -")
        printf 'pgbench-create postgres %s\n' "$r" >&2
        psql "$PG_ADMIN" -qXc "DROP DATABASE IF EXISTS claimledger_load WITH (FORCE)" >/dev/null
    fi
done

"$CEILING_BIN" "127.0.0.1:$CEILING_PORT" >/dev/null 2>&1 & CEILING_PID=$!
sleep 1
r=$(WORK=$WORK wrk -t2 -c$CONNECTIONS -d${DURATION}s --timeout 10s --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$CEILING_PORT/" | parse_wrk)
ROWS+=("ceiling http $r $(awk '/VmHWM/ {printf "%.1f", $2/1024}' /proc/$CEILING_PID/status)")

python3 - "$CLAIMS" "${ROWS[@]}" <<'PY'
import json, sys
claims, rows = sys.argv[1], [r.split() for r in sys.argv[2:]]
table = [dict(workload=r[0], backend=r[1], rps=float(r[2]), p50_ms=r[3], p99_ms=r[4], non_2xx=r[5], socket_errors=r[6], peak_rss_mib=r[7]) for r in rows]
ceiling = next(r["rps"] for r in table if r["workload"] == "ceiling")
pgbench = next((r["rps"] for r in table if r["workload"] == "pgbench-create"), None)
create = {r["backend"]: r["rps"] for r in table if r["workload"] == "create"}
for r in table:
    ratios = []
    if r["workload"] in ("read", "list", "search", "history", "create", "create-normal", "edit") or r["workload"].endswith("claims"):
        ratios.append(f"{r['rps'] / ceiling:.2f}× HTTP ceiling")
    if r["workload"] == "create" and r["backend"] == "postgres" and pgbench:
        ratios.append(f"{r['rps'] / pgbench:.2f}× pgbench create")
    if r["workload"] == "edit" and create.get(r["backend"]):
        ratios.append(f"{r['rps'] / create[r['backend']]:.2f}× create")
    if r["workload"] in ("read", "list"):
        small = next((s for s in table if s["workload"].startswith(r["workload"] + "@") and s["workload"].endswith("claims") and s["backend"] == r["backend"]), None)
        if small and small["rps"]:
            ratios.append(f"{r['rps'] / small['rps']:.2f}× {small['workload']}")
    r["ratios"] = ", ".join(ratios)
print(f"\nclaimledger load benchmark: {claims} claims, 64 connections\n")
print(f"| workload | backend | requests/s | p50 ms | p99 ms | non-2xx | socket errors | peak RSS MiB | ratio |")
print("|---|---|---|---|---|---|---|---|---|")
for r in table:
    print(f"| {r['workload']} | {r['backend']} | {r['rps']:.0f} | {r['p50_ms']} | {r['p99_ms']} | {r['non_2xx']} | {r['socket_errors']} | {r['peak_rss_mib']} | {r['ratios']} |")
json.dump({"claims": int(claims), "connections": 64, "results": table}, open("target/load-bench.json", "w"), indent=2)
print("\n(written to target/load-bench.json)")
PY
