import { describe, expect, it } from "vitest";
import type { DisclosurePolicy } from "@/lib/sdc";
import type { CountRow } from "./counts";
import { buildOnline } from "./online";

// Golden dataset worked out by hand. Under k = 5 with base-5 rounding a count of 5 is never
// perturbed and 10, 15, 20… stay on their multiple of 5 whatever their noise (at most ±2).

const POLICY: DisclosurePolicy = { threshold: 5, roundToBase5: true, perturb: true };

function row(threatArea: CountRow["threatArea"], dimension: string, value: string, count: number, month: string | null = null): CountRow {
  return { providerOrgId: "idva-org", providerType: "idva_service", threatArea, forceAreaCode: "E23000010", month, dimension, value, count, recordKeySum: count * 53 };
}

const ROWS: CountRow[] = [
  row("domestic_abuse", "total", "", 20),
  row("rasso", "total", "", 10),
  row("domestic_abuse", "online_element", "yes", 10),
  row("domestic_abuse", "online_element", "no", 5),
  row("domestic_abuse", "online_element", "not_known", 5),
  row("rasso", "online_element", "yes", 5),
  row("rasso", "online_element", "no", 5),
  row("domestic_abuse", "online_platforms", "mainstream_social_media", 10),
  row("rasso", "online_platforms", "private_messaging", 5),
  row("rasso", "online_platforms", "dating_app", 2),
];

const MONTHLY: CountRow[] = [
  row("domestic_abuse", "online_element", "yes", 5, "2026-01"),
  row("domestic_abuse", "online_element", "no", 5, "2026-01"),
  row("domestic_abuse", "online_element", "yes", 10, "2026-02"),
  row("domestic_abuse", "online_element", "yes", 3, "2026-03"),
  row("domestic_abuse", "online_element", "no", 10, "2026-03"),
];

describe("the Online view, golden dataset", () => {
  const view = buildOnline(ROWS, MONTHLY, ["2026-01", "2026-02", "2026-03"], POLICY);

  it("publishes online element × threat area with its totals", () => {
    expect(view.byThreatArea.columns).toEqual(["domestic_abuse", "rasso"]);
    expect(view.byThreatArea.rowLabels).toEqual(["Online element", "No online element", "Not known"]);
    expect(view.byThreatArea.cells.map((cells) => cells.map((cell) => cell.value))).toEqual([
      [10, 5],
      [5, 5],
      [5, 0],
    ]);
    expect(view.byThreatArea.rowTotals.map((cell) => cell.value)).toEqual([15, 10, 5]);
    expect(view.byThreatArea.columnTotals.map((cell) => cell.value)).toEqual([20, 10]);
    expect(view.byThreatArea.total.value).toBe(30);
  });

  it("gives the share with an online element per threat area and overall, from the published figures", () => {
    // Domestic abuse 10 of 20, RASSO 5 of 10, overall 15 of 30.
    expect(view.share).toEqual([
      { threatArea: "domestic_abuse", label: "Domestic abuse", share: 0.5 },
      { threatArea: "rasso", label: "Rape and serious sexual offences", share: 0.5 },
    ]);
    expect(view.overallShare).toBe(0.5);
  });

  it("suppresses 2 dating-app disclosures and the smallest other platform so the total cannot give them away", () => {
    const byCode = Object.fromEntries(view.platforms.labels.map((code, i) => [code, view.platforms.values[i]]));
    expect(byCode.mainstream_social_media).toEqual({ value: 10, suppressed: null });
    expect(byCode.dating_app).toEqual({ value: null, suppressed: "primary" });
    expect(byCode.private_messaging).toEqual({ value: null, suppressed: "secondary" });
    expect(byCode.gaming_platform).toEqual({ value: 0, suppressed: null });
    expect(view.platforms.valueLabels[2]).toBe("Dating app");
  });

  it("suppresses March's 3 online and the cheapest cycle of figures around it, and withholds those months' shares", () => {
    // Months × (online, not online, not known): Jan 5, 5, 0; Feb 10, 0, 0; Mar 3, 10, 0. The
    // cheapest cells closing a cycle through March online: March not online 10, January not online 5
    // and January online 5 (zeros are never used).
    expect(view.byMonth.cells.map((cells) => cells.map((cell) => cell.suppressed))).toEqual([
      ["secondary", "secondary", null],
      [null, null, null],
      ["primary", "secondary", null],
    ]);
    // March's 13 is published (perturbed and rounded to 10 or 15): withholding it is not needed.
    expect(view.byMonth.rowTotals.map((cell) => cell.suppressed)).toEqual([null, null, null]);
    expect(view.byMonth.rowTotals.slice(0, 2).map((cell) => cell.value)).toEqual([10, 10]);
    expect(view.byMonth.rowLabels).toEqual(["Jan 2026", "Feb 2026", "Mar 2026"]);
    // February: 10 online of 10.
    expect(view.byMonth.shares).toEqual([null, 1, null]);
  });
});
