/**
 * One figure of a benchmark, beside the ceiling it must stay under when it has one — or, for a
 * rate (`higherIsBetter`), the floor it must reach.
 */
export type Figure = { name: string; value: number; unit: string; ceiling?: number; ceilingNote?: string; higherIsBetter?: boolean };

/** Milliseconds a piece of work takes, its result discarded. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function withinCeiling(figure: Figure): boolean {
  if (figure.ceiling === undefined) return true;
  return figure.higherIsBetter ? figure.value >= figure.ceiling : figure.value <= figure.ceiling;
}

/** The value at `share` (0–1) of sorted values, nearest rank; 0 of no values. */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}
