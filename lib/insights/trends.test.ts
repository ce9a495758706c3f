import { describe, expect, it } from "vitest";
import type { DisclosurePolicy } from "@/lib/sdc";
import type { CountRow } from "./counts";
import { buildTrends, trendWindow } from "./trends";

// Golden datasets worked out by hand. Under k = 5 with base-5 rounding a count of 5 is never
// perturbed and 10, 15, 20… stay on their multiple of 5 whatever their noise (at most ±2), so each
// published figure below is its count.

const POLICY: DisclosurePolicy = { threshold: 5, roundToBase5: true, perturb: true };

const WINDOW = trendWindow({ to: "2026-12" }, "2026-12");

function monthly(threatArea: CountRow["threatArea"], counts: Record<string, number>): CountRow[] {
  return Object.entries(counts).map(([month, count]) => ({
    providerOrgId: "idva-org",
    providerType: "idva_service",
    threatArea,
    forceAreaCode: "E23000010",
    month,
    dimension: "total",
    value: "",
    count,
    recordKeySum: count * 41,
  }));
}

/** Counts for the twelve months of 2026 in order. */
const in2026 = (counts: number[]) => Object.fromEntries(counts.map((count, i) => [`2026-${String(i + 1).padStart(2, "0")}`, count]));

describe("the trend window", () => {
  it("runs over the 36 months ending with the chosen period", () => {
    const window = trendWindow({ to: "2026-06" }, "2026-11");
    expect(window).toMatchObject({ from: "2023-07", to: "2026-06" });
    expect(window.months).toHaveLength(36);
    expect(window.months[0]).toBe("2023-07");
    expect(window.months[35]).toBe("2026-06");
  });

  it("stops at the last complete month when the period runs into the current one", () => {
    expect(trendWindow({ to: "2026-12" }, "2026-11")).toMatchObject({ from: "2023-12", to: "2026-11" });
  });
});

describe("the Trends view, golden dataset", () => {
  // Domestic abuse rises by 5 a month through 2026, from 10 in January to 65 in December.
  const rising = in2026([10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65]);

  it("starts each series at its first month with disclosures and forecasts the straight line exactly", () => {
    const view = buildTrends(monthly("domestic_abuse", rising), WINDOW.months, POLICY);
    expect(view.byMonth.columns).toEqual(["domestic_abuse"]);
    expect(view.byMonth.columnTotals[0]).toEqual({ value: 450, suppressed: null });
    const [series] = view.series;
    expect(series!.months[0]).toBe("2026-01");
    expect(series!.values.map((value) => value.value)).toEqual([10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65]);
    // Twelve months fit a trend only; a perfect line continues 70, 75, … 125 with no spread.
    expect(series!.forecast!.model).toBe("trend");
    expect(series!.forecast!.months.map((month) => month.month)).toEqual(["2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06", "2027-07", "2027-08", "2027-09", "2027-10", "2027-11", "2027-12"]);
    expect(series!.forecast!.months[0]!.expected).toBeCloseTo(70, 6);
    expect(series!.forecast!.months[11]!.expected).toBeCloseTo(125, 6);
    expect(series!.forecast!.months[11]!.upper - series!.forecast!.months[11]!.lower).toBeCloseTo(0, 6);
    // Last 12: 10 + … + 65 = 450; next 12: 70 + … + 125 = 1,170.
    expect(series!.forecast!.last12).toBeCloseTo(450, 6);
    expect(series!.forecast!.expectedNext12).toBeCloseTo(1170, 6);
    expect(series!.judgement).toBe("It is almost certain that disclosures of domestic abuse in the next 12 months will exceed those in the last 12.");
  });

  it("words a falling series as a remote chance of an increase", () => {
    const falling = in2026([65, 60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10]);
    const view = buildTrends(monthly("stalking_harassment", falling), WINDOW.months, POLICY);
    expect(view.series[0]!.judgement).toBe("There is a remote chance that disclosures of stalking and harassment in the next 12 months will exceed those in the last 12.");
  });

  it("suppresses a month of 3, and the smallest other month so the threat area's total cannot give it away, and forecasts without both", () => {
    // RASSO through 2026: 20 a month, but 3 in March and 5 in August.
    const counts = in2026([20, 20, 3, 20, 20, 20, 20, 5, 20, 20, 20, 20]);
    const view = buildTrends(monthly("rasso", counts), WINDOW.months, POLICY);
    const values = view.series[0]!.values;
    expect(values[2]).toEqual({ value: null, suppressed: "primary" });
    expect(values[7]).toEqual({ value: null, suppressed: "secondary" });
    expect(values.filter((value) => value.value === 20)).toHaveLength(10);
    // The months' own totals (one threat area) are withheld with them.
    expect(view.byMonth.rowTotals.filter((total) => total.value === null)).toHaveLength(2);
    // Ten published months of 20: a flat line, the suppressed months counted at their fitted 20.
    expect(view.series[0]!.forecast!.expectedNext12).toBeCloseTo(240, 6);
    expect(view.series[0]!.forecast!.last12).toBeCloseTo(240, 6);
  });

  it("says so when a threat area has too few months to forecast", () => {
    const view = buildTrends(monthly("spiking", { "2026-09": 10, "2026-10": 10, "2026-11": 15, "2026-12": 10 }), WINDOW.months, POLICY);
    expect(view.series[0]!.months).toEqual(["2026-09", "2026-10", "2026-11", "2026-12"]);
    expect(view.series[0]!.forecast).toBeNull();
    expect(view.series[0]!.judgement).toBe("Too few months of published figures to forecast disclosures of spiking: a forecast needs at least 12 months, 6 of them published.");
  });

  it("has no series when nothing in scope was disclosed", () => {
    const view = buildTrends([], WINDOW.months, POLICY);
    expect(view.series).toEqual([]);
    expect(view.byMonth.rows).toHaveLength(36);
  });
});
