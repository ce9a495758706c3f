/** What an agreement asks of every figure built on its data (see docs/disclosure-control.md). */
export type DisclosurePolicy = {
  /** k: counts 1..k−1 are suppressed. Never below 3, whatever the agreement says. */
  threshold: number;
  /** Published counts are rounded to base 5 (below national level). */
  roundToBase5: boolean;
  /** ONS-style cell-key perturbation is on. */
  perturb: boolean;
};

/** The smallest threshold any figure is published under: a count of 1 or 2 is never shown. */
const MINIMUM_THRESHOLD = 3;

/** The design's default for an agreement that says nothing else. */
export const DEFAULT_POLICY: DisclosurePolicy = { threshold: 5, roundToBase5: true, perturb: true };

/**
 * The threshold actually applied. A threshold below 3 (or not a whole number) is clamped up rather
 * than refused: a lax setting in one agreement must never make a figure less protected.
 */
export function effectiveThreshold(policy: DisclosurePolicy): number {
  const k = Number.isFinite(policy.threshold) ? Math.ceil(policy.threshold) : MINIMUM_THRESHOLD;
  return Math.max(MINIMUM_THRESHOLD, k);
}

/**
 * The strictest of several agreements' policies, for a figure that pools data shared under all of
 * them: the highest threshold, and rounding or perturbation if any one asks for it. With no
 * agreement there is nothing to publish, so an empty list is refused.
 */
export function mergePolicies(policies: readonly DisclosurePolicy[]): DisclosurePolicy {
  if (policies.length === 0) throw new RangeError("A figure needs at least one agreement's disclosure policy");
  return {
    threshold: Math.max(...policies.map(effectiveThreshold)),
    roundToBase5: policies.some((policy) => policy.roundToBase5),
    perturb: policies.some((policy) => policy.perturb),
  };
}
