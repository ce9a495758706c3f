import { describe, expect, it } from "vitest";
import type { DisclosurePolicy } from "@/lib/sdc";
import type { CountRow } from "./counts";
import { buildDataQuality } from "./data-quality";
import { QUALITY_FIELDS } from "./views";

// A golden dataset worked out by hand (k = 5, base-5 rounding: 5 is never perturbed, and 10, 15,
// 20… stay on their multiple of 5 whatever their noise of at most ±2).

const POLICY: DisclosurePolicy = { threshold: 5, roundToBase5: true, perturb: true };

function row(providerOrgId: string, dimension: string, value: string, count: number): CountRow {
  return { providerOrgId, providerType: "isva_service", threatArea: "rasso", forceAreaCode: "E23000010", month: null, dimension, value, count, recordKeySum: count * 29 };
}

const ROWS: CountRow[] = [
  // Alpha: 20 held, submitted 10 in the month, 5 the month after, 5 two months after.
  row("alpha", "submission_lag", "0", 10),
  row("alpha", "submission_lag", "1", 5),
  row("alpha", "submission_lag", "2", 5),
  // Beta: 10 held, 2 the month after and 8 six months or more after.
  row("beta", "submission_lag", "1", 2),
  row("beta", "submission_lag", "6_plus", 8),
  row("alpha", "answered", "victim_sex", 20),
  row("alpha", "answered", "victim_ethnicity", 15),
  row("beta", "answered", "victim_sex", 10),
  row("beta", "answered", "victim_ethnicity", 5),
  // Gamma holds no disclosure in the period (its only count is a field of none): left out.
  row("gamma", "answered", "victim_sex", 0),
];
const ORGANISATIONS = [
  { code: "alpha", label: "Alpha ISVA" },
  { code: "beta", label: "Beta ISVA" },
  { code: "gamma", label: "Gamma ISVA" },
];

describe("the Data quality view, golden dataset", () => {
  const view = buildDataQuality(ROWS, ORGANISATIONS, POLICY);

  it("publishes submission lag by organisation, suppressing Beta's 2 and the cheapest cycle through it", () => {
    expect(view.timeliness.rowLabels).toEqual(["Alpha ISVA", "Beta ISVA"]);
    expect(view.timeliness.columnLabels).toEqual(["Same month", "The month after", "Two months after", "Three to five months after", "Six months or more after"]);
    expect(view.timeliness.cells[0]!.map((cell) => cell.value)).toEqual([10, 5, 5, 0, 0]);
    // Beta × month after (2) is primary; the cycle Beta × six months (8) + total × six months (8) +
    // total × month after (7) = 23 is cheaper than through Alpha's row (10 + 20 + 5 = 35).
    expect(view.timeliness.cells[1]).toEqual([
      { value: 0, suppressed: null },
      { value: null, suppressed: "primary" },
      { value: 0, suppressed: null },
      { value: 0, suppressed: null },
      { value: null, suppressed: "secondary" },
    ]);
    expect(view.timeliness.columnTotals.map((cell) => cell.suppressed)).toEqual([null, "secondary", null, null, "secondary"]);
    expect(view.timeliness.rowTotals.map((cell) => cell.value)).toEqual([20, 10]);
    expect(view.timeliness.total.value).toBe(30);
  });

  it("gives the share submitted in the month or the next only where both figures are published", () => {
    expect(view.promptShares).toEqual([
      { code: "alpha", label: "Alpha ISVA", share: 0.75 },
      { code: "beta", label: "Beta ISVA", share: null },
      { code: "all", label: "All organisations", share: null },
    ]);
  });

  it("gives completeness as the fields answered over the disclosures held, per organisation and for all", () => {
    expect(view.completeness.columns).toEqual(QUALITY_FIELDS);
    const sex = QUALITY_FIELDS.indexOf("victim_sex");
    const ethnicity = QUALITY_FIELDS.indexOf("victim_ethnicity");
    const age = QUALITY_FIELDS.indexOf("victim_age_band");
    expect(view.completeness.columnLabels[ethnicity]).toBe("Victim ethnicity");
    expect(view.completeness.shares.map((shares) => [shares[sex], shares[ethnicity], shares[age]])).toEqual([
      [1, 0.75, 0],
      [1, 0.5, 0],
      [1, 20 / 30, 0],
    ]);
  });
});
