/** One figure of a benchmark, beside the ceiling it must stay under when it has one. */
export type Figure = { name: string; value: number; unit: string; ceiling?: number; ceilingNote?: string };

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
  return figure.ceiling === undefined || figure.value <= figure.ceiling;
}
