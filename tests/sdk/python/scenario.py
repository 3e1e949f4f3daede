"""The newsroom workflow, driven by a client generated with openapi-python-client.

    openapi-python-client generate --path openapi/openapi.json \
        --output-path tests/sdk/python/generated/claimledger_client --meta none
    PYTHONPATH=tests/sdk/python/generated python tests/sdk/python/scenario.py URL USER PASSWORD

Exits non-zero on the first expectation that does not hold.
"""

import sys
import uuid

from claimledger_client import AuthenticatedClient, Client
from claimledger_client.api.auth import create_token
from claimledger_client.api.claims import (
    create_claim,
    diff_claim_revisions,
    get_claim,
    get_claim_revision,
    list_claim_revisions,
    list_claims,
    update_claim,
)
from claimledger_client.api.contradictions import list_claim_contradictions
from claimledger_client.api.entities import create_entity
from claimledger_client.api.sources import create_source, update_source
from claimledger_client.models import (
    ClaimDoc,
    ClaimPatchRequest,
    ClaimSnapshot,
    EntityDoc,
    LoginRequest,
    PatchOp,
    QuantityValue,
    SourceDoc,
    SourcePatchRequest,
    TimeValue,
    ValidationProblem,
)
from claimledger_client.models.precision import Precision
from claimledger_client.models.quantity_value_type import QuantityValueType


def expect(condition, what):
    if not condition:
        print(f"FAILED: {what}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {what}")


def main(base_url, username, password):
    run = uuid.uuid4().hex[:8]  # keeps the scenario repeatable against one database

    # Log in.
    login = create_token.sync_detailed(
        client=Client(base_url=base_url),
        body=LoginRequest(username=username, password=password),
    )
    expect(login.status_code == 200, "log in")
    api = AuthenticatedClient(base_url=base_url, token=login.parsed.access_token)

    # A source and an event to make claims about.
    source = create_source.sync_detailed(
        client=api,
        idempotency_key=f"sdk-python-source-{run}",
        body=SourceDoc.from_dict(
            {
                "kind": "article",
                "title": f"Afghan Taliban, TTP And Pakistan: The Undeniable Nexus ({run})",
                "publisher": "Eurasia Review",
                "reliability": "C",
            }
        ),
    )
    expect(source.status_code == 201, "create a source")
    source_id = source.parsed.id
    event = create_entity.sync_detailed(
        client=api,
        idempotency_key=f"sdk-python-entity-{run}",
        body=EntityDoc.from_dict(
            {"kind": "event", "name": f"Quetta police truck bombing, 30 November 2022 ({run})"}
        ),
    )
    expect(event.status_code == 201, "create an entity")
    event_id = event.parsed.id

    # Two structured claims that cannot both be true: at least 20 injured, and exactly 15.
    def claim(statement, lower, upper, quote):
        response = create_claim.sync_detailed(
            client=api,
            body=ClaimDoc.from_dict(
                {
                    "statement": statement,
                    "subject_id": event_id,
                    "property": "injured",
                    "value": {"type": "quantity", "lower": lower, "upper": upper, "unit": "people"},
                    "occurred_at": {"value": "2022-11-30", "precision": "day"},
                    "confidence": 0.7,
                    "citations": [{"source_id": source_id, "quote": quote}],
                    "tags": [f"sdk-{run}"],
                }
            ),
        )
        expect(response.status_code == 201, f"create the claim {statement!r}")
        return response.parsed

    at_least = claim(f"At least 20 people were injured ({run}).", 20, None, "at least 20 injured")
    exactly = claim(f"Exactly 15 people were injured ({run}).", 15, 15, "15 people were injured")

    # The value reads back as its named variant of the union, and one can be built as such.
    expect(isinstance(exactly.value, QuantityValue), "a quantity reads back as a QuantityValue")
    expect((exactly.value.lower, exactly.value.upper) == (15, 15), "with its bounds")
    typed = create_claim.sync_detailed(
        client=api,
        body=ClaimDoc(
            statement=f"At least one police officer was killed ({run}).",
            subject_id=event_id,
            property_="fatalities.police",
            value=QuantityValue(type_=QuantityValueType.QUANTITY, lower=1, upper=None, unit="people"),
            occurred_at=TimeValue(value="2022-11-30", precision=Precision.DAY),
            confidence=0.8,
            citations=[],
        ),
    )
    expect(typed.status_code == 422, "a claim without citations is refused")
    expect(isinstance(typed.parsed, ValidationProblem), "the 422 parses as a ValidationProblem")
    expect(any(e.pointer == "/citations" for e in typed.parsed.errors), "its errors name /citations")

    # The contradiction was detected on write.
    flags = list_claim_contradictions.sync_detailed(exactly.id, client=api)
    expect(flags.status_code == 200, "list the flags of a claim")
    expect(
        any(set(f.claim_ids) == {at_least.id, exactly.id} for f in flags.parsed.items),
        "the two claims are flagged as contradicting",
    )
    read = get_claim.sync_detailed(exactly.id, client=api)
    expect(read.status_code == 200, "read the claim")
    expect(len(read.parsed.open_contradiction_ids) == 1, "the claim shows its open flag")
    etag = read.headers["etag"]

    # Edit with If-Match; the same stale ETag again is 412.
    edited = update_claim.sync_detailed(
        exactly.id,
        client=api,
        if_match=etag,
        body=ClaimPatchRequest(confidence=0.4, edit_summary="second source disagrees"),
    )
    expect(edited.status_code == 200, "edit the claim with If-Match")
    expect(edited.parsed.revision == 2, "the edit made revision 2")
    stale = update_claim.sync_detailed(
        exactly.id,
        client=api,
        if_match=etag,
        body=ClaimPatchRequest(confidence=0.3),
    )
    expect(stale.status_code == 412, "a stale If-Match is 412")
    expect(stale.parsed.code == "stale_revision", "the 412 says stale_revision")
    expect(stale.parsed.current_revision == 2, "the 412 says where the claim is now")

    # A typed patch clears an optional field with None... and a source takes one too.
    renamed = update_source.sync_detailed(
        source_id,
        client=api,
        if_match='"1"',
        body=SourcePatchRequest(publisher=None, edit_summary="publisher unknown after all"),
    )
    expect(renamed.status_code == 200, "edit a source with a typed patch")
    expect(renamed.parsed.publisher is None, "None cleared the publisher")

    # Read the claim as of the edit's own time: the edit.
    then = get_claim.sync_detailed(exactly.id, client=api, as_of=edited.parsed.updated_at)
    expect(then.status_code == 200 and then.parsed.revision == 2, "as_of = updated_at reads it")

    # History and a diff.
    history = list_claim_revisions.sync_detailed(exactly.id, client=api)
    expect(history.status_code == 200, "read the history")
    expect([r.revision for r in history.parsed.items] == [2, 1], "two revisions, newest first")
    diff = diff_claim_revisions.sync_detailed(exactly.id, 2, client=api)
    expect(diff.status_code == 200, "diff revision 2 against 1")
    expect(
        any(op.path == "/confidence" and op.op == PatchOp.REPLACE for op in diff.parsed.operations),
        "the diff shows the confidence change as a typed operation",
    )
    first = get_claim_revision.sync_detailed(exactly.id, 1, client=api)
    expect(first.status_code == 200, "read revision 1")
    expect(isinstance(first.parsed.snapshot, ClaimSnapshot), "its snapshot is a ClaimSnapshot")
    expect(first.parsed.snapshot.confidence == 0.7, "as it was")

    # Search.
    found = list_claims.sync_detailed(client=api, q=f"injured {run}")
    expect(found.status_code == 200, "search with q")
    expect({c.id for c in found.parsed.items} == {at_least.id, exactly.id}, "search finds both claims")

    # Page through a list with cursors, one claim per page.
    seen, cursor = [], None
    while True:
        kwargs = {"cursor": cursor} if cursor else {}
        page = list_claims.sync_detailed(client=api, tag=f"sdk-{run}", limit=1, **kwargs)
        expect(page.status_code == 200, f"page {len(seen) + 1} of the tagged claims")
        seen.extend(c.id for c in page.parsed.items)
        cursor = page.parsed.next_cursor
        if not cursor:
            break
    expect(sorted(seen) == sorted([at_least.id, exactly.id]), "the pages hold both claims once")
    print("python SDK scenario: all expectations held")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: scenario.py BASE_URL USERNAME PASSWORD")
    main(*sys.argv[1:])
