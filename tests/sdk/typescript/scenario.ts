// The newsroom workflow, driven by a client built from openapi/openapi.json with
// openapi-typescript (types) and openapi-fetch (calls), type-checked by tsc:
//   npm ci && npm run generate && npm run build && node generated/dist/scenario.js URL USER PASSWORD
// Exits non-zero on the first expectation that does not hold.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

type Claim = components["schemas"]["ClaimResponse"];

function expect(condition: unknown, what: string): asserts condition {
  if (!condition) {
    console.error(`FAILED: ${what}`);
    process.exit(1);
  }
  console.log(`ok: ${what}`);
}

async function main(baseUrl: string, username: string, password: string): Promise<void> {
  const run = Math.random().toString(16).slice(2, 10); // repeatable against one database

  const anonymous = createClient<paths>({ baseUrl });
  const login = await anonymous.POST("/v1/auth/token", { body: { username, password } });
  expect(login.data, "log in");
  // The media types this client reads: JSON, and problems. `GET /v1/claims` also answers
  // `text/csv` (on `Accept: text/csv`); without this, its response type is `Page | string`.
  const api = createClient<paths, "application/json" | "application/problem+json">({
    baseUrl,
    headers: { Authorization: `Bearer ${login.data.access_token}` },
  });

  const source = await api.POST("/v1/sources", {
    params: { header: { "Idempotency-Key": `sdk-ts-source-${run}` } },
    body: {
      kind: "article",
      title: `Afghan Taliban, TTP And Pakistan: The Undeniable Nexus (${run})`,
      publisher: "Eurasia Review",
      reliability: "C",
    },
  });
  expect(source.response.status === 201 && source.data, "create a source");
  const sourceId = source.data.id;
  const event = await api.POST("/v1/entities", {
    params: { header: { "Idempotency-Key": `sdk-ts-entity-${run}` } },
    body: { kind: "event", name: `Quetta police truck bombing, 30 November 2022 (${run})` },
  });
  expect(event.response.status === 201 && event.data, "create an entity");
  const eventId = event.data.id;

  async function claim(statement: string, lower: number, upper: number | null, quote: string): Promise<Claim> {
    const created = await api.POST("/v1/claims", {
      params: { header: {} },
      body: {
        statement,
        subject_id: eventId,
        property: "injured",
        value: { type: "quantity", lower, upper, unit: "people" },
        occurred_at: { value: "2022-11-30", precision: "day" },
        confidence: 0.7,
        citations: [{ source_id: sourceId, quote }],
        tags: [`sdk-${run}`],
      },
    });
    expect(created.response.status === 201 && created.data, `create the claim "${statement}"`);
    return created.data;
  }
  const atLeast = await claim(`At least 20 people were injured (${run}).`, 20, null, "at least 20 injured");
  const exactly = await claim(`Exactly 15 people were injured (${run}).`, 15, 15, "15 people were injured");

  // The value is a discriminated union: narrowing on `type` gives the variant's fields.
  const value = exactly.value;
  expect(value?.type === "quantity" && value.lower === 15 && value.upper === 15, "a quantity value narrows to its bounds");

  const flags = await api.GET("/v1/claims/{id}/contradictions", { params: { path: { id: exactly.id } } });
  expect(flags.data, "list the flags of a claim");
  expect(
    flags.data.items.some((f) => f.claim_ids.includes(atLeast.id) && f.claim_ids.includes(exactly.id)),
    "the two claims are flagged as contradicting",
  );
  const read = await api.GET("/v1/claims/{id}", { params: { path: { id: exactly.id } } });
  expect(read.data, "read the claim");
  expect(read.data.open_contradiction_ids.length === 1, "the claim shows its open flag");
  const etag = read.response.headers.get("etag");
  expect(etag, "the read carries an ETag");

  const edited = await api.PATCH("/v1/claims/{id}", {
    params: { path: { id: exactly.id }, header: { "If-Match": etag } },
    body: { confidence: 0.4, edit_summary: "second source disagrees" },
  });
  expect(edited.data?.revision === 2, "edit the claim with If-Match (revision 2)");
  const stale = await api.PATCH("/v1/claims/{id}", {
    params: { path: { id: exactly.id }, header: { "If-Match": etag } },
    body: { confidence: 0.3 },
  });
  expect(stale.response.status === 412, "a stale If-Match is 412");
  expect(stale.error?.code === "stale_revision", "the 412 says stale_revision");
  expect(
    stale.error && "current_revision" in stale.error && stale.error.current_revision === 2,
    "the 412 says where the claim is now",
  );
  // The patch body is a named type: a misspelt field does not compile. (openapi-fetch's `body`
  // parameter itself skips excess-property checks, so the check is on the SDK's type.)
  // @ts-expect-error `confidance` is not a field of ClaimPatchRequest
  const misspeltPatch: components["schemas"]["ClaimPatchRequest"] = { confidance: 0.3 };
  const misspelt = await api.PATCH("/v1/claims/{id}", {
    params: { path: { id: exactly.id }, header: { "If-Match": '"2"' } },
    body: misspeltPatch,
  });
  expect(misspelt.response.status === 422, "the server refuses it too (422)");
  expect(
    misspelt.error && "errors" in misspelt.error && misspelt.error.errors.some((e) => e.pointer === "/confidance"),
    "the 422's errors name /confidance",
  );

  // A JavaScript Date keeps milliseconds: the edit's updated_at through a Date reads the edit.
  const updatedAt = new Date(edited.data.updated_at).toISOString();
  const then = await api.GET("/v1/claims/{id}", {
    params: { path: { id: exactly.id }, query: { as_of: updatedAt } },
  });
  expect(then.data?.revision === 2, `as_of=${updatedAt} (milliseconds) reads revision 2`);

  const history = await api.GET("/v1/claims/{id}/revisions", { params: { path: { id: exactly.id } } });
  expect(history.data, "read the history");
  expect(history.data.items.map((r) => r.revision).join(",") === "2,1", "two revisions, newest first");
  const diff = await api.GET("/v1/claims/{id}/revisions/{n}/diff", {
    params: { path: { id: exactly.id, n: 2 } },
  });
  expect(diff.data, "diff revision 2 against 1");
  expect(
    diff.data.operations.some((op) => op.path === "/confidence" && op.op === "replace"),
    "the diff shows the confidence change as a typed operation",
  );
  const first = await api.GET("/v1/claims/{id}/revisions/{n}", {
    params: { path: { id: exactly.id, n: 1 } },
  });
  expect(first.data?.snapshot.confidence === 0.7, "revision 1's typed snapshot shows the old confidence");

  const found = await api.GET("/v1/claims", { params: { query: { q: `injured ${run}` } } });
  expect(found.data, "search with q");
  expect(
    found.data.items.map((c) => c.id).sort().join() === [atLeast.id, exactly.id].sort().join(),
    "search finds both claims",
  );

  const seen: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await api.GET("/v1/claims", { params: { query: { tag: `sdk-${run}`, limit: 1, cursor } } });
    expect(page.data, `page ${seen.length + 1} of the tagged claims`);
    seen.push(...page.data.items.map((c) => c.id));
    if (!page.data.next_cursor) break;
    cursor = page.data.next_cursor;
  }
  expect(seen.sort().join() === [atLeast.id, exactly.id].sort().join(), "the pages hold both claims once");
  console.log("typescript SDK scenario: all expectations held");
}

const [baseUrl, username, password] = process.argv.slice(2);
if (!baseUrl || !username || !password) {
  console.error("usage: node generated/dist/scenario.js BASE_URL USERNAME PASSWORD");
  process.exit(2);
}
await main(baseUrl, username, password);
