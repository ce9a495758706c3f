import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import type { TestDatabase } from "@/db/testing";
import { openApiDocument } from "./openapi";
import { createApiToken, revokeApiToken } from "@/lib/api-tokens/service";
import type { Viewer } from "@/lib/auth/viewer";
import { toDisclosureInput } from "@/lib/disclosures/rows";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import * as single from "@/app/api/v1/disclosures/[id]/route";
import * as withdraw from "@/app/api/v1/disclosures/[id]/withdraw/route";
import * as collection from "@/app/api/v1/disclosures/route";

let test: TestDatabase;
let manager: Viewer;
let tokens: { full: string; readOnly: string; submitOnly: string; otherOrg: string };

beforeAll(async () => {
  test = await openDemoDatabase();
  manager = await viewerFor(test.db, "manager@idva.example");
  const policeManager = await viewerFor(test.db, "manager@police.example");
  const make = async (viewer: Viewer, scopes: ("submit" | "read")[]) => (await createApiToken(viewer, { name: `Case system ${scopes.join("+")}`, scopes, expiresInDays: 30 })).token;
  tokens = {
    full: await make(manager, ["submit", "read"]),
    readOnly: await make(manager, ["read"]),
    submitOnly: await make(manager, ["submit"]),
    otherOrg: await make(policeManager, ["submit", "read"]),
  };
});
afterAll(async () => {
  await test?.close();
});

let seed = 100;
function validBody(overrides: Record<string, unknown> = {}) {
  seed += 1;
  const [record] = generateDisclosures({ seed, count: 1, partnerType: "idva_service", ladCodes: ["E08000035"], months: ["2026-05"] });
  return { ...toDisclosureInput(record!.disclosure, record!.threatAreas), ...overrides };
}

function request(path: string, init: { token?: string; method?: string; body?: unknown; rawBody?: string; contentType?: string; authorization?: string } = {}) {
  const headers = new Headers();
  if (init.authorization !== undefined) headers.set("authorization", init.authorization);
  else if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  if (body !== undefined) headers.set("content-type", init.contentType ?? "application/json");
  return new Request(`http://portal.test${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
}

const noParams = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

async function submit(token: string, body: unknown = validBody()) {
  return collection.POST(request("/api/v1/disclosures", { token, body }), noParams);
}

describe("authentication", () => {
  it.each([
    ["no header", undefined],
    ["an empty bearer", "Bearer"],
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["an unknown token", "Bearer vawg_doesnotexistdoesnotexist"],
    ["a token with spaces", "Bearer vawg_ab cd"],
  ])("answers %s with 401 problem+json and a WWW-Authenticate challenge", async (_name, authorization) => {
    const response = await collection.GET(request("/api/v1/disclosures", { authorization: authorization ?? "" }), noParams);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await response.json()).toMatchObject({ status: 401, title: "Unauthenticated" });
  });

  it("refuses a revoked token at once, and an expired one", async () => {
    const { id, token } = await createApiToken(manager, { name: "Soon revoked", scopes: ["read"], expiresInDays: 1 });
    expect((await collection.GET(request("/api/v1/disclosures", { token }), noParams)).status).toBe(200);
    await revokeApiToken(manager, id);
    expect((await collection.GET(request("/api/v1/disclosures", { token }), noParams)).status).toBe(401);
    const expired = await createApiToken(manager, { name: "Expired", scopes: ["read"], expiresInDays: 1 });
    await test.db.update(t.apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(t.apiTokens.id, expired.id));
    expect((await collection.GET(request("/api/v1/disclosures", { token: expired.token }), noParams)).status).toBe(401);
  });

  it("refuses a token once its creator is suspended, leaves the organisation, or the organisation is suspended", async () => {
    const { token } = await createApiToken(manager, { name: "Creator checked", scopes: ["read"], expiresInDays: 1 });
    const answer = async () => (await collection.GET(request("/api/v1/disclosures", { token }), noParams)).status;
    const user = eq(t.users.id, manager.userId);
    const organisation = eq(t.organisations.id, manager.organisation.id);
    const member = and(eq(t.memberships.userId, manager.userId), eq(t.memberships.orgId, manager.organisation.id));
    const [membership] = await test.db.select().from(t.memberships).where(member);
    expect(await answer()).toBe(200);
    try {
      await test.db.update(t.users).set({ status: "suspended" }).where(user);
      expect(await answer()).toBe(401);
      await test.db.update(t.users).set({ status: "active" }).where(user);
      await test.db.update(t.organisations).set({ status: "suspended" }).where(organisation);
      expect(await answer()).toBe(401);
      await test.db.update(t.organisations).set({ status: "active" }).where(organisation);
      await test.db.delete(t.memberships).where(member);
      expect(await answer()).toBe(401);
    } finally {
      await test.db.update(t.users).set({ status: "active" }).where(user);
      await test.db.update(t.organisations).set({ status: "active" }).where(organisation);
      await test.db.insert(t.memberships).values(membership!).onConflictDoNothing();
    }
    expect(await answer()).toBe(200);
  });

  it("stores only a hash of each token, and records when it was last used", async () => {
    const rows = await test.db.select().from(t.apiTokens);
    expect(rows.length).toBeGreaterThanOrEqual(Object.keys(tokens).length);
    for (const row of rows) expect(Object.values(tokens)).not.toContain(row.tokenHash);
    await collection.GET(request("/api/v1/disclosures", { token: tokens.readOnly }), noParams);
    const [used] = await test.db.select().from(t.apiTokens).where(eq(t.apiTokens.name, "Case system read"));
    expect(used!.lastUsedAt).not.toBeNull();
  });

  it("holds each token to its scopes", async () => {
    expect((await submit(tokens.readOnly)).status).toBe(403);
    expect((await collection.GET(request("/api/v1/disclosures", { token: tokens.submitOnly }), noParams)).status).toBe(403);
  });
});

describe("submitting", () => {
  it("accepts a valid disclosure with 201 and its location, and reads it back", async () => {
    const response = await submit(tokens.full);
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(response.headers.get("location")).toBe(`/api/v1/disclosures/${id}`);
    const read = await single.GET(request(`/api/v1/disclosures/${id}`, { token: tokens.full }), withId(id));
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id, version: 1, status: "submitted", answers: { lad_code: "E08000035" } });
  });

  it("refuses bad input with 400 and the path of every bad field", async () => {
    const response = await submit(tokens.full, validBody({ disclosure_month: "2099-01", victim_age_band: "9-10", org_id: "someone-else" }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors.map((error) => error.path).sort()).toEqual(expect.arrayContaining(["disclosure_month", "org_id", "victim_age_band"]));
  });

  it("refuses free text that looks like personal data, naming the kind but not the text", async () => {
    const response = await submit(tokens.full, validBody({ context: "Lives at 14 Acacia Avenue with her children" }));
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain("street address");
    expect(text).not.toContain("Acacia");
  });

  it.each([
    ["text/plain", 415, "application/json"],
    ["a body over 64 KB", 413, `{"context":"${"a".repeat(70_000)}"}`],
    ["malformed JSON", 400, "{not json"],
  ])("answers %s with %i", async (_name, status, raw) => {
    const contentType = status === 415 ? "text/plain" : "application/json";
    const rawBody = status === 415 ? JSON.stringify(validBody()) : raw;
    const response = await collection.POST(request("/api/v1/disclosures", { token: tokens.full, rawBody, contentType }), noParams);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("refuses a partner reference already used with 409", async () => {
    expect((await submit(tokens.full, validBody({ partner_reference: "CMS-77" }))).status).toBe(201);
    const again = await submit(tokens.full, validBody({ partner_reference: "CMS-77" }));
    expect(again.status).toBe(409);
  });
});

describe("reading and withdrawing", () => {
  it("pages through the organisation's disclosures with a cursor, and refuses a forged cursor", async () => {
    for (let index = 0; index < 3; index++) await submit(tokens.full);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/disclosures?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const response = await collection.GET(request(path, { token: tokens.full }), noParams);
      const page = (await response.json()) as { data: { id: string }[]; next_cursor: string | null };
      seen.push(...page.data.map((item) => item.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen).size).toBe(seen.length);
    const forged = await collection.GET(request("/api/v1/disclosures?cursor=bm9wZQ", { token: tokens.full }), noParams);
    expect(forged.status).toBe(400);
  });

  it("withdraws with a reason, and another organisation's token finds nothing", async () => {
    const { id } = (await (await submit(tokens.full)).json()) as { id: string };
    expect((await single.GET(request(`/api/v1/disclosures/${id}`, { token: tokens.otherOrg }), withId(id))).status).toBe(404);
    const foreign = await withdraw.POST(request(`/api/v1/disclosures/${id}/withdraw`, { token: tokens.otherOrg, body: { reason: "Not ours" } }), withId(id));
    expect(foreign.status).toBe(404);
    const own = await withdraw.POST(request(`/api/v1/disclosures/${id}/withdraw`, { token: tokens.full, body: { reason: "Duplicate of another case" } }), withId(id));
    expect(own.status).toBe(200);
    const read = await single.GET(request(`/api/v1/disclosures/${id}`, { token: tokens.full }), withId(id));
    expect(await read.json()).toMatchObject({ status: "withdrawn", withdrawn_reason: "Duplicate of another case" });
  });
});

describe("the OpenAPI document", () => {
  it("describes the submission with the same fields the schema accepts, and none the server owns", () => {
    const document = openApiDocument();
    expect(document.openapi).toBe("3.1.0");
    const input = document.components.schemas.DisclosureInput as { properties: Record<string, unknown>; additionalProperties?: unknown };
    expect(Object.keys(input.properties)).toEqual(expect.arrayContaining(["disclosure_month", "threat_areas", "lad_code", "context", "partner_reference"]));
    expect(Object.keys(input.properties)).not.toContain("org_id");
    expect(Object.keys(input.properties)).not.toContain("force_area_code");
    expect(input.additionalProperties).toBe(false);
    expect(Object.keys(document.paths)).toEqual([
      "/api/v1/disclosures",
      "/api/v1/disclosures/{id}",
      "/api/v1/shared-disclosures",
      "/api/v1/insights/{view}",
      "/api/v1/recorded-crime-returns",
      "/api/v1/disclosures/{id}/withdraw",
    ]);
  });
});
