import { describe, expect, it } from "vitest";
import type { DisclosurePolicy } from "@/lib/sdc";
import type { CountRow } from "./counts";
import { buildRepeatVictimisation, unitsOf, type RepeatUnit } from "./repeat-victimisation";

// A golden dataset worked out by hand (k = 5, base-5 rounding: 5 is never perturbed, and 10, 15,
// 20… stay on their multiple of 5 whatever their noise of at most ±2).

const POLICY: DisclosurePolicy = { threshold: 5, roundToBase5: true, perturb: true };

function row(providerOrgId: string, value: "yes" | "no" | "not_known", count: number, forceAreaCode = "E23000010"): CountRow {
  return { providerOrgId, providerType: "idva_service", threatArea: "domestic_abuse", forceAreaCode, month: null, dimension: "victim_repeat", value, count, recordKeySum: count * 53 };
}

// Repeat victims of the disclosures where it is known: A 10 of 25, B 8 of 23, C 2 of 17, D 20 of 40, E 20 of 20.
const ROWS: CountRow[] = [
  row("a", "yes", 10), row("a", "no", 15), row("a", "not_known", 30),
  row("b", "yes", 8), row("b", "no", 15),
  row("c", "yes", 2), row("c", "no", 15),
  row("d", "yes", 20), row("d", "no", 20),
  row("e", "yes", 20),
  row("f", "not_known", 12),
];
const ORGANISATIONS = ["a", "b", "c", "d", "e", "f"].map((code) => ({ code, label: `Partner ${code.toUpperCase()}` }));

describe("the Repeat victimisation view, golden dataset", () => {
  const none: { level: "force_area"; units: RepeatUnit[] } = { level: "force_area", units: [] };
  const view = buildRepeatVictimisation(unitsOf(ROWS, ORGANISATIONS, (r) => r.providerOrgId), none, POLICY);
  const { table, funnel } = view.byOrganisation;

  it("compares only the organisations that record whether the victim was known before", () => {
    expect(table.rows).toEqual(["a", "b", "c", "d", "e"]);
    expect(table.rowLabels).toEqual(["Partner A", "Partner B", "Partner C", "Partner D", "Partner E"]);
  });

  it("suppresses C's 2 repeat victims and B's row, the cheapest cycle that keeps them from the totals", () => {
    // C × yes (2) is primary. Closing a cycle through it: C × no (15) + B × no (15) + B × yes (8) = 38
    // beats the same through A (15 + 15 + 10 = 40) or the row totals (17 + 23 + 8 = 48); E's no is a zero.
    expect(table.cells[2]).toEqual([{ value: null, suppressed: "primary" }, { value: null, suppressed: "secondary" }]);
    expect(table.cells[1]).toEqual([{ value: null, suppressed: "secondary" }, { value: null, suppressed: "secondary" }]);
    expect(table.cells[0]).toEqual([{ value: 10, suppressed: null }, { value: 15, suppressed: null }]);
    expect(table.rowTotals[0]).toEqual({ value: 25, suppressed: null });
    expect(table.columnTotals.map((cell) => cell.value)).toEqual([60, 65]);
    expect(table.total.value).toBe(125);
  });

  it("plots each published rate against the overall 60 of 125, withholds the rates built on suppressed counts, and marks E a high outlier", () => {
    expect(view.byOrganisation.overallRate).toBe(0.48);
    expect(funnel!.overallRate).toBe(0.48);
    expect(funnel!.points.map((point) => [point.label, point.rate, point.classification])).toEqual([
      ["Partner A", 0.4, "within limits"],
      ["Partner B", null, "suppressed"],
      ["Partner C", null, "suppressed"],
      ["Partner D", 0.5, "within limits"],
      ["Partner E", 1, "high outlier"],
    ]);
    // E: 0.48 + 3.09 × √(0.48 × 0.52 / 20) = 0.825, under its rate of 1.
    expect(funnel!.points[4]!.limits!.upper998).toBeCloseTo(0.8252, 4);
  });

  it("withholds an area's rate, and draws no funnel, when its repeat victims are too few to publish", () => {
    const areas = unitsOf([row("a", "yes", 3, "E23000005"), row("a", "no", 10, "E23000005")], [{ code: "E23000005", label: "Greater Manchester" }], (r) => r.forceAreaCode);
    const byArea = buildRepeatVictimisation([], { level: "force_area", units: areas }, POLICY).byArea;
    expect(byArea.table.cells[0]).toEqual([{ value: null, suppressed: "primary" }, { value: null, suppressed: "secondary" }]);
    expect(byArea.overallRate).toBeNull();
    expect(byArea.funnel).toBeNull();
    expect(byArea.level).toBe("force_area");
  });
});
