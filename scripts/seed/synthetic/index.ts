import { Random } from "../random";
import { type SyntheticOptions, preparePlan } from "./plan";
import { type SyntheticDisclosure, generateOne } from "./record";

/**
 * Deterministic synthetic disclosures for the demo seed and for benchmarks. Proportions follow the
 * national VAWG STRA (stalking and harassment ≈43%, a third of it domestic-abuse related, ≈25% repeat
 * victims) pooled over the partner types, and every record keeps the taxonomy's rules (docs/taxonomy.md).
 */

export type { SyntheticDisclosure, SyntheticOptions };

/** A whole batch as an array: fine for the demo seed's few hundred records per partner. */
export function generateDisclosures(options: SyntheticOptions): SyntheticDisclosure[] {
  return Array.from(iterateDisclosures(options));
}

/** One record at a time, for volumes that should not sit in memory at once. */
export function* iterateDisclosures(options: SyntheticOptions): Generator<SyntheticDisclosure> {
  const plan = preparePlan(options);
  const rng = new Random(options.seed);
  for (let i = 0; i < options.count; i++) yield generateOne(rng, plan);
}
