import { describe, expect, it } from "vitest";
import type { DisclosurePolicy } from "@/lib/sdc";
import type { CountRow } from "./counts";
import { buildBeyondPolice, buildOverview } from "./views";

// Golden datasets: hand-made counts and the tables a person works out from them. Under k = 5 with
// base-5 rounding, a count of exactly 5 is never perturbed and 10, 15, 20… stay on their multiple
// of 5 whatever their noise (at most ±2), so every published figure below is known by hand.

const POLICY: DisclosurePolicy = { threshold: 5, roundToBase5: true, perturb: true };

function row(providerType: CountRow["providerType"], threatArea: CountRow["threatArea"], dimension: string, value: string, count: number, recordKeySum = count * 37): CountRow {
  return { providerOrgId: `${providerType}-org`, providerType, threatArea, forceAreaCode: "E23000010", month: null, dimension, value, count, recordKeySum };
}

const ROWS: CountRow[] = [
  row("idva_service", "domestic_abuse", "total", "", 20),
  row("idva_service", "rasso", "total", "", 5),
  row("isva_service", "domestic_abuse", "total", "", 5),
  row("isva_service", "rasso", "total", "", 10),
  row("idva_service", "domestic_abuse", "reported_to_police", "yes", 10),
  row("idva_service", "domestic_abuse", "reported_to_police", "no", 10),
  row("idva_service", "rasso", "reported_to_police", "no", 5),
  row("isva_service", "domestic_abuse", "reported_to_police", "no", 5),
  row("isva_service", "rasso", "reported_to_police", "yes", 3),
  row("isva_service", "rasso", "reported_to_police", "not_known", 7),
  row("idva_service", "domestic_abuse", "barriers", "fear_of_perpetrator", 10),
  row("isva_service", "rasso", "barriers", "fear_of_disbelief", 5),
  row("isva_service", "rasso", "barriers", "language", 2),
];

describe("the Beyond police data view, golden dataset", () => {
  const view = buildBeyondPolice(ROWS, [{ threatArea: "domestic_abuse", count: 50 }, { threatArea: "rasso", count: 5 }], POLICY);

  it("publishes partner type × threat area with its totals", () => {
    expect(view.byPartnerType.rows).toEqual(["isva_service", "idva_service"]);
    expect(view.byPartnerType.columns).toEqual(["domestic_abuse", "rasso"]);
    expect(view.byPartnerType.cells.map((cells) => cells.map((cell) => cell.value))).toEqual([
      [5, 10],
      [20, 5],
    ]);
    expect(view.byPartnerType.rowTotals.map((cell) => cell.value)).toEqual([15, 25]);
    expect(view.byPartnerType.columnTotals.map((cell) => cell.value)).toEqual([25, 15]);
    expect(view.byPartnerType.total.value).toBe(40);
    expect(view.byPartnerType.rowLabels).toEqual(["ISVA service", "IDVA service"]);
  });

  it("suppresses the ISVA's 3 reported and enough else that it cannot be worked out, and its share not reported with it", () => {
    // ISVA: yes 3 (primary), no 5, not known 7, total 15; IDVA: yes 10, no 15, not known 0, total 25.
    const isva = view.reportedToPolice.cells[0]!;
    expect(isva[0]).toEqual({ value: null, suppressed: "primary" });
    const published = [...view.reportedToPolice.cells.flat(), ...view.reportedToPolice.rowTotals, ...view.reportedToPolice.columnTotals, view.reportedToPolice.total];
    expect(published.filter((cell) => cell.suppressed === "secondary").length).toBeGreaterThan(0);
    const idva = view.shareNotReported.find((entry) => entry.partnerType === "idva_service")!;
    // 15 not reported of 25: both publishable multiples of 5 → 15 / 25.
    if (view.reportedToPolice.cells[1]![1]!.value !== null && view.reportedToPolice.rowTotals[1]!.value !== null) expect(idva.share).toBe(0.6);
    else expect(idva.share).toBeNull();
  });

  it("publishes barriers as a series, suppressing 2 and a second figure so the total cannot give it away", () => {
    const byCode = Object.fromEntries(view.barriers.labels.map((label, i) => [label, view.barriers.values[i]]));
    expect(byCode.fear_of_perpetrator).toEqual({ value: 10, suppressed: null });
    expect(byCode.language).toEqual({ value: null, suppressed: "primary" });
    expect(byCode.fear_of_disbelief).toEqual({ value: null, suppressed: "secondary" });
    expect(byCode.other).toEqual({ value: 0, suppressed: null });
  });

  it("sets partner disclosures beside police recorded crime as a hidden-demand ratio", () => {
    expect(view.hiddenDemand).toEqual([
      { threatArea: "domestic_abuse", label: "Domestic abuse", partner: { value: 25, suppressed: null }, police: { value: 50, suppressed: null }, ratio: 0.5 },
      { threatArea: "rasso", label: expect.any(String), partner: { value: 15, suppressed: null }, police: { value: 5, suppressed: null }, ratio: 3 },
    ]);
  });
});

describe("the landing view, golden dataset", () => {
  it("gives a headline per threat area with a trend, and names the partner types and covered areas not contributing", () => {
    const previous = [row("idva_service", "domestic_abuse", "total", "", 10), row("idva_service", "rasso", "total", "", 15), row("isva_service", "rasso", "total", "", 2)];
    const covered = { level: "force_area" as const, areas: [{ code: "E23000010", label: "West Yorkshire", contributing: true }, { code: "E23000005", label: "Greater Manchester", contributing: false }] };
    const view = buildOverview(ROWS, previous, POLICY, covered);
    const headline = (area: string) => view.headlines.find((entry) => entry.threatArea === area)!;
    expect(headline("domestic_abuse")).toMatchObject({ current: { value: 25 }, previous: { value: 10 }, trend: "up" });
    // 15 now against 17 (16–19 published as 15 or 20 after noise and rounding): only a published pair makes a trend.
    expect(["down", "level"]).toContain(headline("rasso").trend);
    expect(headline("csae")).toMatchObject({ current: { value: 0 }, previous: { value: 0 }, trend: "level" });
    expect(view.silentPartnerTypes.map((type) => type.code)).toEqual(["police_force", "local_authority", "health", "third_sector"]);
    expect(view.silentAreas).toEqual({ level: "force_area", areas: [{ code: "E23000005", label: "Greater Manchester" }] });
  });
});
