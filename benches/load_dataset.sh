#!/usr/bin/env bash
# Bulk-loads a synthetic, skewed dataset into a claimledger database that has been migrated
# (start the server on it once first): N structured claims (default 100000) over 10,000
# subjects and the default properties, each with 1–3 citations of 1,000 sources, 0–2 of 50
# tags, confidences and event dates spread out — and, as real ledgers have them, heavy
# hitters: `source-heavy` is cited by 1 claim in 8, `subject-heavy` is the subject of 1 in 8,
# the tag `ttp` is on every other claim and the property `fatalities` on about 60 %. The rest is
# the long tail (a tail source backs ~200 claims, a tail subject ~90, a tail tag ~1 %).
# Heavy and tail claims have the same shape (1–3 citations, the heavy source's in place of the
# first; the heavy subject's claims as often tagged `ttp` as the rest), so a heavy/tail ratio
# measures popularity, not bigger rows. Plain SQL, so that a million claims load in a minute or two; the
# rows carry stand-in revisions, not a verifiable hash chain (the benchmarks read and write
# through the API from there on).
#
#   benches/load_dataset.sh postgres://postgres@127.0.0.1:5432/bench 100000
#   benches/load_dataset.sh ./data/bench.db 100000
set -euo pipefail
url=${1:?database URL or SQLite path}
n=${2:-100000}

if [[ $url == postgres* ]]; then
    series() { echo "SELECT generate_series(1, $1) AS i"; }
    now="(now() AT TIME ZONE 'utc')"
    pad() { echo "lpad(($1)::text, 9, '0')"; }
    rnd() { echo "(abs(hashtext(($1)::text)) % $2)"; }   # a repeatable pseudo-random 0..$2-1
    day() { echo "(DATE '2015-01-01' + ($1) * INTERVAL '1 day')"; }
    false=FALSE
    # VACUUM too: otherwise autovacuum visits the new tables in the middle of the benchmark.
    analyze="VACUUM ANALYZE"
    run() { psql "$url" -X -q -v ON_ERROR_STOP=1; }
else
    series() { echo "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $1) SELECT i FROM s"; }
    now="strftime('%Y-%m-%d %H:%M:%f', 'now')"
    pad() { echo "printf('%09d', $1)"; }
    rnd() { echo "(abs(($1) * 2654435761 % 1000003) % $2)"; }
    day() { echo "datetime('2015-01-01', '+' || ($1) || ' days')"; }
    false=0
    analyze=ANALYZE
    run() { sqlite3 "${url#sqlite://}"; }
fi

subjects=10000
sources=1000
{
cat <<SQL
BEGIN;
INSERT INTO users (id, username, role, disabled, password_hash, revision, created_at, updated_at)
    VALUES ('bulk-user', 'bulk-loader', 'editor', $false, 'x', 1, $now, $now);
INSERT INTO sources (id, kind, title, publisher, publisher_key, search_text, reliability, revision, head_hash, created_at, updated_at, created_by)
    SELECT 'source-' || $(pad i), 'article', 'Bulk source ' || i, 'Publisher ' || (i % 20), 'publisher ' || (i % 20),
           'bulk source ' || i, 'C', 1, '', $now, $now, 'bulk-user' FROM ($(series $sources)) s;
INSERT INTO sources (id, kind, title, publisher, publisher_key, search_text, reliability, revision, head_hash, created_at, updated_at, created_by)
    VALUES ('source-heavy', 'dataset', 'The casualty table', 'Publisher 0', 'publisher 0', 'the casualty table', 'B', 1, '', $now, $now, 'bulk-user');
INSERT INTO entities (id, kind, name, search_text, revision, head_hash, created_at, updated_at, created_by)
    VALUES ('subject-heavy', 'event', 'The long conflict', 'the long conflict', 1, '', $now, $now, 'bulk-user');
INSERT INTO entities (id, kind, name, search_text, revision, head_hash, created_at, updated_at, created_by)
    SELECT 'subject-' || $(pad i), 'event', 'Subject ' || i, 'subject ' || i, 1, '', $now, $now, 'bulk-user'
    FROM ($(series $subjects)) s;
INSERT INTO claims (id, statement, statement_key, subject_id, property, value, value_lower, value_upper,
                    occurred_value, occurred_precision, occurred_start, occurred_end, occurred_sort,
                    confidence, verdict, search_text, revision, head_hash, created_at, updated_at, created_by)
    SELECT 'claim-' || $(pad i),
           'Report ' || i || ': attack in district ' || (i % 97) || ' left casualties among police and civilians',
           'bulk-' || i,
           CASE WHEN (i / 2) % 8 = 1 THEN 'subject-heavy' ELSE 'subject-' || $(pad "$(rnd i $subjects) + 1") END,
           CASE WHEN i % 4 = 0 THEN 'injured' WHEN i % 16 = 3 THEN 'fatalities.police'
                WHEN i % 16 = 7 THEN 'fatalities.civilian' ELSE 'fatalities' END,
           '{"type":"quantity","lower":' || (i % 50) || ',"upper":null,"unit":"people"}', i % 50, NULL,
           NULL, NULL, $(day "$(rnd "i * 7" 3000)"), $(day "$(rnd "i * 7" 3000) + 1"), $(day "$(rnd "i * 7" 3000)"),
           ($(rnd "i * 13" 1000)) / 1000.0, 'unreviewed',
           'report ' || i || ' attack in district ' || (i % 97) || ' left casualties among police and civilians',
           1, '', $now, $now, 'bulk-user'
    FROM ($(series "$n")) s;
INSERT INTO citations (id, claim_id, source_id, position, quote, locator)
    SELECT 'cite-' || $(pad i) || '-' || k.k, 'claim-' || $(pad i),
           CASE WHEN k.k = 0 AND i % 8 = 0 THEN 'source-heavy'
                ELSE 'source-' || $(pad "$(rnd "i * 31 + k.k" $sources) + 1") END,
           k.k, 'police and civilians', 'paragraph ' || k.k
    FROM ($(series "$n")) s, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2) k
    WHERE k.k <= i % 3;
-- One stand-in create revision per claim, so that history reads return something. Their hashes
-- are not a real chain (the loader has no ledger key): /integrity reports these claims invalid.
INSERT INTO revisions (record_kind, record_id, revision, action, author_id, created_at, snapshot, snapshot_hash, prev_hash, hash)
    SELECT 'claims', 'claim-' || $(pad i), 1, 'create', 'bulk-user', $now,
           '{"statement":"bulk claim ' || i || '"}', 'bulk', '', 'bulk'
    FROM ($(series "$n")) s;
INSERT INTO claim_tags (claim_id, tag)
    SELECT 'claim-' || $(pad i), 'tag-' || (i % 50) FROM ($(series "$n")) s WHERE i % 3 <> 0;
INSERT INTO claim_tags (claim_id, tag)
    SELECT 'claim-' || $(pad i), 'ttp' FROM ($(series "$n")) s WHERE (i / 3) % 2 = 0;
COMMIT;
$analyze;
SQL
} | run
echo "loaded $n claims into $url"
