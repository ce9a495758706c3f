import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/viewer";
import { toDisclosureInput } from "@/lib/disclosures/rows";
import { submitDisclosure } from "@/lib/disclosures/service";
import { Invalid } from "@/lib/errors";
import { insertActiveAgreement } from "@/lib/testing/agreements";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import { contextOf } from "@/lib/access/guard";
import { protectTable } from "@/lib/sdc";
import { readCounts, readPolicy } from "./counts";
import { parseInsightFilters } from "./filters";
import { insightView, type InsightResult } from "./service";
import { grid } from "./views";

// A golden dataset of 28 disclosures submitted on 15 November 2026: the Leeds IDVA service's
// domestic abuse — 10 in July, 10 in August, 3 in September — and the Bradford ISVA service's 5
// RASSO in July. West Yorkshire Police reads them under DSA-WY-2025-001 (threshold 5, not
// rounded); Greater Manchester Police is given a test agreement for the IDVA's Leeds domestic
// abuse only, at threshold 10 and rounded to base 5.
//
// Every record key is set to 17, so each cell's key is 17 × its count (mod 256) and every noise
// below is read off the committed perturbation table (lib/sdc/perturbation.ts): position =
// (167 × key + 73 × count) mod 256; 0–101 → 0, 102–152 → +1, 153–203 → −1, 204–229 → +2, else −2,
// cut to ±(count − k) near the threshold.

const NOW = new Date("2026-11-15T12:00:00Z");
const LEEDS = "E08000035";
const BRADFORD = "E08000032";
const WEST_YORKSHIRE = "E23000010";
const RECORD_KEY = 17;

let test: TestDatabase;
let wyAnalyst: Viewer;
let gmAnalyst: Viewer;

let seed = 100;
function input(lad: string, area: "domestic_abuse" | "rasso", month: string, repeat: "yes" | "no" | "not_known") {
  seed += 1;
  const [record] = generateDisclosures({ seed, count: 1, partnerType: "idva_service", ladCodes: [lad], months: [month], now: NOW });
  return {
    ...(toDisclosureInput(record!.disclosure, record!.threatAreas) as Record<string, unknown>),
    disclosure_month: month,
    lad_code: lad,
    threat_areas: { [area]: ["not_known"] },
    space: "private_dwelling",
    online_platforms: [],
    perpetrator_other_offending: "not_known",
    perpetrator_other_offending_types: [],
    victim_repeat: repeat,
  };
}

const quarter = parseInsightFilters({ period: "2026-Q3" }, NOW);
const month = (code: string) => parseInsightFilters({ period: code }, NOW);

async function view<V extends InsightResult["view"]>(viewer: Viewer, name: V, filters = quarter): Promise<Extract<InsightResult, { view: V }>> {
  const result = await insightView(viewer, name, filters);
  if (result.view !== name) throw new Error(`expected the ${name} view, not ${result.view}`);
  return result as Extract<InsightResult, { view: V }>;
}

beforeAll(async () => {
  test = await openDemoDatabase(NOW);
  wyAnalyst = await viewerFor(test.db, "analyst@police.example");
  gmAnalyst = await viewerFor(test.db, "analyst@otherpolice.example");
  const idva = await viewerFor(test.db, "caseworker@idva.example");
  const isva = await viewerFor(test.db, "caseworker@isva.example");
  const submit = async (viewer: Viewer, n: number, body: () => Record<string, unknown>) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) ids.push((await submitDisclosure(viewer, body(), undefined, NOW)).id);
    return ids;
  };
  const ids = [
    // July: 5 repeat victims and 5 not; August: none of 10; September: all 3.
    ...(await submit(idva, 5, () => input(LEEDS, "domestic_abuse", "2026-07", "yes"))),
    ...(await submit(idva, 5, () => input(LEEDS, "domestic_abuse", "2026-07", "no"))),
    ...(await submit(idva, 10, () => input(LEEDS, "domestic_abuse", "2026-08", "no"))),
    ...(await submit(idva, 3, () => input(LEEDS, "domestic_abuse", "2026-09", "yes"))),
    ...(await submit(isva, 5, () => input(BRADFORD, "rasso", "2026-07", "not_known"))),
  ];
  // A record key never changes in service; here, as the database owner, the guard is lifted once
  // so the noise is known. The counts follow in the same statement (the update re-counts each row).
  await test.db.execute(sql`alter table disclosures disable trigger disclosures_record_key_fixed`);
  await test.db.update(t.disclosures).set({ recordKey: RECORD_KEY }).where(inArray(t.disclosures.id, ids));
  await test.db.execute(sql`alter table disclosures enable trigger disclosures_record_key_fixed`);

  const organisation = async (name: string) => (await test.db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.name, name)))[0]!.id;
  await insertActiveAgreement(test.db, {
    reference: "DSA-GM-TEST-010",
    providers: [await organisation("Demo IDVA Service Leeds")],
    recipients: [await organisation("Demo Police Greater Manchester")],
    threatAreas: { domestic_abuse: "aggregate" },
    geography: [{ forceAreaCode: WEST_YORKSHIRE, ladCode: LEEDS }],
    startDate: "2026-01-01",
    endDate: "2027-12-31",
    disclosureThreshold: 10,
    roundToBase5: true,
  });
});
afterAll(async () => {
  await test?.close();
});

describe("a differencing attempt with two overlapping filters", () => {
  it("cannot ask for July to August as one period: only fixed bands are offered", () => {
    expect(() => parseInsightFilters({ period: "2026-07..2026-08" }, NOW)).toThrow(Invalid);
    expect(() => parseInsightFilters({ period: "2026-07..2026-08" }, NOW)).toThrow(/Enter a period as a month \(2026-04\), a quarter \(2026-Q2\)/);
  });

  it("withholds September's 3, and the quarter less July and August gives back a noisy 4, not the 3", async () => {
    const headline = async (period: string) => (await view(wyAnalyst, "overview", month(period))).headlines.find((entry) => entry.threatArea === "domestic_abuse")!.current;
    expect(await headline("2026-09")).toEqual({ value: null, suppressed: "primary" });
    // July and August: 10 each, key 170, position 192 → −1: 9. The quarter: 23, key 135, position 160 → −1: 22.
    const july = await headline("2026-07");
    const august = await headline("2026-08");
    const quarterFigure = (await view(wyAnalyst, "overview")).headlines.find((entry) => entry.threatArea === "domestic_abuse")!.current;
    expect([july.value, august.value, quarterFigure.value]).toEqual([9, 9, 22]);
    expect(quarterFigure.value! - july.value! - august.value!).toBe(4);
  });

  it("gives the same cell the same noise however it is reached, and again when asked again", async () => {
    // The quarter's IDVA domestic abuse: the landing headline, the Beyond police data table's cell, and a second asking.
    const first = (await view(wyAnalyst, "overview")).headlines.find((entry) => entry.threatArea === "domestic_abuse")!.current;
    const beyond = await view(wyAnalyst, "beyond-police");
    const idva = beyond.byPartnerType.rows.indexOf("idva_service");
    const again = (await view(wyAnalyst, "overview")).headlines.find((entry) => entry.threatArea === "domestic_abuse")!.current;
    expect(beyond.byPartnerType.cells[idva]![beyond.byPartnerType.columns.indexOf("domestic_abuse")]).toEqual(first);
    expect(again).toEqual(first);
    // Narrowing to Leeds (all of the IDVA's disclosures) reaches the same set of records: the same figure.
    const leeds = await view(wyAnalyst, "overview", parseInsightFilters({ period: "2026-Q3", lad: LEEDS }, NOW));
    expect(leeds.headlines.find((entry) => entry.threatArea === "domestic_abuse")!.current).toEqual(first);
  });
});

describe("the same view for analysts of two police forces with different agreements", () => {
  it("gives West Yorkshire both partners under threshold 5, unrounded, with a repeat rate for the IDVA service", async () => {
    const wy = await view(wyAnalyst, "repeat-victimisation");
    expect(wy.policy).toEqual({ threshold: 5, roundToBase5: false, perturbed: true });
    // The IDVA: 8 repeat (key 136, position 0 → 0) and 15 not (key 255, position 160 → −1) of 23 (→ 22).
    // The ISVA records it for none of its 5, so is not compared.
    expect(wy.byOrganisation.table.rowLabels).toEqual(["Demo IDVA Service Leeds"]);
    expect(wy.byOrganisation.table.cells[0]).toEqual([
      { value: 8, suppressed: null },
      { value: 14, suppressed: null },
    ]);
    expect(wy.byOrganisation.table.rowTotals[0]).toEqual({ value: 22, suppressed: null });
    expect(wy.byOrganisation.overallRate).toBeCloseTo(8 / 22, 10);
    expect(wy.byOrganisation.funnel!.points).toMatchObject([{ label: "Demo IDVA Service Leeds", rate: 8 / 22, classification: "within limits" }]);
    expect(wy.byArea.level).toBe("force_area");
    expect(wy.byArea.table.rowLabels).toEqual(["West Yorkshire"]);
  });

  it("gives Greater Manchester only the IDVA's Leeds domestic abuse, under threshold 10 and rounded, so its 8 repeat victims and the rate are withheld", async () => {
    const gm = await view(gmAnalyst, "repeat-victimisation");
    expect(gm.policy).toEqual({ threshold: 10, roundToBase5: true, perturbed: true });
    expect(gm.byOrganisation.table.rowLabels).toEqual(["Demo IDVA Service Leeds"]);
    // 8 is under 10 (primary); its column total too; the not-repeat column closes the cycle (secondary).
    expect(gm.byOrganisation.table.cells[0]).toEqual([
      { value: null, suppressed: "primary" },
      { value: null, suppressed: "secondary" },
    ]);
    // 23 → 22 after noise → 20 rounded.
    expect(gm.byOrganisation.table.rowTotals[0]).toEqual({ value: 20, suppressed: null });
    expect(gm.byOrganisation.overallRate).toBeNull();
    expect(gm.byOrganisation.funnel).toBeNull();
  });

  it("gives each force's landing page its own headline figures and its own gaps", async () => {
    const wy = await view(wyAnalyst, "overview");
    const gm = await view(gmAnalyst, "overview");
    const figures = (result: typeof wy) => Object.fromEntries(result.headlines.filter((entry) => entry.current.value !== 0).map((entry) => [entry.threatArea, entry.current.value]));
    // RASSO: 5, exactly the threshold, never perturbed; GM has no RASSO in scope.
    expect(figures(wy)).toEqual({ domestic_abuse: 22, rasso: 5 });
    expect(figures(gm)).toEqual({ domestic_abuse: 20 });
    expect(gm.silentPartnerTypes.map((type) => type.code)).toContain("isva_service");
    expect(wy.silentPartnerTypes.map((type) => type.code)).not.toContain("isva_service");
    expect(wy.silentAreas).toEqual({ level: "force_area", areas: [] });
    // With West Yorkshire chosen, GM's agreement covers Leeds alone, which contributed.
    const gmLads = await view(gmAnalyst, "overview", parseInsightFilters({ period: "2026-Q3", force_area: WEST_YORKSHIRE }, NOW));
    expect(gmLads.silentAreas).toEqual({ level: "local_authority", areas: [] });
    const wyLads = await view(wyAnalyst, "overview", parseInsightFilters({ period: "2026-Q3", force_area: WEST_YORKSHIRE }, NOW));
    expect(wyLads.silentAreas.areas.map((area) => area.label)).toEqual(["Calderdale", "Kirklees", "Wakefield"]);
  });
});

describe("the Perpetrators and Data quality views in scope", () => {
  it("counts the perpetrators of West Yorkshire's disclosures by threat area", async () => {
    const perpetrators = await view(wyAnalyst, "perpetrators");
    expect(perpetrators.otherOffending.columns).toEqual(["domestic_abuse", "rasso"]);
    expect(perpetrators.otherOffending.columnTotals.map((cell) => cell.value)).toEqual([22, 5]);
  });

  it("names each organisation and times its submissions: July and August three to five months before, September two", async () => {
    const quality = await view(wyAnalyst, "data-quality");
    expect(quality.timeliness.rowLabels).toEqual(["Demo IDVA Service Leeds", "Demo ISVA Service Bradford"]);
    // IDVA: 3 two months after (primary) and 20 three to five (secondary, closing the cycle); ISVA: 5 three to five.
    expect(quality.timeliness.cells[0]!.map((cell) => cell.suppressed)).toEqual([null, null, "primary", "secondary", null]);
    expect(quality.timeliness.cells[1]!.map((cell) => cell.value)).toEqual([0, 0, 0, 5, 0]);
    expect(quality.promptShares.map((entry) => entry.share)).toEqual([0, 0, 0]);
  });
});

describe("the Communities view in scope", () => {
  it("gives each partner type's completeness as the answered counts of its fields", async () => {
    const communities = await view(wyAnalyst, "communities");
    const fields = ["victim_ethnicity", "victim_migrant", "victim_no_recourse_to_public_funds", "victim_lgbtq", "victim_disability"];
    const types = ["isva_service", "idva_service"];
    expect(communities.completeness.columns).toEqual(fields);
    expect(communities.completeness.rows).toEqual(types);
    // The cells as the `answered` counts hold them, through the same disclosure control.
    const expected = await withContext(await getDatabase(), contextOf(wyAnalyst), async (tx) => {
      const answered = await readCounts(tx, quarter, ["answered"]);
      return protectTable({ rows: types, columns: fields, cells: grid(answered, () => true, (row) => row.providerType, (row) => row.value, types, fields) }, await readPolicy(tx, quarter));
    });
    expect(communities.completeness.cells).toEqual(expected.cells);
    expect(communities.completeness.cells.flat().some((cell) => cell.value !== null && cell.value > 0)).toBe(true);
  });
});

describe("reading the answered counts of chosen fields", () => {
  it("reads only those fields' answered cells, and every other dimension's cells as before", async () => {
    const read = async (answered?: readonly string[]) =>
      withContext(await getDatabase(), contextOf(wyAnalyst), (tx) => readCounts(tx, quarter, ["submission_lag", "answered"], { answered }));
    const all = await read();
    const chosen = await read(["victim_sex", "space"]);
    const answeredFields = (rows: Awaited<ReturnType<typeof read>>) => [...new Set(rows.filter((row) => row.dimension === "answered").map((row) => row.value))].sort();
    expect(answeredFields(all).length).toBeGreaterThan(2);
    expect(answeredFields(chosen)).toEqual(["space", "victim_sex"]);
    expect(chosen.filter((row) => row.dimension === "answered")).toEqual(all.filter((row) => row.dimension === "answered" && ["victim_sex", "space"].includes(row.value)));
    expect(chosen.filter((row) => row.dimension === "submission_lag")).toEqual(all.filter((row) => row.dimension === "submission_lag"));
  });
});
