/**
 * A 12-month forecast of a monthly series, with prediction intervals and the probability that the
 * next 12 months exceed the last 12.
 *
 * The model is a linear regression on a straight-line trend plus a fixed effect for each calendar
 * month (the "seasonal dummies" model), fitted by least squares. Chosen over Holt-Winters because
 * the series here are short (two to five years of a partner's returns), where Holt-Winters'
 * smoothing parameters are poorly identified and its intervals need simulation; the regression
 * gives exact t-based prediction intervals that include the uncertainty in the fitted trend and
 * seasons, handles suppressed months as missing observations, and can be checked by hand.
 * With fewer than two years observed, the seasons cannot be estimated and the trend alone is used.
 */
import { studentTCdf, studentTQuantile } from "./distributions";

export type MonthlySeries = {
  /** Calendar months, "YYYY-MM", consecutive and in order. */
  months: readonly string[];
  /** The published figure for each month; null when it was suppressed (treated as missing). */
  values: readonly (number | null)[];
};

type ForecastMonth = { month: string; expected: number; lower: number; upper: number };

export type Forecast = {
  model: "trend and season" | "trend";
  /** The level of the prediction intervals, e.g. 0.95. */
  level: number;
  months: ForecastMonth[];
  /** Expected total of the next 12 months, and the total of the last 12 it is compared with. */
  expectedNext12: number;
  last12: number;
  /** P(total of the next 12 months > total of the last 12). */
  probabilityOfIncrease: number;
};

const HORIZON = 12;
/** Observed months needed: the seasonal model has 13 parameters and wants at least 10 degrees of freedom left. */
const SEASONAL_MINIMUM = 23;
const TREND_MINIMUM = 6;

function nextMonth(month: string, step: number): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new RangeError(`A month is written YYYY-MM, not "${month}"`);
  const index = Number(match[1]) * 12 + Number(match[2]) - 1 + step;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** Inverse of a small symmetric positive-definite matrix (Gauss-Jordan); null if singular. */
function invert(matrix: number[][]): number[][] | null {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let i = column + 1; i < n; i++) if (Math.abs(a[i]![column]!) > Math.abs(a[pivot]![column]!)) pivot = i;
    if (Math.abs(a[pivot]![column]!) < 1e-9) return null;
    [a[column], a[pivot]] = [a[pivot]!, a[column]!];
    const p = a[column]![column]!;
    a[column] = a[column]!.map((x) => x / p);
    for (let i = 0; i < n; i++) {
      if (i === column) continue;
      const factor = a[i]![column]!;
      a[i] = a[i]!.map((x, j) => x - factor * a[column]![j]!);
    }
  }
  return a.map((row) => row.slice(n));
}

type Fit = { beta: number[]; inverse: number[][]; sigma: number; degreesOfFreedom: number };

function fit(design: (t: number) => number[], observed: { t: number; y: number }[]): Fit | null {
  const p = design(0).length;
  const degreesOfFreedom = observed.length - p;
  if (degreesOfFreedom < 1) return null;
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  for (const { t, y } of observed) {
    const x = design(t);
    for (let i = 0; i < p; i++) {
      xty[i]! += x[i]! * y;
      for (let j = 0; j < p; j++) xtx[i]![j]! += x[i]! * x[j]!;
    }
  }
  const inverse = invert(xtx);
  if (!inverse) return null;
  const beta = inverse.map((row) => row.reduce((sum, v, j) => sum + v * xty[j]!, 0));
  const residualSquares = observed.reduce((sum, { t, y }) => sum + (y - dot(design(t), beta)) ** 2, 0);
  return { beta, inverse, sigma: Math.sqrt(residualSquares / degreesOfFreedom), degreesOfFreedom };
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a.reduce((sum, x, i) => sum + x * b[i]!, 0);
}

function quadratic(x: readonly number[], matrix: readonly (readonly number[])[]): number {
  return x.reduce((sum, xi, i) => sum + xi * dot(matrix[i]!, x), 0);
}

/**
 * Forecasts the 12 months after the series, or returns null when too few months are observed to
 * say anything (fewer than 6, or fewer than 12 months in all).
 */
export function forecastMonthly(series: MonthlySeries, level = 0.95): Forecast | null {
  const n = series.months.length;
  if (series.values.length !== n) throw new RangeError(`${n} months but ${series.values.length} values`);
  if (!(level > 0 && level < 1)) throw new RangeError(`An interval level lies strictly between 0 and 1, not ${level}`);
  if (n < HORIZON) return null;
  const first = series.months[0]!;
  series.months.forEach((month, t) => {
    if (month !== nextMonth(first, t)) throw new RangeError(`Months must be consecutive: expected ${nextMonth(first, t)}, not ${month}`);
  });
  const observed = series.values.flatMap((y, t) => (y === null ? [] : [{ t, y }]));
  // Calendar month of t, 0..11, relative to the first month; January of the first year is arbitrary.
  const seasonal = (t: number) => [1, t, ...Array.from({ length: 11 }, (_, m) => (t % 12 === m + 1 ? 1 : 0))];
  const trend = (t: number) => [1, t];

  let model: Forecast["model"] = "trend";
  let design = trend;
  let fitted: Fit | null = null;
  if (observed.length >= SEASONAL_MINIMUM) {
    fitted = fit(seasonal, observed);
    if (fitted) {
      model = "trend and season";
      design = seasonal;
    }
  }
  if (!fitted) {
    if (observed.length < TREND_MINIMUM) return null;
    fitted = fit(trend, observed);
    if (!fitted) return null;
  }
  const { beta, inverse, sigma, degreesOfFreedom } = fitted;
  const critical = studentTQuantile(0.5 + level / 2, degreesOfFreedom);

  const months = Array.from({ length: HORIZON }, (_, h): ForecastMonth => {
    const x = design(n + h);
    const expected = dot(x, beta);
    const half = critical * sigma * Math.sqrt(1 + quadratic(x, inverse));
    // Counts cannot be negative; the interval is cut at 0, the expectation is not.
    return { month: nextMonth(first, n + h), expected, lower: Math.max(0, expected - half), upper: expected + half };
  });

  // The next 12 months' total: its expectation, and its spread from 12 new errors plus the
  // uncertainty of the fitted line summed over the 12 months.
  const summed = Array.from({ length: HORIZON }, (_, h) => design(n + h)).reduce((acc, x) => acc.map((v, i) => v + x[i]!));
  const expectedNext12 = dot(summed, beta);
  const spread = sigma * Math.sqrt(HORIZON + quadratic(summed, inverse));
  // The last 12 months as published; a suppressed month counts at its fitted value.
  const last12 = series.values.slice(n - HORIZON).reduce<number>((sum, y, h) => sum + (y ?? dot(design(n - HORIZON + h), beta)), 0);
  const probabilityOfIncrease = spread > 0 ? 1 - studentTCdf((last12 - expectedNext12) / spread, degreesOfFreedom) : expectedNext12 > last12 ? 1 : 0;

  return { model, level, months, expectedNext12, last12, probabilityOfIncrease };
}
