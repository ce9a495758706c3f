import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import * as insightsApi from "@/app/api/v1/insights/[view]/route";
import type { TestDatabase } from "@/db/testing";
import { createApiToken } from "@/lib/api-tokens/service";
import type { Viewer } from "@/lib/auth/viewer";
import { Forbidden } from "@/lib/errors";
import type { Published } from "@/lib/sdc";
import { toDisclosureInput } from "@/lib/disclosures/rows";
import { submitDisclosure } from "@/lib/disclosures/service";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { parseCsv } from "@/lib/reference/csv";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import { parseInsightFilters } from "./filters";
import { insightView } from "./service";
import { straPackCsvFiles } from "./stra-pack";
import { straPack } from "./stra-pack-service";

// The Trends, Online and Map views and the STRA input pack read through the database's narrow
// functions: eight domestic abuse disclosures of September 2026 by the Leeds IDVA service, three of
// them online, shared with West Yorkshire Police (threshold 5, not rounded, perturbed); the Greater
// Manchester analyst's agreements cover none of them.

const NOW = new Date("2026-11-15T12:00:00Z");
const LEEDS = "E08000035";
const september = parseInsightFilters({ period: "2026-09" }, NOW);

let test: TestDatabase;
let wyAnalyst: Viewer;
let wyViewer: Viewer;
let idvaName: string;

/** A published figure is withheld, 0, or at least the threshold: never a small count. */
function isProtected(figure: Published, threshold: number): boolean {
  return figure.value === null || figure.value === 0 || figure.value >= threshold;
}

beforeAll(async () => {
  test = await openDemoDatabase(NOW);
  wyAnalyst = await viewerFor(test.db, "analyst@police.example");
  wyViewer = await viewerFor(test.db, "viewer@police.example");
  const caseworker = await viewerFor(test.db, "caseworker@idva.example");
  idvaName = caseworker.organisation.name;
  for (let seed = 1; seed <= 8; seed += 1) {
    const [record] = generateDisclosures({ seed, count: 1, partnerType: "idva_service", ladCodes: [LEEDS], months: ["2026-09"], now: NOW });
    const online = seed <= 3;
    await submitDisclosure(
      caseworker,
      {
        ...(toDisclosureInput(record!.disclosure, record!.threatAreas) as Record<string, unknown>),
        disclosure_month: "2026-09",
        lad_code: LEEDS,
        threat_areas: { domestic_abuse: ["not_known"] },
        space: online ? "online" : "private_dwelling",
        online_platforms: online ? ["private_messaging"] : [],
      },
      undefined,
      NOW,
    );
  }
});
afterAll(async () => {
  await test?.close();
});

describe("the Trends view", () => {
  it("reads the 36 months to the end of the period, by month, each figure protected", async () => {
    const view = await insightView(wyAnalyst, "trends", september);
    if (view.view !== "trends") throw new Error("expected the Trends view");
    expect(view.months).toHaveLength(36);
    expect(view.months[35]).toBe("2026-09");
    expect(view.months[0]).toBe("2023-10");
    const series = view.series.find((entry) => entry.threatArea === "domestic_abuse")!;
    // The partner's first month in scope is September: one month is too few to forecast.
    expect(series.months).toEqual(["2026-09"]);
    expect(isProtected(series.values[0]!, view.policy.threshold)).toBe(true);
    expect(series.values[0]!.value).not.toBeNull();
    expect(series.forecast).toBeNull();
    expect(series.judgement).toMatch(/^Too few months of published figures to forecast disclosures of domestic abuse/);
  });
});

describe("the Online view", () => {
  it("publishes the online element by threat area and a month of the period, every share from published figures", async () => {
    const view = await insightView(wyViewer, "online", september);
    if (view.view !== "online") throw new Error("expected the Online view");
    expect(view.byMonth.rows).toEqual(["2026-09"]);
    expect(view.byThreatArea.columns).toEqual(["domestic_abuse"]);
    // 3 online of 8: the 3 is withheld, and the 5 offline with it, since the 8 is published.
    expect(view.byThreatArea.cells.map((cells) => cells[0]!.suppressed)).toEqual(["primary", "secondary", null]);
    expect(view.share).toEqual([{ threatArea: "domestic_abuse", label: "Domestic abuse", share: null }]);
    expect(view.platforms.values[view.platforms.labels.indexOf("private_messaging")]).toEqual({ value: null, suppressed: "primary" });
  });
});

describe("the Map view", () => {
  it("shows only the force areas in the analyst's scope, with rates per 1,000 females", async () => {
    const view = await insightView(wyAnalyst, "map", september);
    if (view.view !== "map") throw new Error("expected the Map view");
    expect(view.areas.map((area) => area.code)).toEqual(["E23000010"]);
    const [area] = view.areas;
    expect(area!.females).toBe(1222250);
    // 8 disclosures, perturbed by at most 2.
    expect(area!.disclosures.value).toBeGreaterThanOrEqual(6);
    expect(area!.disclosures.value).toBeLessThanOrEqual(10);
    expect(area!.ratePer1000).toBeCloseTo((area!.disclosures.value! / 1222250) * 1000, 9);
  });

  it("shows the Greater Manchester analyst none of West Yorkshire", async () => {
    const gmAnalyst = await viewerFor(test.db, "analyst@otherpolice.example");
    const view = await insightView(gmAnalyst, "map", parseInsightFilters({ force_area: "E23000010", period: "2026-09" }, NOW));
    if (view.view !== "map") throw new Error("expected the Map view");
    expect(view.areas).toEqual([]);
  });
});

describe("the STRA input pack", () => {
  it("is made from the views for an analyst, and its download is audited with its format and filters", async () => {
    const pack = await straPack(wyAnalyst, september, "csv");
    expect(pack.sections.find((section) => section.threatArea === "domestic_abuse")!.place.map((entry) => entry.label)).toEqual(["West Yorkshire"]);
    const events = await test.db
      .select({ details: t.auditEvents.details })
      .from(t.auditEvents)
      .where(and(eq(t.auditEvents.action, "stra_pack.exported"), eq(t.auditEvents.actorUserId, wyAnalyst.userId)));
    expect(events.map((event) => event.details)).toEqual([{ format: "csv", filters: "period=2026-09" }]);
  });

  it("reads the Perpetrators and Data quality views through insightView, each audited, and lays out what they published", async () => {
    const pack = await straPack(wyAnalyst, september, "document");
    const viewed = await test.db
      .select({ details: t.auditEvents.details })
      .from(t.auditEvents)
      .where(and(eq(t.auditEvents.action, "insight.viewed"), eq(t.auditEvents.actorUserId, wyAnalyst.userId)));
    const views = viewed.map((event) => (event.details as { view: string }).view);
    expect(views).toContain("perpetrators");
    expect(views).toContain("data-quality");
    // The section's perpetrator figures are the Perpetrators view's domestic abuse column, as published.
    const perpetrators = await insightView(wyAnalyst, "perpetrators", september);
    if (perpetrators.view !== "perpetrators") throw new Error("expected the Perpetrators view");
    const area = perpetrators.relationship.columns.indexOf("domestic_abuse");
    const section = pack.sections.find((entry) => entry.threatArea === "domestic_abuse")!;
    expect(section.perpetrators.relationship).toEqual(perpetrators.relationship.rowLabels.map((label, i) => ({ label, value: perpetrators.relationship.cells[i]![area]! })));
    expect(section.perpetrators.shareKnownToOtherOffending).toBe(perpetrators.shareOtherOffending.find((entry) => entry.threatArea === "domestic_abuse")!.share);
    for (const figure of [...section.perpetrators.knownToOtherOffending, ...section.perpetrators.offendingKinds, ...section.perpetrators.number, ...section.perpetrators.ideologyConcern]) {
      expect(isProtected(figure.value, pack.policy.threshold)).toBe(true);
    }
    // September's disclosures were all submitted in November, two months after: none by the month after.
    expect(pack.gaps).toContain(`${idvaName}: fewer than half of its disclosures submitted in the month of disclosure or the month after.`);
    const files = straPackCsvFiles(pack.views, pack);
    expect(files["perpetrators.csv"]).toMatch(/^Question,Answer,Domestic abuse,Total\r\n/);
    // Its row: nothing in the month or the month after, all two months after, a prompt share of 0.
    const [leeds] = parseCsv(files["data-quality.csv"]!);
    expect(leeds).toMatchObject({ Organisation: idvaName, "Same month": "0", "The month after": "0", "Share submitted in the month of disclosure or the month after": "0" });
    expect(leeds!["Two months after"]).toBe(leeds!["Disclosures held"]);
  });

  it("is refused to a viewer, who sees aggregate views only", async () => {
    await expect(straPack(wyViewer, september, "document")).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("GET /api/v1/insights/{trends,online,map}", () => {
  it("answers an analyst's shared_read token with each view under the filters in the URL, and a bad filter with 400", async () => {
    const { token } = await createApiToken(wyAnalyst, { name: "Trends, online and map", scopes: ["shared_read"], expiresInDays: 30 });
    const get = (view: string, query: string) =>
      insightsApi.GET(new Request(`http://portal.test/api/v1/insights/${view}${query}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ view }) });
    const trends = await get("trends", "?period=2026-09&threat_area=domestic_abuse");
    expect(trends.status).toBe(200);
    expect(await trends.json()).toMatchObject({ view: "trends", period: { code: "2026-09" }, filters: { threat_area: "domestic_abuse" }, months: expect.any(Array) });
    const online = await get("online", "?period=2026-09&force_area=E23000010&partner_type=idva_service");
    expect(await online.json()).toMatchObject({ view: "online", filters: { force_area: "E23000010", partner_type: "idva_service" } });
    const map = (await (await get("map", "?period=2026-09&lad=E08000035")).json()) as { view: string; areas: { code: string }[] };
    expect(map.view).toBe("map");
    expect(map.areas.map((area) => area.code)).toEqual(["E23000010"]);
    const bad = await get("map", "?period=2026-09-01");
    expect(bad.status).toBe(400);
  });
});
