import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import { createApiToken } from "@/lib/api-tokens/service";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import * as shared from "@/app/api/v1/shared-disclosures/route";
import { openApiDocument } from "./openapi";

let test: TestDatabase;
let tokens: { wy: string; wyOwnReadOnly: string; gm: string };

beforeAll(async () => {
  test = await openDemoDatabase(undefined, { disclosuresPerPartner: 25 });
  const make = async (email: string, scopes: ("read" | "shared_read")[]) =>
    (await createApiToken(await viewerFor(test.db, email), { name: `Analysis ${scopes.join("+")}`, scopes, expiresInDays: 30 })).token;
  tokens = {
    wy: await make("analyst@police.example", ["shared_read"]),
    wyOwnReadOnly: await make("manager@police.example", ["read"]),
    gm: await make("analyst@otherpolice.example", ["shared_read"]),
  };
});
afterAll(async () => {
  await test?.close();
});

const noParams = { params: Promise.resolve({}) };
function get(token: string, query = "") {
  return shared.GET(new Request(`http://portal.test/api/v1/shared-disclosures${query}`, { headers: { authorization: `Bearer ${token}` } }), noParams);
}

type Body = { record_access: boolean; data: { id: string; provider: { name: string }; threat_areas: string[]; fields: string[]; answers: Record<string, unknown> }[]; next: string | null; previous: string | null };

describe("GET /api/v1/shared-disclosures", () => {
  it("pages through the partner data shared with a shared_read token's organisation, granted fields only", async () => {
    const first = await get(tokens.wy);
    expect(first.status).toBe(200);
    const body = (await first.json()) as Body;
    expect(body.record_access).toBe(true);
    expect(body.data).toHaveLength(50);
    expect(body.previous).toBeNull();
    for (const row of body.data) {
      expect(row.answers).not.toHaveProperty("context");
      expect(Object.keys(row.answers).every((field) => row.fields.includes(field))).toBe(true);
    }
    const second = (await (await get(tokens.wy, `?cursor=${body.next}`)).json()) as Body;
    expect(second.data.length).toBeGreaterThan(0);
    expect(second.data.map((row) => row.id).filter((id) => body.data.some((row) => row.id === id))).toEqual([]);
  });

  it("filters by threat area, leaving a row's other areas out", async () => {
    const body = (await (await get(tokens.wy, "?area=stalking_harassment&sort=oldest")).json()) as Body;
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.every((row) => row.threat_areas.includes("stalking_harassment"))).toBe(true);
    expect(body.data.flatMap((row) => row.threat_areas).every((area) => ["domestic_abuse", "stalking_harassment", "tech_enabled"].includes(area))).toBe(true);
  });

  it("answers a bad cursor, filter or unknown parameter with 400 problem details naming it", async () => {
    for (const [query, path] of [
      ["?cursor=nonsense", "cursor"],
      ["?area=everything", "area"],
      ["?from=2026-05&to=2026-01", "to"],
      ["?limit=5", "query"],
    ] as const) {
      const response = await get(tokens.wy, query);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(((await response.json()) as { errors: { path: string }[] }).errors.map((error) => error.path)).toContain(path);
    }
  });

  it("refuses a token without the shared_read scope", async () => {
    const response = await get(tokens.wyOwnReadOnly);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ detail: "This token may not read partner data shared with the organisation." });
  });

  it("lets only an analyst create a shared_read token: a partner lead may not read those records", async () => {
    const partnerLead = await viewerFor(test.db, "manager@police.example");
    await expect(createApiToken(partnerLead, { name: "Escalation", scopes: ["shared_read"], expiresInDays: 30 })).rejects.toMatchObject({
      fieldErrors: { scopes: "Choose only what your role lets a token do" },
    });
    const analyst = await viewerFor(test.db, "analyst@police.example");
    await expect(createApiToken(analyst, { name: "Own records", scopes: ["read"], expiresInDays: 30 })).rejects.toMatchObject({
      fieldErrors: { scopes: "Choose only what your role lets a token do" },
    });
  });

  it("stops a shared_read token working once its analyst is no longer an analyst", async () => {
    const analyst = await viewerFor(test.db, "analyst@police.example");
    const { token } = await createApiToken(analyst, { name: "Until my role changes", scopes: ["shared_read"], expiresInDays: 30 });
    expect((await get(token)).status).toBe(200);
    const membership = and(eq(t.memberships.userId, analyst.userId), eq(t.memberships.orgId, analyst.organisation.id));
    await test.db.update(t.memberships).set({ role: "viewer" }).where(membership);
    try {
      const refused = await get(token);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toMatchObject({ detail: "This API token is not valid: it may have expired or been revoked." });
    } finally {
      await test.db.update(t.memberships).set({ role: "analyst" }).where(membership);
    }
  });

  it("shows another force nothing", async () => {
    expect(await (await get(tokens.gm)).json()).toEqual({ record_access: false, data: [], next: null, previous: null });
  });

  it("stops showing a suspended agreement's rows on the next request", async () => {
    await test.db.update(t.agreements).set({ status: "suspended" }).where(eq(t.agreements.reference, "DSA-WY-2025-001"));
    try {
      expect(await (await get(tokens.wy)).json()).toMatchObject({ record_access: false, data: [] });
    } finally {
      await test.db.update(t.agreements).set({ status: "active" }).where(eq(t.agreements.reference, "DSA-WY-2025-001"));
    }
    expect(((await (await get(tokens.wy)).json()) as Body).data).toHaveLength(50);
  });

  it("is described in the OpenAPI document", () => {
    const document = openApiDocument();
    expect(document.paths["/api/v1/shared-disclosures"].get.parameters.map((parameter) => parameter.name)).toEqual(["provider", "partner_type", "area", "from", "to", "lad", "sort", "cursor"]);
    expect(document.components.schemas.SharedDisclosure.required).toContain("fields");
  });
});
