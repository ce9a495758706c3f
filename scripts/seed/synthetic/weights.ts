import type { NOT_KNOWN } from "@/lib/taxonomy";
import type { Weights } from "../random";

// Weight tables are frozen so that the generator compiles each one once (see ../random.ts).

/** Weights over the codes of a field, "not known" apart: the generator draws that at its own rate. */
export type KnownWeights<C extends string> = Weights<Exclude<C, typeof NOT_KNOWN>>;

export function w<const T extends Record<string, number>>(weights: T): Readonly<T> {
  return Object.freeze(weights);
}
