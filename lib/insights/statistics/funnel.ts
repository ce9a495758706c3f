/**
 * Funnel plot of rates (for example the repeat victimisation rate of each organisation) against
 * the overall rate.
 *
 * Control limits use the normal approximation to the binomial: p₀ ± z·√(p₀(1 − p₀)/n), with
 * z = 1.96 for 95% and 3.09 for 99.8%, cut to [0, 1]. The exact binomial limits differ noticeably
 * only for small denominators, and the figures here have already been rounded or perturbed by
 * disclosure control, so the extra exactness would be spurious; a unit whose denominator is under
 * MINIMUM_DENOMINATOR is shown but not classified.
 */
import { Z_95, Z_998 } from "./distributions";

export type FunnelUnit = { label: string; numerator: number | null; denominator: number | null };

type FunnelClassification =
  | "high outlier" // above the 99.8% limit
  | "high" // above the 95% limit
  | "within limits"
  | "low" // below the 95% limit
  | "low outlier" // below the 99.8% limit
  | "too few to classify"
  | "suppressed";

export type FunnelLimits = { lower998: number; lower95: number; upper95: number; upper998: number };

type FunnelPoint = FunnelUnit & {
  rate: number | null;
  limits: FunnelLimits | null;
  classification: FunnelClassification;
};

export type Funnel = {
  overallRate: number;
  points: FunnelPoint[];
  /** The limits at evenly spaced denominators, to draw the funnel. */
  curve: (FunnelLimits & { denominator: number })[];
};

const MINIMUM_DENOMINATOR = 10;

export function funnelLimits(overallRate: number, denominator: number): FunnelLimits {
  if (!(denominator > 0)) throw new RangeError(`A funnel limit needs a positive denominator, not ${denominator}`);
  const se = Math.sqrt((overallRate * (1 - overallRate)) / denominator);
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return {
    lower998: clamp(overallRate - Z_998 * se),
    lower95: clamp(overallRate - Z_95 * se),
    upper95: clamp(overallRate + Z_95 * se),
    upper998: clamp(overallRate + Z_998 * se),
  };
}

function classify(rate: number, limits: FunnelLimits): FunnelClassification {
  if (rate > limits.upper998) return "high outlier";
  if (rate > limits.upper95) return "high";
  if (rate < limits.lower998) return "low outlier";
  if (rate < limits.lower95) return "low";
  return "within limits";
}

/**
 * Places each unit on the funnel. The overall rate is the pooled rate of the units that are
 * published (suppressed ones cannot be counted), unless the caller has a published overall rate.
 */
export function funnelPlot(units: readonly FunnelUnit[], overallRate?: number): Funnel | null {
  for (const unit of units) {
    if (unit.numerator !== null && unit.denominator !== null && (unit.numerator < 0 || unit.numerator > unit.denominator)) {
      throw new RangeError(`${unit.label}: a rate's numerator lies between 0 and its denominator`);
    }
  }
  const published = units.filter((unit) => unit.numerator !== null && unit.denominator !== null && unit.denominator > 0);
  const pooledDenominator = published.reduce((sum, unit) => sum + unit.denominator!, 0);
  const overall = overallRate ?? (pooledDenominator > 0 ? published.reduce((sum, unit) => sum + unit.numerator!, 0) / pooledDenominator : NaN);
  if (!Number.isFinite(overall)) return null;

  const points = units.map((unit): FunnelPoint => {
    if (unit.numerator === null || unit.denominator === null || unit.denominator === 0) {
      return { ...unit, rate: null, limits: null, classification: "suppressed" };
    }
    const rate = unit.numerator / unit.denominator;
    const limits = funnelLimits(overall, unit.denominator);
    const classification = unit.denominator < MINIMUM_DENOMINATOR ? "too few to classify" : classify(rate, limits);
    return { ...unit, rate, limits, classification };
  });

  const largest = Math.max(MINIMUM_DENOMINATOR, ...published.map((unit) => unit.denominator!));
  const steps = 40;
  const curve = Array.from({ length: steps + 1 }, (_, i) => {
    const denominator = MINIMUM_DENOMINATOR + ((largest * 1.1 - MINIMUM_DENOMINATOR) * i) / steps;
    return { denominator, ...funnelLimits(overall, denominator) };
  });
  return { overallRate: overall, points, curve };
}
