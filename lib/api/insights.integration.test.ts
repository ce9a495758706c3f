import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/db/testing";
import { createApiToken } from "@/lib/api-tokens/service";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import * as insights from "@/app/api/v1/insights/[view]/route";
import { openApiDocument } from "./openapi";

let test: TestDatabase;
let tokens: { wy: string; gm: string; wyLeadRead: string };

beforeAll(async () => {
  test = await openDemoDatabase(undefined, { disclosuresPerPartner: 30 });
  const make = async (email: string, scopes: ("read" | "shared_read")[]) =>
    (await createApiToken(await viewerFor(test.db, email), { name: `Insights ${scopes.join("+")}`, scopes, expiresInDays: 30 })).token;
  tokens = {
    wy: await make("analyst@police.example", ["shared_read"]),
    gm: await make("analyst@otherpolice.example", ["shared_read"]),
    wyLeadRead: await make("manager@police.example", ["read"]),
  };
});
afterAll(async () => {
  await test?.close();
});

function get(token: string, view: string, query = "") {
  return insights.GET(new Request(`http://portal.test/api/v1/insights/${view}${query}`, { headers: { authorization: `Bearer ${token}` } }), {
    params: Promise.resolve({ view }),
  });
}

type Figure = { value: number | null; suppressed: null | "primary" | "secondary" };
type Body = {
  view: string;
  period: { code: string; from: string; to: string };
  disclosure_control: { threshold: number; round_to_base5: boolean; perturbed: boolean };
  scope: string;
  byPartnerType: { rows: string[]; cells: Figure[][]; rowTotals: Figure[]; total: Figure };
};

describe("GET /api/v1/insights/{view}", () => {
  it("gives an analyst's shared_read token the partners' figures, every one published under the agreement's disclosure control", async () => {
    const response = await get(tokens.wy, "beyond-police");
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text) as Body;
    expect(body).toMatchObject({ view: "beyond-police", period: { code: "last-12-months" }, disclosure_control: { threshold: 5, perturbed: true }, scope: "shared" });
    expect(body.byPartnerType.rows.length).toBeGreaterThan(1);
    const figures = [...body.byPartnerType.cells.flat(), ...body.byPartnerType.rowTotals, body.byPartnerType.total];
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) {
      expect(Object.keys(figure).sort()).toEqual(["suppressed", "value"]);
      if (figure.value !== null) expect(figure.value === 0 || figure.value >= 5).toBe(true);
    }
    // Raw cells never leave the server: no counts or record keys in the body.
    expect(text).not.toMatch(/recordKeySum|record_key|"count"/);
  });

  it("gives the Greater Manchester analyst, with no agreement in force, an empty view", async () => {
    const body = (await (await get(tokens.gm, "overview")).json()) as Body;
    expect(body.byPartnerType.rows).toEqual([]);
  });

  it("answers a bad filter with 400 problem details naming it, and an unknown view with 404", async () => {
    const bad = await get(tokens.wy, "overview", "?period=2026-01-01");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/^There is a problem with the filters: Enter a period as a month/);
    const unknown = await get(tokens.wy, "everything");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { detail: string }).detail).toBe("No such insight view.");
  });

  it("serves the Perpetrators, Repeat victimisation and Data quality views with the same filters, figures published and no raw count", async () => {
    const query = "?force_area=E23000010&threat_area=domestic_abuse";
    const perpetrators = (await (await get(tokens.wy, "perpetrators", query)).json()) as { view: string; filters: { force_area: string }; otherOffending: { columns: string[]; cells: Figure[][] } };
    expect(perpetrators).toMatchObject({ view: "perpetrators", filters: { force_area: "E23000010", threat_area: "domestic_abuse" } });
    expect(perpetrators.otherOffending.columns).toEqual(["domestic_abuse"]);
    const repeat = await get(tokens.wy, "repeat-victimisation", query);
    const repeatText = await repeat.text();
    const body = JSON.parse(repeatText) as { byArea: { level: string; table: { rows: string[] } }; byOrganisation: { funnel: { points: { rate: number | null; classification: string }[] } | null } };
    // With a force area chosen, its local authorities are compared.
    expect(body.byArea.level).toBe("local_authority");
    expect(body.byArea.table.rows.every((code) => code.startsWith("E0"))).toBe(true);
    for (const point of body.byOrganisation.funnel?.points ?? []) expect(point.rate === null).toBe(point.classification === "suppressed");
    expect(repeatText).not.toMatch(/recordKeySum|record_key|"count"/);
    const quality = (await (await get(tokens.wy, "data-quality", query)).json()) as { view: string; promptShares: { share: number | null }[] };
    expect(quality.view).toBe("data-quality");
    for (const entry of quality.promptShares) if (entry.share !== null) expect(entry.share).toBeLessThanOrEqual(1);
  });

  it("refuses a token without the shared_read scope", async () => {
    const response = await get(tokens.wyLeadRead, "overview");
    expect(response.status).toBe(403);
  });

  it("is described in the OpenAPI document with its filters", () => {
    const path = (openApiDocument().paths as Record<string, { get?: { parameters?: { name: string }[] } }>)["/api/v1/insights/{view}"];
    expect(path?.get?.parameters?.map((parameter) => parameter.name)).toEqual(["view", "period", "force_area", "lad", "threat_area", "partner_type"]);
  });
});
