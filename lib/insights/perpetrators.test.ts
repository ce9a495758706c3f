import { describe, expect, it } from "vitest";
import type { DisclosurePolicy, Published } from "@/lib/sdc";
import type { CountRow } from "./counts";
import { buildPerpetrators } from "./perpetrators";

// A golden dataset worked out by hand. Under k = 5 with base-5 rounding a count of exactly 5 is
// never perturbed, and 10, 15, 20… stay on their multiple of 5 whatever their noise (at most ±2).

const POLICY: DisclosurePolicy = { threshold: 5, roundToBase5: true, perturb: true };

function row(threatArea: CountRow["threatArea"], dimension: string, value: string, count: number): CountRow {
  return { providerOrgId: "idva", providerType: "idva_service", threatArea, forceAreaCode: "E23000010", month: null, dimension, value, count, recordKeySum: count * 41 };
}

const values = (cells: readonly (readonly Published[])[]) => cells.map((cells) => cells.map((cell) => cell.value));

const ROWS: CountRow[] = [
  row("domestic_abuse", "total", "", 20),
  row("rasso", "total", "", 10),
  row("domestic_abuse", "perpetrator_other_offending", "yes", 10),
  row("domestic_abuse", "perpetrator_other_offending", "no", 5),
  row("domestic_abuse", "perpetrator_other_offending", "not_known", 5),
  row("rasso", "perpetrator_other_offending", "yes", 5),
  row("rasso", "perpetrator_other_offending", "no", 5),
  row("domestic_abuse", "perpetrator_other_offending_types", "violence", 8),
  row("domestic_abuse", "perpetrator_other_offending_types", "drugs", 2),
  row("rasso", "perpetrator_other_offending_types", "sexual", 5),
  row("domestic_abuse", "perpetrator_relationship", "current_partner", 15),
  row("domestic_abuse", "perpetrator_relationship", "ex_partner", 5),
  row("rasso", "perpetrator_relationship", "stranger", 5),
  row("rasso", "perpetrator_relationship", "not_known", 5),
  row("domestic_abuse", "perpetrator_number", "lone", 20),
  row("rasso", "perpetrator_number", "group", 10),
  row("domestic_abuse", "perpetrator_ideology_concern", "yes", 5),
  row("domestic_abuse", "perpetrator_ideology_concern", "no", 15),
  row("rasso", "perpetrator_ideology_concern", "not_known", 10),
];

describe("the Perpetrators view, golden dataset", () => {
  const view = buildPerpetrators(ROWS, POLICY);

  it("publishes known other offending × threat area with its totals, and the share known to other offending per threat area", () => {
    expect(view.otherOffending.columns).toEqual(["domestic_abuse", "rasso"]);
    expect(view.otherOffending.rowLabels).toEqual(["Yes", "No", "Not known"]);
    expect(values(view.otherOffending.cells)).toEqual([
      [10, 5],
      [5, 5],
      [5, 0],
    ]);
    expect(view.otherOffending.rowTotals.map((cell) => cell.value)).toEqual([15, 10, 5]);
    expect(view.otherOffending.columnTotals.map((cell) => cell.value)).toEqual([20, 10]);
    expect(view.otherOffending.total.value).toBe(30);
    expect(view.shareOtherOffending).toEqual([
      { threatArea: "domestic_abuse", label: "Domestic abuse", share: 0.5 },
      { threatArea: "rasso", label: "Rape and serious sexual offences", share: 0.5 },
    ]);
  });

  it("suppresses 2 drug offences, and violence (the cheapest cycle, never a zero) so the totals cannot give them back", () => {
    const kinds = view.offendingKinds;
    const at = (kind: string) => kinds.rows.indexOf(kind);
    expect(kinds.cells[at("drugs")]![0]).toEqual({ value: null, suppressed: "primary" });
    expect(kinds.rowTotals[at("drugs")]).toEqual({ value: null, suppressed: "primary" });
    expect(kinds.cells[at("violence")]![0]).toEqual({ value: null, suppressed: "secondary" });
    expect(kinds.rowTotals[at("violence")]).toEqual({ value: null, suppressed: "secondary" });
    // Domestic abuse 8 + 2 = 10 mentions, RASSO 5: both published, as are the zeros.
    expect(kinds.columnTotals.map((cell) => cell.value)).toEqual([10, 5]);
    expect(kinds.total.value).toBe(15);
    expect(kinds.cells[at("sexual")]).toEqual([{ value: 0, suppressed: null }, { value: 5, suppressed: null }]);
    expect(kinds.cells[at("weapons")]).toEqual([{ value: 0, suppressed: null }, { value: 0, suppressed: null }]);
  });

  it("publishes relationship, lone or group, and ideology concern by threat area", () => {
    expect(view.relationship.rows).toEqual(["current_partner", "ex_partner", "family_member", "acquaintance", "carer", "stranger", "online_contact_only", "multiple", "not_known"]);
    expect(values(view.relationship.cells)).toEqual([[15, 0], [5, 0], [0, 0], [0, 0], [0, 0], [0, 5], [0, 0], [0, 0], [0, 5]]);
    expect(view.number.rowLabels).toEqual(["Lone perpetrator", "Group", "Not known"]);
    expect(values(view.number.cells)).toEqual([[20, 0], [0, 10], [0, 0]]);
    expect(values(view.ideologyConcern.cells)).toEqual([[5, 0], [15, 0], [0, 10]]);
  });

  it("has no threat area columns when nothing is in scope", () => {
    const empty = buildPerpetrators([], POLICY);
    expect(empty.otherOffending.columns).toEqual([]);
    expect(empty.shareOtherOffending).toEqual([]);
  });
});
