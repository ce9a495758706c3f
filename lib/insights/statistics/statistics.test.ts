import { describe, expect, it } from "vitest";

import { funnelLimits } from "./funnel";
import { forecastMonthly, funnelPlot, increaseJudgement, type FunnelUnit } from "./index";
import { normalCdf, studentTCdf, studentTQuantile } from "./distributions";

const months = (start: number, n: number) =>
  Array.from({ length: n }, (_, i) => `${2023 + Math.floor((start + i) / 12)}-${String(((start + i) % 12) + 1).padStart(2, "0")}`);

// Expected figures were worked out independently with numpy/scipy (least squares, t distribution).
describe("distributions", () => {
  it("gives Student's t and the normal distribution to published accuracy", () => {
    expect(studentTCdf(1.5, 7)).toBeCloseTo(0.911350756505015, 9);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 8);
    expect(normalCdf(1.2)).toBeCloseTo(0.8849303297782918, 6);
  });
});

describe("forecastMonthly", () => {
  it("fits a trend to a year of data and forecasts with a 95% prediction interval", () => {
    const values = [10, 12, 11, 13, 12, 14, 13, 15, 14, 16, 15, 17];
    const forecast = forecastMonthly({ months: months(0, 12), values })!;
    expect(forecast.model).toBe("trend");
    // ŷ = 10.5769 + 0.53147·t, s = 0.81292 on 10 degrees of freedom.
    expect(forecast.months[0]!.month).toBe("2024-01");
    expect(forecast.months[0]!.expected).toBeCloseTo(16.954545454545453, 9);
    expect(forecast.months[0]!.lower).toBeCloseTo(14.827685641285827, 6);
    expect(forecast.months[0]!.upper).toBeCloseTo(19.08140526780508, 6);
    expect(forecast.months).toHaveLength(12);
    expect(forecast.months[11]!.month).toBe("2024-12");
    expect(forecast.expectedNext12).toBeCloseTo(238.5314685314685, 9);
    expect(forecast.last12).toBe(162);
    expect(forecast.probabilityOfIncrease).toBeCloseTo(0.999986071717201, 6);
  });

  it("gives an even chance of an increase to a flat, noisy series", () => {
    const values = [20, 22, 19, 21, 20, 23, 18, 21, 20, 22, 19, 21];
    const forecast = forecastMonthly({ months: months(0, 12), values })!;
    expect(forecast.expectedNext12).toBeCloseTo(244.99300699300701, 9);
    expect(forecast.probabilityOfIncrease).toBeCloseTo(0.48013268817587185, 6);
  });

  it("treats a suppressed month as missing and counts it at its fitted value in the last 12", () => {
    const values = [20, 22, 19, 21, 20, 23, 18, 21, 20, 22, 19, null];
    const forecast = forecastMonthly({ months: months(0, 12), values })!;
    expect(forecast.expectedNext12).toBeCloseTo(240, 8);
    expect(forecast.last12).toBeCloseTo(245.23636363636362, 8);
    expect(forecast.probabilityOfIncrease).toBeCloseTo(0.41608990242031463, 6);
  });

  it("fits monthly seasons as well as the trend once two years are observed", () => {
    const values = [
      56, 46.5, 51, 55.5, 49, 57.5, 51, 53.5, 58, 50.5, 54, 50.5, 60, 54.5, 57, 57.5, 59, 61.5, 57, 61.5, 62, 56.5, 62, 56.5,
    ];
    const forecast = forecastMonthly({ months: months(0, 24), values })!;
    expect(forecast.model).toBe("trend and season");
    expect(forecast.months[0]!.expected).toBeCloseTo(67, 8);
    expect(forecast.months[0]!.lower).toBeCloseTo(62.19160182659035, 6);
    expect(forecast.months[0]!.upper).toBeCloseTo(71.80839817340963, 6);
    expect(forecast.expectedNext12).toBeCloseTo(777, 8);
    expect(forecast.last12).toBe(705);
    expect(forecast.probabilityOfIncrease).toBeCloseTo(0.9998773109159114, 6);
  });

  it("says nothing about a series shorter than a year", () => {
    expect(forecastMonthly({ months: months(0, 11), values: new Array<number>(11).fill(5) })).toBeNull();
  });

  it("refuses months that are not consecutive", () => {
    expect(() => forecastMonthly({ months: ["2024-01", ...months(14, 11)], values: new Array<number>(12).fill(5) })).toThrow(
      "Months must be consecutive: expected 2024-02, not 2024-03",
    );
  });

  it("never gives an interval below zero", () => {
    const values = [9, 8, 7, 6, 5, 6, 4, 3, 2, 3, 1, 0];
    const forecast = forecastMonthly({ months: months(0, 12), values })!;
    expect(forecast.months.at(-1)!.expected).toBeLessThan(0);
    expect(forecast.months.every((month) => month.lower >= 0)).toBe(true);
  });
});

describe("increaseJudgement", () => {
  it.each([
    [0.999986, "It is almost certain that stalking disclosures in the next 12 months will exceed those in the last 12."],
    [0.71, "It is likely that stalking disclosures in the next 12 months will exceed those in the last 12."],
    [0.45, "There is a realistic possibility that stalking disclosures in the next 12 months will exceed those in the last 12."],
    [0.3, "It is unlikely that stalking disclosures in the next 12 months will exceed those in the last 12."],
    [0.02, "There is a remote chance that stalking disclosures in the next 12 months will exceed those in the last 12."],
  ])("words a probability of %d with the PHIA yardstick", (probability, sentence) => {
    expect(increaseJudgement("stalking disclosures", probability)).toBe(sentence);
  });
});

describe("funnelPlot", () => {
  it("puts the 95% and 99.8% limits at p₀ ± z·√(p₀(1−p₀)/n)", () => {
    const limits = funnelLimits(0.2, 100);
    expect(limits.lower998).toBeCloseTo(0.07639070775328748, 12);
    expect(limits.lower95).toBeCloseTo(0.12160144061839785, 12);
    expect(limits.upper95).toBeCloseTo(0.2783985593816022, 12);
    expect(limits.upper998).toBeCloseTo(0.32360929224671253, 12);
  });

  it("classifies units against the overall rate", () => {
    const units: FunnelUnit[] = [
      { label: "far above", numerator: 35, denominator: 100 },
      { label: "above", numerator: 30, denominator: 100 },
      { label: "typical", numerator: 20, denominator: 100 },
      { label: "below", numerator: 10, denominator: 100 },
      { label: "far below", numerator: 5, denominator: 100 },
      { label: "small", numerator: 4, denominator: 5 },
      { label: "hidden", numerator: null, denominator: 40 },
    ];
    const funnel = funnelPlot(units, 0.2)!;
    expect(funnel.points.map((point) => [point.label, point.classification])).toEqual([
      ["far above", "high outlier"],
      ["above", "high"],
      ["typical", "within limits"],
      ["below", "low"],
      ["far below", "low outlier"],
      ["small", "too few to classify"],
      ["hidden", "suppressed"],
    ]);
    expect(funnel.points[6]!.rate).toBeNull();
    expect(funnel.curve[0]!.denominator).toBe(10);
  });

  it("pools the published units for the overall rate when none is given", () => {
    const funnel = funnelPlot([
      { label: "a", numerator: 10, denominator: 50 },
      { label: "b", numerator: 30, denominator: 150 },
      { label: "c", numerator: null, denominator: null },
    ])!;
    expect(funnel.overallRate).toBeCloseTo(0.2, 12);
  });

  it("refuses a numerator larger than its denominator", () => {
    expect(() => funnelPlot([{ label: "a", numerator: 6, denominator: 5 }])).toThrow(
      "a: a rate's numerator lies between 0 and its denominator",
    );
  });
});
