#!/usr/bin/env python3
"""Write golden fixtures: a database made by one release of claimledger, and what it answered.

Future releases must keep opening databases written by older ones and reading them the same.
This script builds such a database with a given `claimledger` binary and records the old
release's answers; `tests/api/golden.rs` opens the database with the code under test and checks
that every answer is still the same.

Usage (from the repository root):

    python3 tests/golden/make_fixture.py --binary PATH/TO/claimledger --out tests/golden/v1 \
        [--postgres-admin-url postgres://postgres@127.0.0.1:5432/test] [--commit 47b870e]

Build the binary from the release to freeze, in its own worktree, so that the working tree can
move on meanwhile:

    git worktree add /tmp/golden-src <commit>
    (cd /tmp/golden-src && CARGO_TARGET_DIR=/tmp/golden-target cargo build)
    python3 tests/golden/make_fixture.py --binary /tmp/golden-target/debug/claimledger ...
    git worktree remove --force /tmp/golden-src

For each backend (SQLite always; PostgreSQL when --postgres-admin-url is given) it:

1. starts `claimledger serve` on a fresh database (for PostgreSQL a scratch database created
   under the admin URL) with the fixed keys of tests/api/helpers.rs (`JWT_SECRET`,
   `LEDGER_KEY`, `ADMIN_PASSWORD`), so that the test can log in and verify the hash chains;
   stops it once the first admin exists and runs `claimledger seed --demo`; starts it again;
2. runs one scenario through the HTTP API that leaves every kind of history (users and their
   role/disable/display-name changes, tool tokens, sources, entities, a custom property,
   claims with detected, auto-resolved and reopened contradiction flags, verdicts, retractions,
   restores, reverts, manual flags and their decisions, creates with an Idempotency-Key and
   their replays), sleeping a few milliseconds after every write so that an `as_of` instant
   between two revisions is unambiguous;
3. records what the release answered, as the admin, into `<out>/expected-<backend>.json`:
   for every record of every kind its GET, its revision list (every page), every revision,
   every diff (and `?from=0` of the last), its integrity, and for claims, sources and entities
   `?as_of=` reads before creation, at each revision and between revisions; the lists; the
   changes feed (every page); a few searches. Each request is kept as
   `{method, path, status, body}`; an error keeps only `{"code": …}` as its body (the
   request id of a problem differs on every call). It also keeps the output of
   `claimledger verify` and, under `revert_targets`, one record per kind for the test to
   revert and edit;
4. stops the server with SIGTERM and stores the database: SQLite's WAL is checkpointed into the
   main file, which is copied to `<out>/claimledger.sqlite.golden` (not `.db`: runtime
   databases are ignored and flagged by the repository); PostgreSQL is dumped with
   `pg_dump --column-inserts --no-owner --no-privileges --quote-all-identifiers` to
   `<out>/postgres.sql` (INSERTs, no COPY, and psql's `\\restrict` lines removed, so that a plain
   connection can replay it) and the scratch database is dropped;
5. writes `<out>/README.md`: which release wrote the fixture, with which command, when, and
   what the scenario holds.

Only the Python standard library is used, plus `psql` and `pg_dump` for PostgreSQL.
"""

import argparse
import datetime
import json
import os
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

# The constants of tests/api/helpers.rs: the test logs in and verifies chains with these.
ADMIN_PASSWORD = "admin-password-for-tests"
JWT_SECRET = "test-jwt-secret-that-is-at-least-32-bytes"
LEDGER_KEY = "test-ledger-key-that-is-at-least-32-bytes"

# After every write, so that consecutive revisions are at least this far apart in time.
WRITE_GAP_SECONDS = 0.005

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ARTICLE = os.path.join(HERE, "..", "..", "src", "seed", "article-ttp-nexus.txt")

# Record kinds: (URL collection, has `?as_of=`).
KINDS = {
    "claims": True,
    "sources": True,
    "entities": True,
    "properties": False,
    "contradictions": False,
    "users": False,
}


def log(message):
    print(f"make_fixture: {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ── HTTP ─────────────────────────────────────────────────────────────────────────────────


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


class Response:
    def __init__(self, status, headers, text):
        self.status = status
        self.headers = headers
        self.text = text
        try:
            self.json = json.loads(text) if text else None
        except ValueError:
            self.json = None


class Api:
    def __init__(self, base):
        self.base = base

    def call(self, method, path, token=None, body=None, headers=None, content_type=None):
        data = None
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            all_headers["Content-Type"] = content_type or "application/json"
        request = urllib.request.Request(
            self.base + path, data=data, headers=all_headers, method=method
        )
        try:
            with OPENER.open(request, timeout=60) as response:
                return Response(
                    response.status, dict(response.headers), response.read().decode("utf-8")
                )
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read().decode("utf-8"))

    def write(self, method, path, token, body=None, expect=200, if_match=None, key=None):
        """A write that must answer `expect`; returns the JSON body. Then waits a little."""
        headers = {}
        if if_match is not None:
            headers["If-Match"] = f'"{if_match}"'
        if key is not None:
            headers["Idempotency-Key"] = key
        content_type = "application/merge-patch+json" if method == "PATCH" else None
        response = self.call(method, path, token, body, headers, content_type)
        if response.status != expect:
            raise SystemExit(
                f"{method} {path} {json.dumps(body, ensure_ascii=False)} answered "
                f"{response.status}, expected {expect}: {response.text}"
            )
        time.sleep(WRITE_GAP_SECONDS)
        return response.json

    def get_ok(self, path, token):
        response = self.call("GET", path, token)
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}: {response.text}")
        return response.json

    def login(self, username, password):
        body = self.write(
            "POST", "/v1/auth/token", None, {"username": username, "password": password}
        )
        return body["access_token"]


# ── the server ───────────────────────────────────────────────────────────────────────────


class Server:
    """`claimledger serve` on one database, with the fixed keys."""

    def __init__(self, binary, database_url, workdir):
        self.binary = binary
        self.database_url = database_url
        self.workdir = workdir
        self.process = None
        self.api = None
        self.starts = 0

    def env(self, **extra):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DATABASE_URL": self.database_url,
            "CLAIMLEDGER_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "CLAIMLEDGER_JWT_SECRET": JWT_SECRET,
            "CLAIMLEDGER_LEDGER_KEY": LEDGER_KEY,
            "CLAIMLEDGER_WORKERS": "2",
            "RUST_LOG": "warn",
        }
        env.update(extra)
        return env

    def start(self):
        port = free_port()
        self.starts += 1
        log_path = os.path.join(self.workdir, f"server-{self.starts}.log")
        self.log_file = open(log_path, "wb")
        self.process = subprocess.Popen(
            [self.binary, "serve"],
            env=self.env(CLAIMLEDGER_ADDR=f"127.0.0.1:{port}"),
            cwd=self.workdir,
            stdin=subprocess.DEVNULL,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        self.api = Api(f"http://127.0.0.1:{port}")
        deadline = time.monotonic() + 120
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"the server exited ({self.process.returncode}); see {log_path}")
            try:
                if self.api.call("GET", "/readyz").status == 200:
                    return self.api
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"the server did not become ready; see {log_path}")
            time.sleep(0.1)

    def stop(self):
        """SIGTERM, and wait for a clean exit."""
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise SystemExit("the server did not stop within 60 s of SIGTERM")
        self.log_file.close()
        if code != 0:
            raise SystemExit(f"the server exited with {code} on SIGTERM")
        self.process = None

    def run(self, *args):
        """A one-shot command (`seed --demo`, `verify`) on the same database; its stdout."""
        result = subprocess.run(
            [self.binary, *args],
            env=self.env(),
            cwd=self.workdir,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise SystemExit(
                f"claimledger {' '.join(args)} exited {result.returncode}:\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return result.stdout


# ── the scenario ─────────────────────────────────────────────────────────────────────────


class Scenario:
    """Writes the history. Keeps the ids it made, by name, for the README and the test."""

    def __init__(self, api, article):
        self.api = api
        self.article = article
        self.ids = {}

    def quote(self, words):
        """A quote that appears word for word in the article."""
        if words not in self.article:
            raise SystemExit(f"not in the article: {words!r}")
        return words

    def run(self):
        api = self.api
        admin = api.login("admin", ADMIN_PASSWORD)
        self.users(admin)
        editor = api.login("editor", "editor-password")
        reviewer = api.login("reviewer", "reviewer-password")
        tool = self.tokens(admin, editor)
        self.demo = self.demo_ids(admin)
        self.sources(editor, reviewer, tool)
        self.entities(editor, reviewer)
        self.property(admin)
        self.claims(editor, reviewer)
        self.flags(editor, reviewer)
        # The last write: the property goes back to its first revision (single_valued false)
        # after claims were flagged under its second.
        prop = "/v1/properties/" + self.ids["property"]
        api.write("POST", prop + "/revert", admin, {"to_revision": 1}, if_match=2)

    # Users: an admin creates the accounts and changes one of them several ways.
    def users(self, admin):
        api = self.api
        made = {}
        for username, role, display in [
            ("editor", "editor", "Amina Yusufzai"),
            ("reviewer", "reviewer", "Bilal Qureshi"),
            ("viewer", "viewer", "Farah Baloch"),
            ("analyst", "viewer", "Sana Tareen"),
        ]:
            made[username] = api.write(
                "POST",
                "/v1/users",
                admin,
                {
                    "username": username,
                    "password": f"{username}-password",
                    "role": role,
                    "display_name": display,
                },
                expect=201,
            )["id"]
        analyst = "/v1/users/" + made["analyst"]
        api.write(
            "PATCH",
            analyst,
            admin,
            {"role": "editor", "edit_summary": "joins the Quetta desk"},
            if_match=1,
        )
        api.write(
            "PATCH", analyst, admin, {"disabled": True, "edit_summary": "on leave"}, if_match=2
        )
        api.write("PATCH", analyst, admin, {"disabled": False}, if_match=3)
        api.write("PATCH", analyst, admin, {"display_name": None}, if_match=4)
        viewer = "/v1/users/" + made["viewer"]
        api.write("PATCH", viewer, admin, {"password": "viewer-password-changed"}, if_match=1)
        self.ids.update({f"user.{k}": v for k, v in made.items()})

    # Tool tokens: one for the editor's importer (used below to create a source), two for the
    # admin, one of them revoked.
    def tokens(self, admin, editor):
        api = self.api
        importer = api.write(
            "POST",
            "/v1/tokens",
            editor,
            {"name": "newsroom importer", "role": "editor", "expires_in_days": 3650},
            expect=201,
        )
        api.write(
            "POST",
            "/v1/tokens",
            admin,
            {"name": "nightly integrity check", "role": "viewer", "expires_in_days": 3650},
            expect=201,
        )
        retired = api.write(
            "POST",
            "/v1/tokens",
            admin,
            {"name": "retired dashboard", "expires_in_days": 30},
            expect=201,
        )
        api.write("DELETE", "/v1/tokens/" + retired["id"], admin, expect=204)
        return importer["token"]

    def demo_ids(self, admin):
        """Records of `seed --demo` the scenario refers to."""

        def one(path, name_field, name):
            items = self.api.get_ok(path, admin)["items"]
            found = [item["id"] for item in items if item[name_field] == name]
            if len(found) != 1:
                raise SystemExit(f"the demo data has no single {name!r} at {path}")
            return found[0]

        q = urllib.parse.quote
        return {
            "article": one(
                "/v1/sources?q=" + q("Undeniable Nexus"),
                "title",
                "Afghan Taliban, TTP And Pakistan: The Undeniable Nexus",
            ),
            "muzahim": one("/v1/entities?q=Muzahim", "name", "Mufti Muzahim"),
            "mahesar": one("/v1/entities?q=Mahesar", "name", "Azfar Mahesar"),
            "ttp": one(
                "/v1/entities?q=" + q("Tehreek-e-Taliban"), "name", "Tehreek-e-Taliban Pakistan"
            ),
        }

    def sources(self, editor, reviewer, tool):
        api = self.api
        key = "golden-source-outlet"
        outlet_body = {
            "kind": "article",
            "title": "Suicide attack on police truck in Quetta kills policeman, two civilians",
            "url": "https://news.example.org/2022/11/30/quetta-police-truck-attack",
            "publisher": "Example News",
            "authors": ["Staff reporter", "Web desk"],
            "published_at": "2022-11-30",
            "language": "en",
            "reliability": "C",
            "archived_url": "https://archive.example.org/20221130/quetta-police-truck-attack",
        }
        outlet = api.write("POST", "/v1/sources", editor, outlet_body, expect=201, key=key)
        replay = api.write("POST", "/v1/sources", editor, outlet_body, expect=201, key=key)
        assert replay == outlet, "an Idempotency-Key replay answers the first response"
        path = "/v1/sources/" + outlet["id"]
        api.write(
            "PATCH",
            path,
            editor,
            {"reliability": "B", "edit_summary": "a second outlet confirms the toll"},
            if_match=1,
        )
        api.write(
            "PATCH",
            path,
            editor,
            {
                "title": "Quetta: suicide bomber hits police truck guarding polio team",
                "authors": [],
            },
            if_match=2,
        )
        api.write(
            "POST",
            path + "/retract",
            reviewer,
            {"reason": "The outlet corrected its casualty figures."},
            if_match=3,
        )
        api.write(
            "POST",
            path + "/restore",
            reviewer,
            {"reason": "The correction concerned another attack."},
            if_match=4,
        )
        api.write("POST", path + "/revert", editor, {"to_revision": 1}, if_match=5)
        self.ids["source.outlet"] = outlet["id"]

        urdu = api.write(
            "POST",
            "/v1/sources",
            editor,
            {
                "kind": "article",
                "title": "کوئٹہ میں پولیس ٹرک پر خودکش حملہ: ‘اسلامی امارت’ اور “دباؤ” کی بحث",
                "publisher": "روزنامہ مثال",
                "authors": ["نامہ نگار"],
                "published_at": "2022-12-01T09:30:00+05:00",
                "language": "ur",
                "reliability": "D",
            },
            expect=201,
        )
        self.ids["source.urdu"] = urdu["id"]
        statement = api.write(
            "POST",
            "/v1/sources",
            editor,
            {
                "kind": "official_statement",
                "title": "Statement by the Balochistan police on the Baleli attack",
                "publisher": "Balochistan Police",
                "published_at": "2022-11-30",
                "language": "en",
                "reliability": "B",
            },
            expect=201,
        )
        self.ids["source.statement"] = statement["id"]
        # Made with the editor's tool token.
        social = api.write(
            "POST",
            "/v1/sources",
            tool,
            {
                "kind": "social_post",
                "title": "TTP claim of responsibility posted on a messaging channel",
                "url": "https://t.example.org/ttp_media/1234",
                "language": "ps",
                "reliability": "E",
            },
            expect=201,
        )
        self.ids["source.social"] = social["id"]
        withdrawn = api.write(
            "POST",
            "/v1/sources",
            editor,
            {"kind": "report", "title": "Preliminary casualty report (withdrawn)"},
            expect=201,
        )
        self.ids["source.withdrawn"] = withdrawn["id"]

    def entities(self, editor, reviewer):
        api = self.api

        def make(name, body):
            self.ids[f"entity.{name}"] = api.write(
                "POST", "/v1/entities", editor, body, expect=201
            )["id"]

        make(
            "attack",
            {
                "kind": "event",
                "name": "Baleli police truck bombing, Quetta, 30 November 2022",
                "aliases": ["Baleli attack", "بلیلی حملہ"],
                "description": self.quote(
                    "a suicide attacker rammed a motorbike or rickshaw packed with explosives "
                    "into the police truck"
                ),
            },
        )
        make(
            "place",
            {
                "kind": "place",
                "name": "Baleli",
                "aliases": ["Baleli checkpoint"],
                "description": "An area on the outskirts of Quetta.",
            },
        )
        make(
            "letter",
            {
                "kind": "other",
                "name": "TTP letter ending the ceasefire, November 2022",
                "aliases": ["handwritten TTP letter"],
            },
        )
        make(
            "noor",
            {
                "kind": "person",
                "name": "Noor Wali Mehsud",
                "aliases": ["Abu Mansoor Asim"],
                "description": "Leader (ameer) of the TTP.",
            },
        )
        make("talks", {"kind": "event", "name": "TTP–Pakistan talks in Kabul, 2022"})
        path = "/v1/entities/" + self.ids["entity.place"]
        api.write(
            "PATCH",
            path,
            editor,
            {
                "aliases": ["Baleli checkpoint", "Baleli, Quetta"],
                "description": "Where the Quetta–Sibi road leaves the city.",
                "edit_summary": "the spelling the police use",
            },
            if_match=1,
        )
        api.write(
            "POST",
            path + "/retract",
            reviewer,
            {"reason": "Duplicate of a gazetteer entry."},
            if_match=2,
        )
        api.write(
            "POST",
            path + "/restore",
            reviewer,
            {"reason": "Not a duplicate after all."},
            if_match=3,
        )
        api.write("POST", path + "/revert", editor, {"to_revision": 1}, if_match=4)

    def property(self, admin):
        api = self.api
        body = {
            "key": "polio_team.protected",
            "label": "Polio team protected",
            "description": "Whether the target was protecting a polio vaccination team.",
            "value_type": "boolean",
            "single_valued": False,
        }
        key = "golden-property"
        made = api.write("POST", "/v1/properties", admin, body, expect=201, key=key)
        replay = api.write("POST", "/v1/properties", admin, body, expect=201, key=key)
        assert replay == made
        api.write(
            "PATCH",
            "/v1/properties/polio_team.protected",
            admin,
            {
                "label": "Protecting a polio team",
                "single_valued": True,
                "edit_summary": "one answer per event",
            },
            if_match=1,
        )
        self.ids["property"] = made["key"]

    def claim(self, token, name, body, key=None):
        made = self.api.write("POST", "/v1/claims", token, body, expect=201, key=key)
        self.ids[f"claim.{name}"] = made["id"]
        return made

    def claims(self, editor, reviewer):
        api = self.api
        ids, demo = self.ids, self.demo
        attack = ids["entity.attack"]
        article = demo["article"]

        def cite(source, quote=None, locator=None, url=None):
            citation = {"source_id": source}
            if quote is not None:
                citation["quote"] = quote
            if locator is not None:
                citation["locator"] = locator
            if url is not None:
                citation["url"] = url
            return citation

        def people(lower, upper):
            return {"type": "quantity", "lower": lower, "upper": upper, "unit": "people"}

        day = {"value": "2022-11-30", "precision": "day"}

        # Police fatalities: 1 against 3 is detected; 1–3 resolves it; 3–4 reopens it.
        self.claim(
            editor,
            "police_one",
            {
                "statement": "One police officer was killed in the attack on the constabulary truck.",
                "subject_id": attack,
                "property": "fatalities.police",
                "value": people(1, 1),
                "occurred_at": day,
                "confidence": 0.6,
                "citations": [cite(ids["source.statement"], locator="paragraph 1")],
            },
        )
        three = self.claim(
            editor,
            "police_three",
            {
                "statement": "Three policemen were killed when the bomber struck the truck.",
                "subject_id": attack,
                "property": "fatalities.police",
                "value": people(3, 3),
                "occurred_at": day,
                "confidence": 0.3,
                "citations": [cite(ids["source.social"])],
            },
        )
        path = "/v1/claims/" + three["id"]
        api.write(
            "PATCH",
            path,
            editor,
            {"value": people(1, 3), "edit_summary": "the count is uncertain"},
            if_match=1,
        )
        api.write("PATCH", path, editor, {"value": people(3, 4)}, if_match=2)

        # The richest claim: every field, a verdict, a retraction and a restore, a revert to
        # revision 1 (by a reviewer: it changes the verdict) and an edit after it.
        injured = self.claim(
            editor,
            "injured",
            {
                "statement": "At least 20 other police personnel were reportedly injured in the attack.",
                "subject_id": attack,
                "property": "injured",
                "value": people(20, None),
                "occurred_at": {"value": "2022-11-30T08:15:00+05:00", "precision": "minute"},
                "place": "Baleli, Quetta, Balochistan, Pakistan",
                "claimed_at": "2022-11-30T11:05:00Z",
                "claimant": {
                    "entity_id": demo["mahesar"],
                    "text": "DIG Police Azfar Mahesar, speaking to reporters",
                },
                "confidence": 0.7,
                "credibility": 3,
                "tags": ["Quetta-2022-11-30", "casualties", "TTP"],
                "citations": [
                    cite(
                        article,
                        self.quote(
                            "At least 20 other police personnel are also reportedly injured."
                        ),
                        "paragraph 2",
                    ),
                    cite(
                        ids["source.outlet"],
                        "Twenty policemen were injured, three of them critically.",
                        "paragraph 4",
                        "https://news.example.org/2022/11/30/quetta-police-truck-attack#injured",
                    ),
                    cite(ids["source.urdu"], "کم از کم 20 پولیس اہلکار زخمی ہوئے", "پیراگراف 3"),
                ],
            },
        )
        path = "/v1/claims/" + injured["id"]
        api.write(
            "PATCH",
            path,
            editor,
            {
                "confidence": 0.8,
                "tags": ["quetta-2022-11-30", "casualties", "ttp", "injuries"],
                "edit_summary": "a second outlet gives the same figure",
            },
            if_match=1,
        )
        api.write(
            "POST",
            path + "/verdict",
            reviewer,
            {"verdict": "verified", "note": "Matches the police statement and two outlets."},
            if_match=2,
        )
        api.write(
            "POST",
            path + "/retract",
            reviewer,
            {"reason": "Figures under review after the hospital's count."},
            if_match=3,
        )
        api.write(
            "POST",
            path + "/restore",
            reviewer,
            {"reason": "The hospital confirmed the figure."},
            if_match=4,
        )
        api.write("POST", path + "/revert", reviewer, {"to_revision": 1}, if_match=5)
        api.write(
            "PATCH",
            path,
            editor,
            {"place": "Baleli, Quetta", "edit_summary": "shorter place name"},
            if_match=6,
        )

        # Event times of each precision: year, month (day and minute are above).
        self.claim(
            editor,
            "year",
            {
                "statement": "The effectiveness of the TTP–Pakistan ceasefire was questioned throughout 2022.",
                "occurred_at": {"value": "2022", "precision": "year"},
                "confidence": 0.9,
                "credibility": 2,
                "tags": ["ceasefire"],
                "citations": [
                    cite(
                        article,
                        self.quote(
                            "the effectiveness of this ceasefire has been questioned throughout 2022"
                        ),
                        "paragraph 4",
                    )
                ],
            },
        )
        self.claim(
            editor,
            "month",
            {
                "statement": "In April 2021 the TTP claimed responsibility for a suicide bombing on the Serena Hotel in Quetta.",
                "occurred_at": {"value": "2021-04", "precision": "month"},
                "place": "Quetta",
                "claimant": {"entity_id": demo["ttp"]},
                "confidence": 0.85,
                "citations": [
                    cite(
                        article,
                        self.quote(
                            "In April 2021, the TTP claimed responsibility for a suicide bombing "
                            "attack on Serena Hotel in Quetta's heavily guarded red zone."
                        ),
                    )
                ],
            },
        )

        # Single-valued text: motorbike against rickshaw; a reviewer dismisses the flag.
        for name, text in [("vehicle_motorbike", "motorbike"), ("vehicle_rickshaw", "rickshaw")]:
            self.claim(
                editor,
                name,
                {
                    "statement": f"The suicide attacker rammed a {text} packed with explosives into the truck.",
                    "subject_id": attack,
                    "property": "vehicle",
                    "value": {"type": "text", "text": text},
                    "confidence": 0.5,
                    "citations": [
                        cite(
                            article, self.quote("a suicide attacker rammed a motorbike or rickshaw")
                        )
                    ],
                },
            )

        # Single-valued entity: who signed the letter; a reviewer confirms one.
        for name, signer, confidence in [
            ("signatory_muzahim", demo["muzahim"], 0.8),
            ("signatory_noor", ids["entity.noor"], 0.2),
        ]:
            self.claim(
                editor,
                name,
                {
                    "statement": f"The letter ending the ceasefire was signed by {name.split('_')[1].title()}.",
                    "subject_id": ids["entity.letter"],
                    "property": "signatory",
                    "value": {"type": "entity", "entity_id": signer},
                    "occurred_at": {"value": "2022-11", "precision": "month"},
                    "claimant": {"text": "a copy of the letter shared online"},
                    "confidence": confidence,
                    "citations": [
                        cite(
                            article,
                            self.quote("a handwritten letter signed by Mufti Muzahim"),
                            "paragraph 5",
                        )
                    ],
                },
            )

        # Boolean, on the custom property while it is single-valued.
        for name, value, source in [
            ("polio_true", True, article),
            ("polio_false", False, ids["source.social"]),
        ]:
            self.claim(
                editor,
                name,
                {
                    "statement": (
                        "The police units were protecting a polio vaccination team."
                        if value
                        else "The police units were on a counterterrorism operation, not guarding a polio team."
                    ),
                    "subject_id": attack,
                    "property": "polio_team.protected",
                    "value": {"type": "boolean", "value": value},
                    "confidence": 0.9 if value else 0.1,
                    "citations": [cite(source)],
                },
            )

        # Single-valued time: May 2022 against 2 June 2022; retracting one resolves the flag.
        for name, when in [
            ("talks_may", {"type": "time", "value": "2022-05", "precision": "month"}),
            ("talks_june", {"type": "time", "value": "2022-06-02", "precision": "day"}),
        ]:
            self.claim(
                editor,
                name,
                {
                    "statement": f"The talks in Kabul began on {when['value']}.",
                    "subject_id": ids["entity.talks"],
                    "property": "start_date",
                    "value": when,
                    "confidence": 0.5,
                    "citations": [cite(ids["source.urdu"])],
                },
            )
        api.write(
            "POST",
            "/v1/claims/" + ids["claim.talks_june"] + "/retract",
            editor,
            {"reason": "The date was of a preparatory meeting."},
            if_match=1,
        )

        # A claim whose only source is then withdrawn.
        self.claim(
            editor,
            "withdrawn_source",
            {
                "statement": "Three civilians were killed in the blast.",
                "confidence": 0.2,
                "citations": [cite(ids["source.withdrawn"], locator="table 1")],
            },
        )
        api.write(
            "POST",
            "/v1/sources/" + ids["source.withdrawn"] + "/retract",
            reviewer,
            {"reason": "The agency withdrew the preliminary report."},
            if_match=1,
        )

        # Unstructured claims for manual flags; one created with an Idempotency-Key, replayed.
        body = {
            "statement": "The attack came barely two days after the TTP ended its ceasefire.",
            "occurred_at": day,
            "confidence": 0.75,
            "tags": ["ceasefire"],
            "citations": [
                cite(
                    article,
                    self.quote(
                        "This comes barely two days after the TTP ended their tenuous ceasefire"
                    ),
                ),
                cite(ids["source.urdu"], "جنگ بندی کے خاتمے کے دو دن بعد"),
            ],
        }
        made = self.claim(editor, "two_days", body, key="golden-claim-two-days")
        replay = api.write(
            "POST", "/v1/claims", editor, body, expect=201, key="golden-claim-two-days"
        )
        assert replay == made
        self.claim(
            editor,
            "a_week",
            {
                "statement": "The TTP ended its ceasefire a week before the attack.",
                "confidence": 0.25,
                "citations": [cite(ids["source.social"])],
            },
        )
        self.claim(
            editor,
            "operation",
            {
                "statement": "The police units were undertaking a counterterrorism operation.",
                "confidence": 0.2,
                "citations": [cite(ids["source.social"])],
            },
        )
        self.claim(
            editor,
            "withdrawn_claim",
            {
                "statement": "A second blast followed the first within minutes.",
                "confidence": 0.1,
                "citations": [cite(ids["source.outlet"])],
            },
        )
        api.write(
            "POST",
            "/v1/claims/" + ids["claim.withdrawn_claim"] + "/retract",
            reviewer,
            {"reason": "No other source reports a second blast."},
            if_match=1,
        )

    def flags(self, editor, reviewer):
        api = self.api
        ids = self.ids

        def detected(claim):
            flags = api.get_ok(f"/v1/claims/{ids['claim.' + claim]}/contradictions", editor)[
                "items"
            ]
            if len(flags) != 1:
                raise SystemExit(f"expected one flag on {claim}, found {flags}")
            return flags[0]

        vehicle = detected("vehicle_motorbike")
        api.write(
            "PATCH",
            "/v1/contradictions/" + vehicle["id"],
            reviewer,
            {
                "status": "dismissed",
                "resolution_note": "The article itself says “a motorbike or rickshaw”: the sources do not disagree.",
            },
            if_match=vehicle["revision"],
        )
        signatory = detected("signatory_muzahim")
        api.write(
            "PATCH",
            "/v1/contradictions/" + signatory["id"],
            reviewer,
            {
                "status": "confirmed",
                "resolution_note": "The letter bears Muzahim's signature.",
                "preferred_claim_id": ids["claim.signatory_muzahim"],
                "edit_summary": "read the letter",
            },
            if_match=signatory["revision"],
        )
        ids["flag.vehicle"], ids["flag.signatory"] = vehicle["id"], signatory["id"]
        ids["flag.police"] = detected("police_three")["id"]
        ids["flag.polio"] = detected("polio_true")["id"]
        ids["flag.talks"] = detected("talks_may")["id"]

        body = {
            "claim_ids": [ids["claim.a_week"], ids["claim.two_days"]],
            "note": "Two days or a week?",
        }
        key = "golden-flag-ceasefire"
        made = api.write("POST", "/v1/contradictions", editor, body, expect=201, key=key)
        replay = api.write("POST", "/v1/contradictions", editor, body, expect=201, key=key)
        assert replay == made
        api.write(
            "PATCH",
            "/v1/contradictions/" + made["id"],
            reviewer,
            {
                "status": "confirmed",
                "resolution_note": "The announcement was made on 28 November.",
                "preferred_claim_id": ids["claim.two_days"],
                "edit_summary": "checked the date",
            },
            if_match=1,
        )
        ids["flag.ceasefire"] = made["id"]

        dismissed = api.write(
            "POST",
            "/v1/contradictions",
            editor,
            {
                "claim_ids": [ids["claim.year"], ids["claim.a_week"]],
                "note": "Unclear whether these conflict.",
            },
            expect=201,
        )
        api.write(
            "PATCH",
            "/v1/contradictions/" + dismissed["id"],
            reviewer,
            {"status": "dismissed", "resolution_note": "They are about different things."},
            if_match=1,
        )
        ids["flag.dismissed"] = dismissed["id"]

        reverted = api.write(
            "POST",
            "/v1/contradictions",
            editor,
            {
                "claim_ids": [ids["claim.operation"], ids["claim.polio_true"]],
                "note": "Protecting a polio team, or on an operation?",
            },
            expect=201,
        )
        path = "/v1/contradictions/" + reverted["id"]
        api.write(
            "PATCH",
            path,
            reviewer,
            {
                "status": "confirmed",
                "resolution_note": "DIG Mahesar says they were guarding the team.",
                "preferred_claim_id": ids["claim.polio_true"],
            },
            if_match=1,
        )
        api.write(
            "POST",
            path + "/revert",
            reviewer,
            {"to_revision": 1, "edit_summary": "reopened: the police statement is ambiguous"},
            if_match=2,
        )
        ids["flag.reverted"] = reverted["id"]


# ── recording ────────────────────────────────────────────────────────────────────────────


def parse_instant(text):
    """An RFC 3339 UTC instant as the service writes it, in microseconds since the epoch."""
    if not text.endswith("Z"):
        raise SystemExit(f"not a UTC instant: {text}")
    whole, _, fraction = text[:-1].partition(".")
    seconds = datetime.datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S").replace(
        tzinfo=datetime.timezone.utc
    )
    micros = int((fraction + "000000")[:6]) if fraction else 0
    if fraction and int(fraction[6:] or "0"):
        raise SystemExit(f"finer than a microsecond: {text}")
    return int(seconds.timestamp()) * 1_000_000 + micros


def format_instant(micros):
    seconds, rest = divmod(micros, 1_000_000)
    moment = datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{rest:06d}Z"


class Recorder:
    """GETs as the admin, each kept as {method, path, status, body}."""

    def __init__(self, api, token):
        self.api = api
        self.token = token
        self.requests = []

    def get(self, path):
        response = self.api.call("GET", path, self.token)
        if response.json is None:
            raise SystemExit(f"GET {path} answered {response.status} without JSON: {response.text}")
        body = response.json
        if response.status >= 400:
            body = {"code": body.get("code")}
        self.requests.append(
            {"method": "GET", "path": path, "status": response.status, "body": body}
        )
        return response.status, response.json

    def get_ok(self, path):
        status, body = self.get(path)
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}: {body}")
        return body

    def pages(self, path, limit):
        """Every page of a list, following next_cursor; the items."""
        items, cursor = [], None
        sep = "&" if "?" in path else "?"
        for _ in range(1000):
            url = f"{path}{sep}limit={limit}"
            if cursor:
                url += "&cursor=" + urllib.parse.quote(cursor, safe="")
            body = self.get_ok(url)
            items.extend(body["items"])
            cursor = body.get("next_cursor")
            if not cursor:
                return items
        raise SystemExit(f"{path} did not end")

    def changes(self, limit):
        """The changes feed, page by page, until a page comes back short."""
        items, after = [], None
        for _ in range(10000):
            url = f"/v1/changes?limit={limit}"
            if after:
                url += "&after=" + urllib.parse.quote(after, safe="")
            body = self.get_ok(url)
            items.extend(body["items"])
            after = body["next_cursor"]
            if len(body["items"]) < limit:
                return items
        raise SystemExit("the changes feed did not end")


def record_everything(api, token):
    rec = Recorder(api, token)
    q = urllib.parse.quote
    lists = {
        "claims": "/v1/claims?include_retracted=true",
        "sources": "/v1/sources?include_retracted=true",
        "entities": "/v1/entities?include_retracted=true",
        "properties": "/v1/properties",
        "contradictions": "/v1/contradictions",
        "users": "/v1/users",
    }
    records = {}
    for kind, path in lists.items():
        items = rec.pages(path, 500)
        records[kind] = [item["key"] if kind == "properties" else item["id"] for item in items]
        rec.pages(path, 7)  # the same list again in short pages: the cursors of each kind
    counts = {}
    for kind, ids in records.items():
        revisions_total = 0
        for record_id in ids:
            base = f"/v1/{kind}/{q(record_id, safe='')}"
            rec.get_ok(base)
            rec.get_ok(base + "/revisions")
            revisions = rec.pages(base + "/revisions", 2)
            revisions_total += len(revisions)
            numbers = sorted(r["revision"] for r in revisions)
            if numbers != list(range(1, len(numbers) + 1)):
                raise SystemExit(f"{base}: revisions {numbers}")
            for n in numbers:
                rec.get_ok(f"{base}/revisions/{n}")
                rec.get_ok(f"{base}/revisions/{n}/diff")
            rec.get_ok(f"{base}/revisions/{numbers[-1]}/diff?from=0")
            if len(numbers) > 2:
                rec.get_ok(f"{base}/revisions/{numbers[-1]}/diff?from=1")
            integrity = rec.get_ok(base + "/integrity")
            if not integrity["valid"]:
                raise SystemExit(f"{base}: the release itself finds its chain broken: {integrity}")
            if kind == "claims":
                rec.pages(base + "/contradictions", 500)
            if KINDS[kind]:
                times = [
                    parse_instant(r["created_at"])
                    for r in sorted(revisions, key=lambda r: r["revision"])
                ]
                instants = [times[0] - 1]
                for i, t in enumerate(times):
                    instants.append(t)
                    if i + 1 < len(times):
                        if times[i + 1] - t < 2:
                            raise SystemExit(
                                f"{base}: revisions {i + 1} and {i + 2} are too close in time"
                            )
                        instants.append((t + times[i + 1]) // 2)
                for instant in instants:
                    status, _ = rec.get(f"{base}?as_of={q(format_instant(instant), safe='')}")
                    if (status == 404) != (instant < times[0]):
                        raise SystemExit(f"{base} as of {format_instant(instant)}: {status}")
        counts[kind] = {"records": len(ids), "revisions": revisions_total}

    # Lists with filters and searches: what the search columns and indexes hold.
    for path in [
        "/v1/claims?limit=500",
        "/v1/claims?q=" + q("police truck"),
        "/v1/claims?q=" + q("پولیس"),
        "/v1/claims?q=" + q("Serena") + "&include_retracted=true",
        "/v1/claims?tag=" + q("Quetta-2022-11-30"),
        "/v1/claims?verdict=verified",
        "/v1/claims?has_open_contradictions=true&include_retracted=true&limit=500",
        "/v1/claims?occurred_from=2022-11&occurred_to=2022-11-30&sort=occurred_at&limit=500",
        "/v1/claims?sort=-confidence&min_confidence=0.5&limit=500",
        "/v1/claims?property=fatalities.police&include_retracted=true",
        "/v1/sources?limit=500",
        "/v1/sources?q=" + q("کوئٹہ"),
        "/v1/sources?reliability=B&include_retracted=true",
        "/v1/entities?limit=500",
        "/v1/entities?q=" + q("Baleli attack"),
        "/v1/entities?kind=person&include_retracted=true",
        "/v1/contradictions?status=open&limit=500",
        "/v1/contradictions?origin=manual&limit=500",
        "/v1/tokens?limit=500",
        "/v1/me",
    ]:
        rec.get_ok(path)
    feed = rec.changes(100)
    counts["changes"] = {"items": len(feed)}
    return rec.requests, counts


# ── a backend end to end ─────────────────────────────────────────────────────────────────


def run_backend(args, backend, article, workdir):
    if backend == "sqlite":
        database_url = os.path.join(workdir, "data", "claimledger.db")
        pg = None
    else:
        name = f"claimledger_golden_{os.getpid()}_{int(time.time())}"
        psql(args.postgres_admin_url, f"CREATE DATABASE {name}")
        database_url = replace_database(args.postgres_admin_url, name)
        pg = name
    try:
        server = Server(args.binary, database_url, workdir)
        log(f"{backend}: first start (creates the admin)")
        server.start()
        server.stop()
        seed_stdout = server.run("seed", "--demo")
        log(f"{backend}: {seed_stdout.strip()}")
        api = server.start()
        scenario = Scenario(api, article)
        scenario.run()
        log(f"{backend}: scenario written; recording")
        token = api.login("admin", ADMIN_PASSWORD)
        requests, counts = record_everything(api, token)
        server.stop()
        verify_stdout = server.run("verify")
        log(f"{backend}: {verify_stdout.strip()}")
        expected = {
            "written_by": {"commit": args.commit, "release": args.release},
            "backend": backend,
            "seed_stdout": seed_stdout,
            "verify_stdout": verify_stdout,
            "revert_targets": {
                "claims": scenario.ids["claim.injured"],
                "sources": scenario.ids["source.outlet"],
                "entities": scenario.ids["entity.place"],
                "properties": scenario.ids["property"],
                "contradictions": scenario.ids["flag.ceasefire"],
            },
            "ids": scenario.ids,
            "counts": counts,
            "requests": requests,
        }
        write_expected(os.path.join(args.out, f"expected-{backend}.json"), expected)
        if backend == "sqlite":
            store_sqlite(database_url, args.out)
        else:
            store_postgres(database_url, args.out)
        return counts, len(requests)
    finally:
        if pg:
            psql(args.postgres_admin_url, f"DROP DATABASE IF EXISTS {pg} WITH (FORCE)")


def write_expected(path, expected):
    """Pretty JSON, except that each recorded request is one line (smaller, and a diff of two
    fixtures shows which requests differ)."""
    head = {k: v for k, v in expected.items() if k != "requests"}
    text = json.dumps(head, ensure_ascii=False, indent=1)
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in expected["requests"]]
    text = (
        text[: text.rindex("}")].rstrip() + ',\n "requests": [\n' + ",\n".join(lines) + "\n ]\n}\n"
    )
    json.loads(text)  # still one valid document
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def store_sqlite(path, out):
    conn = sqlite3.connect(path)
    busy, wal_pages, moved = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    conn.close()
    if busy:
        raise SystemExit("the WAL checkpoint was blocked")
    for suffix in ("-wal", "-shm"):
        leftover = path + suffix
        if os.path.exists(leftover) and os.path.getsize(leftover) > 0:
            raise SystemExit(f"{leftover} is not empty after the checkpoint")
    shutil.copyfile(path, os.path.join(out, "claimledger.sqlite.golden"))
    # The keys are fixed by the environment, so none should have been generated.
    for name in ("jwt-secret", "ledger-key"):
        generated = os.path.join(os.path.dirname(path), name)
        if os.path.exists(generated):
            log(f"warning: the release generated {name}; kept beside the fixture")
            shutil.copyfile(generated, os.path.join(out, name))


def store_postgres(url, out):
    dump = subprocess.run(
        [
            "pg_dump",
            "--column-inserts",
            "--no-owner",
            "--no-privileges",
            "--quote-all-identifiers",
            "--dbname",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # pg_dump 15.14+ brackets a plain dump in psql meta-commands (`\restrict KEY` /
    # `\unrestrict KEY`) with a random key; they are not SQL, and the key changes every run.
    lines = [line for line in dump.splitlines() if not line.startswith("\\")]
    with open(os.path.join(out, "postgres.sql"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def psql(admin_url, sql):
    subprocess.run(["psql", admin_url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True)


def replace_database(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


# ── README ───────────────────────────────────────────────────────────────────────────────


def write_readme(args, results, command):
    today = datetime.date.today().isoformat()
    lines = [
        f"# Golden fixtures {os.path.basename(os.path.normpath(args.out))}",
        "",
        f"Written by claimledger at commit {args.commit} ({args.release}), on {today}, with:",
        "",
        "```sh",
        command,
        "```",
        "",
        "`tests/golden/make_fixture.py` says how they are made; `tests/api/golden.rs` opens them with",
        "the code under test and checks that every recorded answer is still the same. Never edit or",
        "regenerate these files: they stand for databases that exist in the field. A newer",
        "release writes its own fixtures into a new folder (v2, …) beside this one.",
        "",
        "| file | what |",
        "| --- | --- |",
    ]
    if "sqlite" in results:
        lines.append(
            "| `claimledger.sqlite.golden` | the SQLite database file (WAL checkpointed into it); the test copies it to `claimledger.db` |"
        )
    if "postgres" in results:
        lines.append(
            "| `postgres.sql` | `pg_dump --column-inserts --no-owner --no-privileges --quote-all-identifiers` of the PostgreSQL database, psql meta-commands removed |"
        )
    for backend in results:
        lines.append(
            f"| `expected-{backend}.json` | what the release answered on {backend}: every request with its status and body, plus the output of `claimledger verify` |"
        )
    lines += [
        "",
        "Keys (as in tests/api/helpers.rs): `CLAIMLEDGER_JWT_SECRET=" + JWT_SECRET + "`,",
        "`CLAIMLEDGER_LEDGER_KEY=" + LEDGER_KEY + "`; the user `admin` has the password",
        f"`{ADMIN_PASSWORD}`, and the other users `<username>-password` (`viewer`'s was changed to",
        "`viewer-password-changed`).",
        "",
        "## The scenario",
        "",
        "`claimledger seed --demo` (the demo dataset), then through the HTTP API:",
        "",
        "- users: an admin creates `editor`, `reviewer`, `viewer` and `analyst`; `analyst` is promoted",
        "  to editor (with an edit summary), disabled, enabled, and loses its display name (null);",
        "  `viewer`'s password is changed;",
        "- tool tokens: an editor's importer token (used to create a source), an admin's viewer token,",
        "  and an admin's token that is revoked;",
        "- sources: an outlet's article (created with an Idempotency-Key and replayed; edited with an",
        "  edit summary, edited again, retracted with a reason, restored, reverted to revision 1), an",
        "  Urdu article (title and publisher in Urdu, with the article's curly quotes ‘…’ “…”), a",
        "  police statement, a social post made with the tool token, a report retracted for good;",
        "- entities: an event with aliases (one in Urdu), a place (edited with an edit summary,",
        "  retracted, restored, reverted to revision 1), a letter, a person, an event for talks;",
        "- a property `polio_team.protected` (boolean; created with an Idempotency-Key and replayed;",
        "  label and single_valued changed; reverted to revision 1 after claims were flagged on it);",
        "- claims: police fatalities 1 against 3 (flag detected), the 3 edited to 1–3 (flag",
        "  auto-resolved) then to 3–4 (flag reopened); an injured claim with every field (event time",
        "  to the minute, place, claimed_at, claimant entity and text, credibility, tags, three",
        "  citations with quote, locator and url, one in Urdu) that is edited, given a verdict with a",
        "  note, retracted, restored, reverted to revision 1 and edited again; event times by year,",
        "  month and day; single-valued text (`vehicle`), entity (`signatory`), boolean and time",
        "  (`start_date`) conflicts, detected; one of the time pair retracted (flag resolved); a claim",
        "  whose only source is retracted; a claim created with an Idempotency-Key and replayed; a",
        "  retracted claim;",
        "- contradiction flags: the detected `vehicle` flag dismissed and `signatory` flag confirmed",
        "  with a preferred claim; manual flags with notes: one (created with an Idempotency-Key and",
        "  replayed) confirmed with a resolution note, a preferred claim and an edit summary, one",
        "  dismissed, one confirmed then reverted to revision 1.",
        "",
        "Every write is followed by a short pause, so `as_of` instants between revisions are",
        "unambiguous.",
        "",
        "## Counts",
        "",
    ]
    for backend, (counts, requests) in results.items():
        lines.append(f"{backend}: {requests} recorded requests.")
        lines.append("")
        lines.append("| kind | records | revisions |")
        lines.append("| --- | --- | --- |")
        for kind in KINDS:
            lines.append(f"| {kind} | {counts[kind]['records']} | {counts[kind]['revisions']} |")
        lines.append(f"| changes feed | | {counts['changes']['items']} items |")
        lines.append("")
    with open(os.path.join(args.out, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, help="the claimledger binary of the release")
    parser.add_argument("--out", required=True, help="the folder to write, e.g. tests/golden/v1")
    parser.add_argument(
        "--postgres-admin-url",
        help="also write PostgreSQL fixtures (a scratch database is created under this URL)",
    )
    parser.add_argument("--commit", default="47b870e", help="the commit the binary was built from")
    parser.add_argument(
        "--release",
        default="release 0.1.0, before the record engine",
        help="what to call that release in the README",
    )
    parser.add_argument(
        "--article", default=DEFAULT_ARTICLE, help="the article quotes are taken from"
    )
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)
    command = "python3 tests/golden/make_fixture.py " + shlex.join(sys.argv[1:])
    with open(args.article, encoding="utf-8") as f:
        article = f.read()
    os.makedirs(args.out, exist_ok=True)
    backends = ["sqlite"] + (["postgres"] if args.postgres_admin_url else [])
    results = {}
    for backend in backends:
        with tempfile.TemporaryDirectory(prefix=f"claimledger-golden-{backend}-") as workdir:
            results[backend] = run_backend(args, backend, article, workdir)
        counts, requests = results[backend]
        log(f"{backend}: {requests} requests recorded; {json.dumps(counts)}")
    write_readme(args, results, command)


if __name__ == "__main__":
    main()
