import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withContext } from "@/db/context";
import type { DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { refusedWith, type TestDatabase } from "@/db/testing";
import { contextOf } from "@/lib/access/guard";
import type { Viewer } from "@/lib/auth/viewer";
import { toDisclosureInput } from "@/lib/disclosures/rows";
import { codesIn } from "@/lib/disclosures/sections";
import { getDisclosure, saveCorrectionSection, submitCorrection, submitDisclosure, withdrawDisclosure } from "@/lib/disclosures/service";
import { Forbidden } from "@/lib/errors";
import { purgeExpired } from "@/lib/retention/purge";
import type { ThreatArea } from "@/lib/taxonomy";
import { insertActiveAgreement } from "@/lib/testing/agreements";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import { readCounts, readPolicy, type CountRow } from "./counts";
import { parseInsightFilters, type InsightFilters } from "./filters";
import { foldAllInsightChanges } from "./folding";
import { insightView } from "./service";

// The golden dataset: eight disclosures of September 2026 by the Leeds IDVA service and the
// Bradford ISVA service, shared with West Yorkshire Police under DSA-WY-2025-001 (domestic abuse
// and stalking at record granularity, RASSO aggregate only; threshold 5, not rounded).

const NOW = new Date("2026-11-15T12:00:00Z");
const LEEDS = "E08000035";
const BRADFORD = "E08000032";
const WEST_YORKSHIRE = "E23000010";

let test: TestDatabase;
let app: DatabaseHandle;
let wyAnalyst: Viewer;
let gmAnalyst: Viewer;
let idvaCaseworker: Viewer;
let isvaCaseworker: Viewer;
let idvaLead: Viewer;
const ids: Record<string, string> = {};

let seed = 0;
function input(lad: string, areas: ThreatArea[], reported: "yes" | "no" | "not_known", barriers: string[] = []) {
  seed += 1;
  const [record] = generateDisclosures({ seed, count: 1, partnerType: "idva_service", ladCodes: [lad], months: ["2026-09"], now: NOW });
  const base = toDisclosureInput(record!.disclosure, record!.threatAreas) as Record<string, unknown>;
  return {
    ...base,
    disclosure_month: "2026-09",
    lad_code: lad,
    threat_areas: Object.fromEntries(areas.map((area) => [area, ["not_known"]])),
    space: "private_dwelling",
    online_platforms: [],
    reported_to_police: reported,
    barriers,
  };
}

const september = parseInsightFilters({ period: "2026-09" }, NOW);

/** The counts in the viewer's scope, after folding every change logged so far, as a read of a view does. */
async function countsOver(viewer: Viewer, filters: InsightFilters, dimensions: string[]): Promise<CountRow[]> {
  await foldAllInsightChanges(app.db, { wait: true });
  return withContext(app.db, contextOf(viewer), (tx) => readCounts(tx, filters, dimensions));
}

async function counts(viewer: Viewer, dimensions: string[] = ["total", "reported_to_police", "barriers"]): Promise<CountRow[]> {
  return countsOver(viewer, september, dimensions);
}

/** The counts as `type/area/dimension/value → n`, for comparing with hand-computed tables. */
function flat(rows: readonly CountRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows) if (row.count > 0) out[`${row.providerType}/${row.threatArea}/${row.dimension}/${row.value}`] = (out[`${row.providerType}/${row.threatArea}/${row.dimension}/${row.value}`] ?? 0) + row.count;
  return out;
}

const GOLDEN: Record<string, number> = {
  "idva_service/domestic_abuse/total/": 4,
  "idva_service/rasso/total/": 2,
  "isva_service/rasso/total/": 2,
  "isva_service/stalking_harassment/total/": 1,
  "idva_service/domestic_abuse/reported_to_police/yes": 1,
  "idva_service/domestic_abuse/reported_to_police/no": 3,
  "idva_service/rasso/reported_to_police/yes": 1,
  "idva_service/rasso/reported_to_police/no": 1,
  "isva_service/rasso/reported_to_police/no": 1,
  "isva_service/rasso/reported_to_police/not_known": 1,
  "isva_service/stalking_harassment/reported_to_police/yes": 1,
  "idva_service/domestic_abuse/barriers/fear_of_perpetrator": 2,
  "idva_service/domestic_abuse/barriers/financial_dependence": 1,
  "idva_service/domestic_abuse/barriers/distrust_of_police": 1,
  "idva_service/rasso/barriers/distrust_of_police": 1,
  "isva_service/rasso/barriers/fear_of_disbelief": 1,
};

beforeAll(async () => {
  test = await openDemoDatabase(NOW);
  app = await test.connectAsApp();
  wyAnalyst = await viewerFor(test.db, "analyst@police.example");
  gmAnalyst = await viewerFor(test.db, "analyst@otherpolice.example");
  idvaCaseworker = await viewerFor(test.db, "caseworker@idva.example");
  isvaCaseworker = await viewerFor(test.db, "caseworker@isva.example");
  idvaLead = await viewerFor(test.db, "manager@idva.example");
  const submit = async (name: string, viewer: Viewer, body: Record<string, unknown>) => {
    ids[name] = (await submitDisclosure(viewer, body, undefined, NOW)).id;
  };
  await submit("d1", idvaCaseworker, input(LEEDS, ["domestic_abuse"], "yes"));
  await submit("d2", idvaCaseworker, input(LEEDS, ["domestic_abuse"], "no", ["fear_of_perpetrator", "financial_dependence"]));
  await submit("d3", idvaCaseworker, input(LEEDS, ["domestic_abuse"], "no", ["fear_of_perpetrator"]));
  await submit("d4", idvaCaseworker, input(LEEDS, ["domestic_abuse", "rasso"], "no", ["distrust_of_police"]));
  await submit("d5", idvaCaseworker, input(LEEDS, ["rasso"], "yes"));
  await submit("d6", isvaCaseworker, input(BRADFORD, ["rasso"], "no", ["fear_of_disbelief"]));
  await submit("d7", isvaCaseworker, input(BRADFORD, ["rasso"], "not_known"));
  await submit("d8", isvaCaseworker, input(BRADFORD, ["stalking_harassment"], "yes"));
});
afterAll(async () => {
  await test?.close();
});

describe("insight counts in scope", () => {
  it("gives the West Yorkshire analyst the partners' counts, exactly the hand-computed golden table", async () => {
    expect(flat(await counts(wyAnalyst))).toEqual(GOLDEN);
  });

  it("gives the Greater Manchester analyst, whose agreement with the Calderdale charity has expired, no count at all", async () => {
    expect(await counts(gmAnalyst)).toEqual([]);
  });

  it("counts an aggregate-only threat area while row-level security still hides its rows from the analyst", async () => {
    expect(flat(await counts(wyAnalyst, ["total"]))["isva_service/rasso/total/"]).toBe(2);
    const visible = await withContext(app.db, contextOf(wyAnalyst), (tx) =>
      tx.select({ id: t.disclosures.id }).from(t.disclosures).where(eq(t.disclosures.id, ids.d6!)),
    );
    expect(visible).toEqual([]);
    const recordLevel = await withContext(app.db, contextOf(wyAnalyst), (tx) =>
      tx.select({ id: t.disclosures.id }).from(t.disclosures).where(eq(t.disclosures.id, ids.d8!)),
    );
    expect(recordLevel).toEqual([{ id: ids.d8 }]);
  });

  it("gives a partner lead their own organisation's counts only", async () => {
    const own = flat(await counts(idvaLead, ["total"]));
    expect(own).toEqual({ "idva_service/domestic_abuse/total/": 4, "idva_service/rasso/total/": 2 });
  });

  it("refuses caseworkers, administrators and auditors, and a request with no context", async () => {
    const admin = await viewerFor(test.db, "admin@national.example");
    for (const viewer of [idvaCaseworker, admin]) {
      await expect(counts(viewer)).rejects.toMatchObject(refusedWith("42501", /Only analysts, viewers and partner leads may read insight counts/));
    }
    await expect(withContext(app.db, {}, (tx) => readCounts(tx, september, ["total"]))).rejects.toMatchObject(
      refusedWith("42501", /Only analysts, viewers and partner leads may read insight counts/),
    );
  });

  it("never lets the app role read the aggregate table directly", async () => {
    await expect(withContext(app.db, contextOf(wyAnalyst), (tx) => tx.select().from(t.insightCounts))).rejects.toMatchObject(
      refusedWith("42501", /permission denied for table insight_counts/),
    );
  });

  it("applies the agreement's disclosure control (threshold 5, not rounded: a record-level agreement), always perturbed", async () => {
    const policy = await withContext(app.db, contextOf(wyAnalyst), (tx) => readPolicy(tx, september));
    expect(policy).toEqual({ threshold: 5, roundToBase5: false, perturb: true });
  });
});

describe("counts follow the disclosures once their changes are folded", () => {
  it("moves a corrected disclosure's counts, removes a withdrawn one's, and keeps a rolled-back change out", async () => {
    const { input: answers } = await getDisclosure(idvaCaseworker, ids.d1!);
    const reporting = Object.fromEntries(codesIn("Reporting").map((code) => [code, (answers as Record<string, unknown>)[code]]));
    await saveCorrectionSection(idvaCaseworker, { section: "Reporting", input: { ...reporting, reported_to_police: "no", barriers: ["language"] }, complete: true }, ids.d1!, NOW);
    const corrected = await submitCorrection(idvaCaseworker, ids.d1!, NOW);
    const [key] = await test.db
      .select({ first: t.disclosures.recordKey })
      .from(t.disclosures)
      .where(eq(t.disclosures.id, ids.d1!));
    const [moved] = await test.db.select({ key: t.disclosures.recordKey }).from(t.disclosures).where(eq(t.disclosures.id, corrected.id));
    expect(moved!.key).toBe(key!.first);
    await withdrawDisclosure(isvaCaseworker, ids.d8!, "Entered twice by mistake", NOW);
    const expected = Object.fromEntries(Object.entries(GOLDEN).filter(([cell]) => !cell.startsWith("isva_service/stalking_harassment/")));
    delete expected["idva_service/domestic_abuse/reported_to_police/yes"];
    expect(flat(await counts(wyAnalyst))).toEqual({
      ...expected,
      "idva_service/domestic_abuse/reported_to_police/no": 4,
      "idva_service/domestic_abuse/barriers/language": 1,
    });

    await expect(
      test.db.transaction(async (tx) => {
        await tx.update(t.disclosures).set({ status: "withdrawn", withdrawnReason: "rolled back", withdrawnAt: NOW }).where(eq(t.disclosures.id, ids.d6!));
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(flat(await counts(wyAnalyst))["isva_service/rasso/total/"]).toBe(2);
  });

  it("refuses to change a disclosure's record key", async () => {
    // Always a different key: a fixed one would equal the random key one run in 256, and change nothing.
    const otherKey = sql`(${t.disclosures.recordKey} + 1) % 256`;
    await expect(test.db.update(t.disclosures).set({ recordKey: otherKey }).where(eq(t.disclosures.id, ids.d2!))).rejects.toMatchObject(
      refusedWith("55000", /record key is set when it is created and never changes/),
    );
  });

  it("hides every count while the agreement is suspended, and shows them again when it is reinstated", async () => {
    const reference = eq(t.agreements.reference, "DSA-WY-2025-001");
    await test.db.update(t.agreements).set({ status: "suspended" }).where(reference);
    expect(await counts(wyAnalyst)).toEqual([]);
    await test.db.update(t.agreements).set({ status: "active" }).where(reference);
    expect(flat(await counts(wyAnalyst))["idva_service/domestic_abuse/total/"]).toBe(4);
  });
});

describe("counts kept by the retention purge", () => {
  it("keeps a purged disclosure in the total, and only there", async () => {
    const old = { ...input(LEEDS, ["domestic_abuse"], "no", ["language"]), disclosure_month: "2016-03" };
    await submitDisclosure(idvaCaseworker, old, undefined, NOW);
    const year = parseInsightFilters({ period: "2016" }, NOW);
    const read = async () => flat(await countsOver(wyAnalyst, year, ["total", "reported_to_police"]));
    const held = { "idva_service/domestic_abuse/total/": 1, "idva_service/domestic_abuse/reported_to_police/no": 1 };
    expect(await read()).toEqual(held);
    const certificate = await purgeExpired(app.db, { defaultMonths: 84 });
    expect(certificate.purged).toContainEqual(expect.objectContaining({ month: "2016-03-01", counted: 1 }));
    expect(await read()).toEqual({ "idva_service/domestic_abuse/total/": 1 });
  });
});

describe("the Beyond police data view", () => {
  it("publishes the golden table under disclosure control, with police recorded crime beside it", async () => {
    const [police] = await test.db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.name, "Demo Police West Yorkshire"));
    await test.db.delete(t.recordedCrimeReturns).where(and(eq(t.recordedCrimeReturns.forceAreaCode, WEST_YORKSHIRE), eq(t.recordedCrimeReturns.month, "2026-09-01")));
    await test.db.insert(t.recordedCrimeReturns).values([
      { orgId: police!.id, forceAreaCode: WEST_YORKSHIRE, month: "2026-09-01", threatArea: "domestic_abuse", count: 5 },
      { orgId: police!.id, forceAreaCode: WEST_YORKSHIRE, month: "2026-09-01", threatArea: "rasso", count: 10 },
    ]);
    const view = await insightView(wyAnalyst, "beyond-police", september);
    if (view.view !== "beyond-police") throw new Error("expected the Beyond police data view");
    // After the correction and withdrawal above: IDVA domestic abuse 4, RASSO 2; ISVA RASSO 2.
    expect(view.byPartnerType.rows).toEqual(["isva_service", "idva_service"]);
    expect(view.byPartnerType.columns).toEqual(["domestic_abuse", "rasso"]);
    // Cells [[0, 2], [4, 2]]: every non-zero cell is 1..4 and suppressed, the zero is published as 0;
    // the ISVA row total (2) and both column totals (4, 4) are suppressed too.
    expect(view.byPartnerType.cells).toEqual([
      [{ value: 0, suppressed: null }, { value: null, suppressed: "primary" }],
      [{ value: null, suppressed: "primary" }, { value: null, suppressed: "primary" }],
    ]);
    expect(view.byPartnerType.rowTotals[0]).toEqual({ value: null, suppressed: "primary" });
    expect(view.byPartnerType.columnTotals).toEqual([{ value: null, suppressed: "primary" }, { value: null, suppressed: "primary" }]);
    // Domestic abuse: 4 partner disclosures (suppressed) against 5 recorded crimes (exactly k: never perturbed): no ratio.
    expect(view.hiddenDemand.find((row) => row.threatArea === "domestic_abuse")).toMatchObject({ partner: { value: null, suppressed: "primary" }, police: { value: 5, suppressed: null }, ratio: null });
    expect(view.policy).toEqual({ threshold: 5, roundToBase5: false, perturbed: true });
  });

  it("refuses caseworkers, auditing the refusal", async () => {
    await expect(insightView(idvaCaseworker, "beyond-police", september)).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("grants of single local authorities beside grants of whole force areas", () => {
  it("count a provider's cells of the local authority granted only, and never twice where a whole force area is granted too", async () => {
    const wyTotals = flat(await counts(wyAnalyst, ["total"]));
    const terms = {
      providers: [idvaCaseworker.organisation.id, isvaCaseworker.organisation.id],
      recipients: [gmAnalyst.organisation.id],
      startDate: "2026-01-01",
      endDate: "2027-12-31",
      disclosureThreshold: 5,
      roundToBase5: false,
    };
    // Leeds only: the IDVA service's disclosures are all in Leeds, the ISVA service's in Bradford.
    await insertActiveAgreement(test.db, { ...terms, reference: "DSA-GM-LEEDS-1", threatAreas: { domestic_abuse: "aggregate", rasso: "aggregate" }, geography: [{ forceAreaCode: WEST_YORKSHIRE, ladCode: LEEDS }] });
    const leedsOnly = {
      "idva_service/domestic_abuse/total/": wyTotals["idva_service/domestic_abuse/total/"],
      "idva_service/rasso/total/": wyTotals["idva_service/rasso/total/"],
    };
    expect(leedsOnly["idva_service/rasso/total/"]).toBeGreaterThan(0);
    expect(flat(await counts(gmAnalyst, ["total"]))).toEqual(leedsOnly);

    // And RASSO in the whole of West Yorkshire: the ISVA service's Bradford RASSO appears, the IDVA
    // service's Leeds RASSO is still counted once.
    await insertActiveAgreement(test.db, { ...terms, reference: "DSA-GM-WY-RASSO-1", threatAreas: { rasso: "aggregate" }, geography: [{ forceAreaCode: WEST_YORKSHIRE }] });
    expect(flat(await counts(gmAnalyst, ["total"]))).toEqual({ ...leedsOnly, "isva_service/rasso/total/": wyTotals["isva_service/rasso/total/"] });
    const inLeeds = await countsOver(gmAnalyst, parseInsightFilters({ period: "2026-09", lad: LEEDS }, NOW), ["total"]);
    expect(flat(inLeeds)).toEqual(leedsOnly);
  });
});
