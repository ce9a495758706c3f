import { NOT_KNOWN } from "@/lib/taxonomy";
import type { Random, Weights } from "../random";
import { w } from "./weights";

// Drawing answers that hold several codes, and times, from the seeded generator.

const LIST_SIZE = w({ 1: 55, 2: 32, 3: 13 });

/**
 * A multi-valued answer: ["not_known"] at rate `notKnown`, empty at rate `empty`, otherwise one to
 * three distinct codes. "not_known" is never mixed with other codes.
 */
export function multi<C extends string>(rng: Random, weights: Weights<C>, notKnown: number, empty: number): (C | typeof NOT_KNOWN)[] {
  if (rng.chance(notKnown)) return [NOT_KNOWN];
  if (rng.chance(empty)) return [];
  return distinct(rng, weights, Number(rng.weighted(LIST_SIZE)));
}

/** Up to `k` distinct codes drawn by weight (rejection is cheap: the lists are short). */
export function distinct<C extends string>(rng: Random, weights: Weights<C>, k: number): C[] {
  const chosen: C[] = [];
  for (let attempt = 0; chosen.length < k && attempt < k * 6; attempt++) {
    const code = rng.weighted(weights);
    if (!chosen.includes(code)) chosen.push(code);
  }
  return chosen;
}

/** A working-hours submission time within the month (never after `now`), drafted minutes to days before. */
export function timesIn(rng: Random, month: string, now: Date): { createdAt: Date; submittedAt: Date } {
  const year = Number(month.slice(0, 4));
  const monthIndex = Number(month.slice(5, 7)) - 1;
  const days = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const submitted = Date.UTC(year, monthIndex, rng.int(1, days), rng.int(8, 17), rng.int(0, 59), rng.int(0, 59));
  const submittedAt = new Date(Math.min(submitted, now.getTime()));
  const draftedFor = rng.chance(0.8) ? rng.int(2, 90) * 60_000 : rng.int(1, 5) * 86_400_000;
  return { createdAt: new Date(submittedAt.getTime() - draftedFor), submittedAt };
}
