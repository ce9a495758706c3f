/** Number formatting shared by every chart, its summary and its table. */

const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The word a suppressed figure is shown as, everywhere: never 0, never blank. */
export const SUPPRESSED = "suppressed";

export function formatCount(value: number | null): string {
  return value === null ? SUPPRESSED : whole.format(value);
}

export function formatDecimal(value: number | null): string {
  return value === null ? SUPPRESSED : oneDecimal.format(value);
}

/** A proportion 0..1 as a percentage with one decimal place. */
export function formatPercent(value: number | null): string {
  return value === null ? SUPPRESSED : `${oneDecimal.format(value * 100)}%`;
}

/** Axis ticks from 0 to a round number at or above max: about `count` steps of 1, 2 or 5 × 10ⁿ. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step / 2 && ticks.length < 50; tick += step) ticks.push(Number(tick.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks.length * step).toPrecision(12)));
  return ticks;
}
