#!/usr/bin/env bash
# The load benchmark:
#   benches/load.sh [--claims N] [--duration SECONDS] [--backends sqlite,postgres] [--only REGEX]
#                   [--perf] [--profile REGEX]
# (--only: run just the workloads whose names match, e.g. 'create|edit'; ceilings always run.
# --perf: profile the server during each measured wrk run with `perf record` and write its top
# symbols to target/perf/<backend>-<script>-<ids>[-<its variables>].txt; the figures of such a run are not comparable.
# --profile REGEX: after a backend's measured runs, run the read, create and list-by-source
# workloads whose names match once more under perf, on the same dataset; the table keeps the
# unprofiled figures.)
#
# Builds in release mode; for each backend bulk-loads N skewed claims (benches/load_dataset.sh:
# `source-heavy` backs 1 claim in 8, `subject-heavy` is the subject of 1 in 8, the tag `ttp`
# is on half) and drives each workload with wrk at 64 connections, each twice: against the
# heavy hitters (rows `…-heavy`) and against the long tail (`…-tail`):
#   read    GET   /v1/claims/{id}                  (claims citing source-heavy | tail claims)
#   create  POST  /v1/claims                       (citing source-heavy, about subject-heavy,
#                                                   tagged ttp | a tail source and subject)
#   edit    PATCH /v1/claims/{id}, If-Match right  (statement changes)
#   list-source / list-subject / list-tag  GET /v1/claims?source_id=…|subject_id=…|tag=…
# plus history (GET …/revisions) and search (GET /v1/claims?q=police civilians), and at a fixed
# 500 requests/s (oha, open loop) for their p99: list@500, search@500 and search-sorted@500
# (q with sort=-confidence). On SQLite, create-heavy runs again with synchronous=NORMAL.
#
# Every workload runs on a freshly started server (its peak RSS is its own) after a 3-second
# warm-up of the same workload on other ids (pool connections open, caches warm); writes go
# last. requests/s counts 2xx/3xx only: a run with any other status or socket error is marked
# FAILED and makes the command fail. wrk's own CPU is reported (it shares the machine).
# Ceilings, in the same run: a minimal actix-web handler verifying the same JWT and answering
# ~400 bytes from memory (benches/ceiling.rs), once bare (`ceiling`) and once behind our
# middleware stack (`ceiling-mw`); for PostgreSQL pgbench running the bare SQL of one create
# (claim + citation + revision) and of one read (claim, citations, tags) at the same concurrency.
#
# Prints one table and writes target/load-bench.json. Installs wrk (Debian) and oha (crates.io)
# when missing. PostgreSQL: BENCH_DATABASE_URL
# (default postgres://postgres@127.0.0.1:5432/test) names the server; a database
# claimledger_load is created and dropped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CLAIMS=100000
DURATION=10
WARMUP=3
BACKENDS=sqlite,postgres
CONNECTIONS=64
THREADS=2
ONLY=""
PERF=""
PROFILE=""
while (($#)); do
    case $1 in
        --perf) PERF=1; shift ;;
        --profile) PROFILE=$2; shift 2 ;;
        --claims) CLAIMS=$2; shift 2 ;;
        --only) ONLY=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --backends) BACKENDS=$2; shift 2 ;;
        *) echo "usage: $0 [--claims N] [--duration S] [--backends sqlite,postgres] [--only REGEX] [--perf] [--profile REGEX]" >&2; exit 2 ;;
    esac
done
PG_ADMIN=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
PG_URL="${PG_ADMIN%/*}/claimledger_load"
PORT=18400
CEILING_PORT=18401
WORK=$(mktemp -d)
export WORK WRK_THREADS=$THREADS
export CLAIMLEDGER_JWT_SECRET=load-bench-jwt-secret-load-bench-0123456789
export CLAIMLEDGER_LEDGER_KEY=load-bench-ledger-key-load-bench-0123456789
export CLAIMLEDGER_ADMIN_PASSWORD=load-bench-admin-password
export RUST_LOG=warn
SERVER_PID=""
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null || true
    [[ -n ${CEILING_PID:-} ]] && kill "$CEILING_PID" 2>/dev/null || true
    [[ -n ${RECEIVER_PID:-} ]] && kill "$RECEIVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2; }
# oha paces an open loop evenly (hey's per-worker tickers fire together: bursts of 50 every
# 100 ms, which measured the burst, not the rate). From crates.io; the first build takes minutes.
export PATH="$HOME/.cargo/bin:$PATH"
echo "building (release)…" >&2
cargo build --release --locked --bin claimledger -q
cargo bench --locked --bench ceiling --no-run -q 2>/dev/null
CEILING_BIN=$(ls -t target/release/deps/ceiling-* | grep -v '\.d$' | head -n 1)
BIN=target/release/claimledger

wait_ready() { for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$1/readyz" >/dev/null && return 0; sleep 0.2; done; echo "server on $1 did not start" >&2; exit 1; }
start_server() {
    DATABASE_URL=$URL CLAIMLEDGER_ADDR=127.0.0.1:$PORT "$BIN" >>"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    wait_ready $PORT
    # Peak RSS is the workload's: the high-water mark starts again from here, not from the
    # start-up (which builds the OpenAPI document once and hands most of it back).
    echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null || true
}
stop_server() { [[ -z $SERVER_PID ]] || { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }; }
# The high-water mark of a server started for one workload, reset once it was ready: that
# workload's peak.
peak_rss_mib() { awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

# wrk's report → "ok_rps p50_ms p99_ms non2xx errors": requests/s of 2xx/3xx answers only.
parse_wrk() {
    awk '
        function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        / requests in / { n = $1; secs = $4; sub(/s,?$/, "", secs) }
        /Non-2xx/ { bad = $NF } /Socket errors/ { gsub(",", ""); err = $4 + $6 + $8 + $10 }
        END { rps = 0; if (secs > 0) rps = (n - bad) / secs; printf "%.0f %.2f %.2f %d %d\n", rps, p50, p99, bad, err }'
}
# oha's JSON report → "ok_rps p50_ms p99_ms non2xx errors"
parse_oha() {
    python3 -c '
import json, sys
d = json.load(sys.stdin)
codes = d.get("statusCodeDistribution") or {}
bad = sum(n for code, n in codes.items() if not code.startswith(("2", "3")))
errors = sum((d.get("errorDistribution") or {}).values())
p = d["latencyPercentiles"]
s = d["summary"]
ok = sum(n for code, n in codes.items() if code.startswith(("2", "3")))
print("%.0f %.2f %.2f %d %d" % (ok / s["total"], p["p50"] * 1000, p["p99"] * 1000, bad, errors))'
}

ROWS=()
FAILED=0
# record WORKLOAD BACKEND "ok_rps p50 p99 non2xx errors" RSS CPU
record() {
    local status=ok
    read -r _ _ _ bad err <<<"$3"
    if ((bad > 0 || err > 0)); then status=FAILED; FAILED=1; fi
    ROWS+=("$1 $2 $3 $4 $5 $status")
    printf '%-18s %-9s %s  peak RSS %s MiB  wrk CPU %s%%  %s\n' "$1" "$2" "$3" "$4" "$5" "$status" >&2
}

write_lua() {
    cat >"$WORK/common.lua" <<LUA
token = "$TOKEN"
ids = {}
function load_ids(name) for line in io.lines(os.getenv("WORK") .. "/" .. name) do ids[#ids + 1] = line end end
function pick() return ids[math.random(#ids)] end
function get(path) return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token}) end
LUA
    cat >"$WORK/read.lua" <<'LUA'
dofile(os.getenv("WORK") .. "/common.lua")
load_ids(os.getenv("IDS"))
request = function() return get("/v1/claims/" .. pick()) end
LUA
    cat >"$WORK/history.lua" <<'LUA'
dofile(os.getenv("WORK") .. "/common.lua")
load_ids(os.getenv("IDS"))
request = function() return get("/v1/claims/" .. pick() .. "/revisions") end
LUA
    cat >"$WORK/path.lua" <<'LUA'
dofile(os.getenv("WORK") .. "/common.lua")
local path = os.getenv("REQUEST_PATH")
request = function() return get(path) end
LUA
    cat >"$WORK/create.lua" <<'LUA'
dofile(os.getenv("WORK") .. "/common.lua")
local source, subject, tags = os.getenv("SOURCE"), os.getenv("SUBJECT"), os.getenv("TAGS")
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
    -- Event days spread over 2031-2230, outside the dataset's 2015-2023, and "at least 7",
    -- which no other "at least" contradicts: detection probes the claims of the same subject,
    -- property and time (a year either side), and opens no flag. (All in two years, every
    -- create compared itself with the thousands made before it: a cost of the workload, which
    -- piled them on one subject, property and time, not of popularity.)
    local day = string.format("%d-%02d-%02d", 2031 + math.random(0, 199), math.random(12), math.random(28))
    local body = '{"statement":"Load test claim ' .. thread_tag .. '-' .. n .. ': police report an attack",' ..
        '"subject_id":"' .. subject .. '","property":"injured","tags":' .. tags .. ',' ..
        '"value":{"type":"quantity","lower":7,"upper":null,"unit":"people"},' ..
        '"occurred_at":{"value":"' .. day .. '","precision":"day"},' ..
        '"confidence":0.5,"citations":[{"source_id":"' .. source .. '","quote":"police"}]}'
    return wrk.format("POST", "/v1/claims", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json",
        ["Idempotency-Key"] = thread_tag .. "-" .. n}, body)
end
LUA
    # Each wrk thread edits its own slice of the claims (WRK_THREADS of them), one request per
    # claim at a time. The request id names the claim; whatever the answer, the claim is free
    # again, at the revision the answer gives (a 200's `revision`, a 412's `current_revision`).
    cat >"$WORK/edit.lua" <<'LUA'
dofile(os.getenv("WORK") .. "/common.lua")
load_ids(os.getenv("IDS"))
local threads = tonumber(os.getenv("WRK_THREADS"))
local started = 0
local mine, rev, busy, cursor, n = {}, {}, {}, 0, 0
setup = function(thread) started = started + 1; thread:set("slot", started) end
init = function()
    for i = slot, #ids, threads do mine[#mine + 1] = ids[i]; rev[ids[i]] = 1 end
end
request = function()
    local id
    repeat cursor = cursor % #mine + 1; id = mine[cursor] until not busy[id]
    busy[id] = true
    n = n + 1
    return wrk.format("PATCH", "/v1/claims/" .. id, {["Authorization"] = "Bearer " .. token,
        ["Content-Type"] = "application/merge-patch+json", ["If-Match"] = '"' .. rev[id] .. '"',
        ["X-Request-Id"] = id .. ":" .. n},
        '{"statement":"Edited ' .. slot .. '-' .. n .. ': police and civilians among the casualties","edit_summary":"load"}')
end
response = function(status, headers, body)
    local id = (headers["x-request-id"] or headers["X-Request-Id"] or ""):match("^(.*):%d+$")
    if not id then return end
    local r = body:match('"revision":(%d+)') or body:match('"current_revision":(%d+)')
    if r then rev[id] = tonumber(r) end
    busy[id] = nil
end
LUA
}

# run_wrk SCRIPT IDS [VAR=value…]: on a server started for it, a warm-up on the ids `warm-IDS`,
# then the measured run on the ids IDS (`-`: none). Prints "ok_rps p50 p99 non2xx errors|rss|cpu%".
run_wrk() {
    local script=$1 ids=$2; shift 2
    start_server
    local pid=$SERVER_PID
    env "$@" IDS="warm-$ids" wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s --timeout 10s -s "$WORK/$script.lua" \
        "http://127.0.0.1:$PORT" >/dev/null
    local perf_pid=""
    if [[ -n $PERF ]]; then
        perf record -q -F 999 -g -p "$pid" -o "$WORK/perf.data" -- sleep "$DURATION" 2>/dev/null &
        perf_pid=$!
    fi
    env "$@" IDS="$ids" /usr/bin/time -f '%U %S' -o "$WORK/cpu" \
        wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout 10s --latency -s "$WORK/$script.lua" \
        "http://127.0.0.1:$PORT" >"$WORK/wrk.out"
    if [[ -n $perf_pid ]]; then
        wait "$perf_pid" || true
        mkdir -p target/perf
        local report
        report="target/perf/$BACKEND-$script-$ids$(printf '%s' "${*:+-$*}" | tr -c 'A-Za-z0-9=-' '_' | cut -c1-80).txt"
        # Where the server's CPU went: by thread (actix workers, the pool's blocking threads,
        # the SQLite writer), then by function; percentages of the samples, with no call graph.
        {
            echo "# by thread"
            perf report -q -i "$WORK/perf.data" -g none --no-children --sort comm --stdio 2>/dev/null | head -12
            echo "# by function"
            perf report -q -i "$WORK/perf.data" -g none --no-children --sort dso,symbol --stdio 2>/dev/null | head -40
        } | sed -E 's/[[:space:]]+$//' | grep -v '^$' >"$report" || true
    fi
    local result rss cpu
    result=$(parse_wrk <"$WORK/wrk.out")
    rss=$(peak_rss_mib "$pid")
    cpu=$(awk -v d="$DURATION" '{printf "%.0f", ($1 + $2) / d * 100}' "$WORK/cpu")
    stop_server
    echo "$result|$rss|$cpu"
}
# 500 requests/s, open loop: a fixed number of requests sent on schedule over 50 connections,
# latencies measured from when each was due (--latency-correction), so a stall shows in p99.
run_oha() {
    command -v oha >/dev/null || cargo install oha --locked --version 1.16.0 >&2  # first use only
    start_server
    local pid=$SERVER_PID result
    oha -z ${WARMUP}s -q 500 -c 50 --no-tui -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1" >/dev/null
    result=$(/usr/bin/time -f '%U %S' -o "$WORK/cpu" oha -n $((DURATION * 500)) -q 500 -c 50 -t 10s \
        --latency-correction --no-tui --output-format json \
        -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1" | parse_oha)
    local rss cpu
    rss=$(peak_rss_mib "$pid")
    cpu=$(awk -v d="$DURATION" '{printf "%.0f", ($1 + $2) / d * 100}' "$WORK/cpu")
    stop_server
    echo "$result|$rss|$cpu"
}
# Webhook delivery under the create workload: an admin subscribes a local receiver
# (benches/webhook_receiver.py) to `claim.created` after the warm-up; wrk creates for DURATION
# seconds as in create-heavy, then the sender catches up. Prints "events/s lag_p50_ms
# lag_p99_ms undelivered 0|rss|cpu": events/s from the first arrival to the last, lag from each
# revision's commit time (the event's created_at) to its arrival at the receiver.
run_webhook() {
    local recv_port=18402
    : >"$WORK/arrivals"
    python3 benches/webhook_receiver.py $recv_port "$WORK/arrivals" &
    RECEIVER_PID=$!
    export CLAIMLEDGER_WEBHOOK_ALLOW_HTTP=true CLAIMLEDGER_WEBHOOK_ALLOW_PRIVATE=true
    start_server
    unset CLAIMLEDGER_WEBHOOK_ALLOW_HTTP CLAIMLEDGER_WEBHOOK_ALLOW_PRIVATE
    local pid=$SERVER_PID before after expected got last_got=-1 still=0
    env "$@" IDS="warm--" wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s --timeout 10s -s "$WORK/create.lua" \
        "http://127.0.0.1:$PORT" >/dev/null
    curl -sf "http://127.0.0.1:$PORT/v1/webhooks" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
        -d "{\"url\":\"http://127.0.0.1:$recv_port/hook\",\"event_types\":[\"claim.created\"]}" >/dev/null
    before=$(sql "SELECT count(*) FROM claims")
    env "$@" IDS="-" /usr/bin/time -f '%U %S' -o "$WORK/cpu" \
        wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout 10s -s "$WORK/create.lua" \
        "http://127.0.0.1:$PORT" >/dev/null
    after=$(sql "SELECT count(*) FROM claims")
    expected=$((after - before))
    # Catch-up: until every event arrived, or nothing more arrived for 30 s (at most 10 min).
    for _ in $(seq 1 600); do
        got=$(wc -l <"$WORK/arrivals")
        ((got >= expected)) && break
        if ((got == last_got)); then still=$((still + 1)); ((still >= 30)) && break; else still=0; fi
        last_got=$got
        sleep 1
    done
    local result rss cpu
    result=$(python3 - "$WORK/arrivals" "$expected" <<'PY2'
import sys
rows = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
expected = int(sys.argv[2])
if not rows:
    print("0 0 0 %d 0" % expected); sys.exit()
arrivals = sorted(a for a, _ in rows)
lags = sorted((a - c) * 1000 for a, c in rows)
q = lambda p: lags[min(len(lags) - 1, int(len(lags) * p))]
span = max(arrivals[-1] - arrivals[0], 1e-3)
print("%.0f %.2f %.2f %d 0" % (len(rows) / span, q(0.5), q(0.99), max(0, expected - len(rows))))
PY2
)
    rss=$(peak_rss_mib "$pid")
    cpu=$(awk -v d="$DURATION" '{printf "%.0f", ($1 + $2) / d * 100}' "$WORK/cpu")
    stop_server
    kill "$RECEIVER_PID" 2>/dev/null; wait "$RECEIVER_PID" 2>/dev/null || true; RECEIVER_PID=""
    echo "$result|$rss|$cpu"
}
want() { [[ -z $ONLY || $1 =~ ^($ONLY) ]]; }
# profile NAME SCRIPT IDS [VAR=value…]: an extra run of a workload under perf (--profile).
profile() {
    [[ -n $PROFILE && $1 =~ ^($PROFILE)$ ]] || return 0
    local name=$1; shift
    PERF=1 run_wrk "$@" >/dev/null
    echo "profiled $BACKEND $name: target/perf/$BACKEND-$1-$2*.txt" >&2
}
measure() { # measure NAME BACKEND "result|rss|cpu"
    local result=${3%%|*} rest=${3#*|}
    record "$1" "$2" "$result" "${rest%%|*}" "${rest#*|}"
}

sql() { if [[ $BACKEND == postgres ]]; then psql "$URL" -qAtXc "$1"; else sqlite3 "$URL" "$1"; fi; }

# A fresh database with $CLAIMS claims, a token, and the id lists the workloads use: claims
# citing source-heavy and tail claims (neither heavy source nor heavy subject), each split into
# the measured ids and the warm-up's.
prepare() {
    echo "== $BACKEND: $CLAIMS claims" >&2
    if [[ $BACKEND == postgres ]]; then
        psql "$PG_ADMIN" -qXc "DROP DATABASE IF EXISTS claimledger_load WITH (FORCE)" -c "CREATE DATABASE claimledger_load" >/dev/null
        URL=$PG_URL
    else
        rm -f "$WORK"/load.db*
        URL="$WORK/load.db"
    fi
    start_server          # migrations + the first admin
    stop_server
    benches/load_dataset.sh "$URL" "$CLAIMS" >&2
    start_server
    TOKEN=$(curl -s "http://127.0.0.1:$PORT/v1/auth/token" -H 'content-type: application/json' \
        -d "{\"username\":\"admin\",\"password\":\"$CLAIMLEDGER_ADMIN_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
    stop_server
    local random="random()"
    sql "SELECT claim_id FROM citations WHERE source_id = 'source-heavy' ORDER BY $random LIMIT 12000" >"$WORK/heavy-all"
    sql "SELECT id FROM claims WHERE subject_id <> 'subject-heavy' AND id NOT IN
         (SELECT claim_id FROM citations WHERE source_id = 'source-heavy') ORDER BY $random LIMIT 12000" >"$WORK/tail-all"
    # Five sixths measured, one sixth for the warm-ups: an edit's warm-up must not move the
    # revisions of the claims the measured run edits.
    local all measured
    for set in heavy tail; do
        all=$(wc -l <"$WORK/$set-all")
        measured=$((all * 5 / 6))
        head -n "$measured" "$WORK/$set-all" >"$WORK/$set"
        tail -n +"$((measured + 1))" "$WORK/$set-all" >"$WORK/warm-$set"
    done
    write_lua
}

for BACKEND in ${BACKENDS//,/ }; do
    prepare
    TAIL_SOURCE=source-000000500
    TAIL_SUBJECT=subject-000005000
    for set in heavy tail; do
        want "read-$set" && measure "read-$set" "$BACKEND" "$(run_wrk read $set)"
    done
    want history && measure history "$BACKEND" "$(run_wrk history tail)"
    want list-source-heavy && measure list-source-heavy "$BACKEND" "$(run_wrk path - REQUEST_PATH="/v1/claims?limit=50&source_id=source-heavy")"
    want list-source-tail && measure list-source-tail "$BACKEND" "$(run_wrk path - REQUEST_PATH="/v1/claims?limit=50&source_id=$TAIL_SOURCE")"
    want list-subject-heavy && measure list-subject-heavy "$BACKEND" "$(run_wrk path - REQUEST_PATH="/v1/claims?limit=50&subject_id=subject-heavy")"
    want list-subject-tail && measure list-subject-tail "$BACKEND" "$(run_wrk path - REQUEST_PATH="/v1/claims?limit=50&subject_id=$TAIL_SUBJECT")"
    want list-tag-heavy && measure list-tag-heavy "$BACKEND" "$(run_wrk path - REQUEST_PATH="/v1/claims?limit=50&tag=ttp")"
    want list-tag-tail && measure list-tag-tail "$BACKEND" "$(run_wrk path - REQUEST_PATH="/v1/claims?limit=50&tag=tag-7")"
    want search && measure search "$BACKEND" "$(run_wrk path - REQUEST_PATH="/v1/claims?q=police%20civilians")"
    want list@500 && measure list@500 "$BACKEND" "$(run_oha "/v1/claims?limit=50&source_id=source-heavy")"
    want search@500 && measure search@500 "$BACKEND" "$(run_oha "/v1/claims?q=police%20civilians")"
    want search-sorted@500 && measure search-sorted@500 "$BACKEND" "$(run_oha "/v1/claims?q=police%20civilians&sort=-confidence")"
    # Writes last: what they add does not change what the reads above measured.
    want edit-heavy && measure edit-heavy "$BACKEND" "$(run_wrk edit heavy)"
    want edit-tail && measure edit-tail "$BACKEND" "$(run_wrk edit tail)"
    want create-heavy && measure create-heavy "$BACKEND" "$(run_wrk create - SOURCE=source-heavy SUBJECT=subject-heavy TAGS='["ttp"]')"
    want create-tail && measure create-tail "$BACKEND" "$(run_wrk create - SOURCE=$TAIL_SOURCE SUBJECT=$TAIL_SUBJECT TAGS='["tag-7"]')"
    # The same creates with a webhook subscription delivering every claim.created to a local
    # receiver: requests/s is events delivered per second, p50/p99 the commit→arrival lag.
    want webhook-create && measure webhook-create "$BACKEND" "$(run_webhook SOURCE=source-heavy SUBJECT=subject-heavy TAGS='["ttp"]')"
    if [[ $BACKEND == sqlite ]]; then
        # The same creates with synchronous=NORMAL: durable against a crash of the process,
        # not against a power loss.
        export CLAIMLEDGER_SQLITE_SYNCHRONOUS=normal
        want create-heavy-normal && measure create-heavy-normal "$BACKEND" "$(run_wrk create - SOURCE=source-heavy SUBJECT=subject-heavy TAGS='["ttp"]')"
        unset CLAIMLEDGER_SQLITE_SYNCHRONOUS
    fi
    profile read-heavy read heavy
    profile read-tail read tail
    profile list-source-heavy path - REQUEST_PATH="/v1/claims?limit=50&source_id=source-heavy"
    profile list-source-tail path - REQUEST_PATH="/v1/claims?limit=50&source_id=$TAIL_SOURCE"
    profile create-heavy create - SOURCE=source-heavy SUBJECT=subject-heavy TAGS='["ttp"]'
    if [[ $BACKEND == postgres ]]; then
        # The database's own bounds: the bare SQL of one create and of one read, at the same
        # concurrency. p50/p99 from pgbench's per-transaction log.
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
        cat >"$WORK/read.sql" <<SQL
\\set n random(1, $CLAIMS)
SELECT * FROM claims WHERE id = 'claim-' || lpad(:n::text, 9, '0');
SELECT * FROM citations WHERE claim_id = 'claim-' || lpad(:n::text, 9, '0') ORDER BY position;
SELECT tag FROM claim_tags WHERE claim_id = 'claim-' || lpad(:n::text, 9, '0') ORDER BY tag;
SQL
        for kind in create read; do
            want "pgbench-$kind" || continue
            rm -f "$WORK"/pgb*
            out=$(cd "$WORK" && pgbench -n -c $CONNECTIONS -j $THREADS -T "$DURATION" -l --log-prefix=pgb -f "$WORK/$kind.sql" "$URL" 2>&1)
            r=$(cat "$WORK"/pgb* | python3 -c '
import sys
lat = sorted(int(l.split()[2]) for l in sys.stdin if l.strip())
tx, fail = sys.argv[1:3]
q = lambda p: lat[min(len(lat) - 1, int(len(lat) * p))] / 1000 if lat else 0
print("%.0f %.2f %.2f %d 0" % (float(tx), q(0.5), q(0.99), int(fail)))' \
                "$(awk '/^tps/ {print $3}' <<<"$out")" "$(awk '/number of failed transactions/ {print $5}' <<<"$out" | tr -d , || echo 0)")
            record "pgbench-$kind" postgres "$r" - -
        done
        psql "$PG_ADMIN" -qXc "DROP DATABASE IF EXISTS claimledger_load WITH (FORCE)" >/dev/null
    fi
done

for variant in ceiling ceiling-mw; do
    flag=; [[ $variant == ceiling-mw ]] && flag=--middleware
    "$CEILING_BIN" "127.0.0.1:$CEILING_PORT" $flag >/dev/null 2>&1 & CEILING_PID=$!
    sleep 1
    WORK=$WORK wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$CEILING_PORT/" >/dev/null
    /usr/bin/time -f '%U %S' -o "$WORK/cpu" wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout 10s --latency \
        -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$CEILING_PORT/" >"$WORK/wrk.out"
    record "$variant" http "$(parse_wrk <"$WORK/wrk.out")" "$(peak_rss_mib $CEILING_PID)" \
        "$(awk -v d="$DURATION" '{printf "%.0f", ($1 + $2) / d * 100}' "$WORK/cpu")"
    kill $CEILING_PID; wait $CEILING_PID 2>/dev/null || true; CEILING_PID=""
done

python3 - "$CLAIMS" "$CONNECTIONS" "${ROWS[@]}" <<'PY'
import json, sys
claims, connections, rows = sys.argv[1], sys.argv[2], [r.split() for r in sys.argv[3:]]
keys = ["workload", "backend", "rps", "p50_ms", "p99_ms", "non_2xx", "socket_errors", "peak_rss_mib", "loadgen_cpu_pct", "status"]
table = [dict(zip(keys, r)) for r in rows]
for r in table:
    r["rps"] = float(r["rps"])
def find(workload, backend):
    return next((r for r in table if r["workload"] == workload and r["backend"] == backend), None)
ceiling = find("ceiling", "http")
for r in table:
    b, w, ratios = r["backend"], r["workload"], []
    if w == "webhook-create":
        ratios.append("events/s to a local receiver; p50/p99: lag commit→arrival")
        create = find("create-heavy", b)
        if create and create["rps"]:
            ratios.append(f"{r['rps'] / create['rps']:.2f}× create-heavy")
    elif b in ("sqlite", "postgres") and ceiling and ceiling["rps"] and not w.endswith("@500"):
        ratios.append(f"{r['rps'] / ceiling['rps']:.2f}× HTTP ceiling")
    if w == "ceiling-mw" and ceiling:
        ratios.append(f"{r['rps'] / ceiling['rps']:.2f}× bare ceiling")
    if b == "postgres" and w.startswith("create-") and find("pgbench-create", b):
        ratios.append(f"{r['rps'] / find('pgbench-create', b)['rps']:.2f}× pgbench create")
    if b == "postgres" and w.startswith("read-") and find("pgbench-read", b):
        ratios.append(f"{r['rps'] / find('pgbench-read', b)['rps']:.2f}× pgbench read")
    if w.startswith("edit-"):
        create = find("create-" + w[len("edit-"):], b)
        if create and create["rps"]:
            ratios.append(f"{r['rps'] / create['rps']:.2f}× create")
    if w.endswith("-heavy"):
        tail = find(w[: -len("-heavy")] + "-tail", b)
        if tail and tail["rps"]:
            ratios.append(f"heavy/tail {r['rps'] / tail['rps']:.2f}")
    r["ratios"] = ", ".join(ratios)
print(f"\nclaimledger load benchmark: {claims} skewed claims, {connections} connections (@500: 500 requests/s open loop)\n")
print("| workload | backend | requests/s (2xx) | p50 ms | p99 ms | non-2xx | socket errors | peak RSS MiB | wrk CPU % | status | ratio |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in table:
    print(f"| {r['workload']} | {r['backend']} | {r['rps']:.0f} | {r['p50_ms']} | {r['p99_ms']} | {r['non_2xx']} | {r['socket_errors']} | {r['peak_rss_mib']} | {r['loadgen_cpu_pct']} | {r['status']} | {r['ratios']} |")
json.dump({"claims": int(claims), "connections": int(connections), "results": table}, open("target/load-bench.json", "w"), indent=2)
print("\n(written to target/load-bench.json)")
PY
if ((FAILED)); then
    echo "load.sh: FAILED: a run had non-2xx answers or socket errors (see the status column)" >&2
    exit 1
fi
