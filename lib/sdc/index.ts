/**
 * Statistical disclosure control: every count any role sees passes through here before it leaves
 * the server. Pure functions, no I/O. What each protection defends against: docs/disclosure-control.md.
 */
import { perturbationNoise } from "./perturbation";
import { effectiveThreshold, type DisclosurePolicy } from "./policy";
import { protectPattern } from "./suppression";

export { DEFAULT_POLICY, effectiveThreshold, mergePolicies, type DisclosurePolicy } from "./policy";
export { perturbationNoise } from "./perturbation";

/**
 * One cell as counted: the number of disclosures and the sum of their record keys (each disclosure
 * carries a random record key 0..255 stored with it; the aggregate tables keep sum(record_key) per cell).
 */
export type CountCell = { count: number; recordKeySum: number };
export type CountTable = {
  rows: readonly string[];
  columns: readonly string[];
  cells: readonly (readonly CountCell[])[];
};
/**
 * A figure as published. `value` is null exactly when it is suppressed: "primary" for a count of
 * 1..k−1, "secondary" for a larger count withheld so a primary one cannot be worked out from totals.
 */
export type Published = { value: number | null; suppressed: null | "primary" | "secondary" };
export type PublishedTable = {
  rows: readonly string[];
  columns: readonly string[];
  cells: Published[][];
  rowTotals: Published[];
  columnTotals: Published[];
  total: Published;
};
export type PublishedSeries = { labels: readonly string[]; values: Published[]; total: Published };

function checkCell(cell: CountCell | undefined, where: string): CountCell {
  if (!cell) throw new RangeError(`No count for ${where}`);
  if (!Number.isSafeInteger(cell.count) || cell.count < 0) {
    throw new RangeError(`A count is a whole number of at least 0, not ${cell.count} (${where})`);
  }
  if (!Number.isSafeInteger(cell.recordKeySum) || cell.recordKeySum < 0) {
    throw new RangeError(`A record key sum is a whole number of at least 0, not ${cell.recordKeySum} (${where})`);
  }
  return cell;
}

function sumCells(cells: readonly CountCell[]): CountCell {
  return cells.reduce((sum, cell) => ({ count: sum.count + cell.count, recordKeySum: sum.recordKeySum + cell.recordKeySum }), {
    count: 0,
    recordKeySum: 0,
  });
}

/** Primary suppression: 1..k−1. Zero is published as 0 — see docs/disclosure-control.md ("Zeros"). */
function isPrimary(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}

/**
 * The published value of a count that is not suppressed: perturbed by its cell key, then rounded to
 * base 5. Both keep a non-zero count at k or above: perturbation by construction, rounding by
 * lifting a result that lands in 1..k−1 (possible only when k > 5) to the next multiple of 5 ≥ k.
 */
function publishValue(cell: CountCell, policy: DisclosurePolicy): number {
  const threshold = effectiveThreshold(policy);
  let value = cell.count;
  if (policy.perturb) value += perturbationNoise(cell.count, cell.recordKeySum, threshold);
  if (policy.roundToBase5 && value > 0) {
    value = Math.round(value / 5) * 5;
    if (value < threshold) value = Math.ceil(threshold / 5) * 5;
  }
  return value;
}

function publish(cell: CountCell, suppressed: boolean, policy: DisclosurePolicy): Published {
  if (isPrimary(cell.count, effectiveThreshold(policy))) return { value: null, suppressed: "primary" };
  if (suppressed) return { value: null, suppressed: "secondary" };
  return { value: publishValue(cell, policy), suppressed: null };
}

/**
 * A two-way table with row, column and grand totals, under disclosure control: primary suppression
 * of 1..k−1 (totals too), secondary suppression so that no suppressed figure can be solved for from
 * the published ones, then perturbation and rounding of what is published. Rounded and perturbed
 * figures need not add up to their totals; pages showing them say so.
 */
export function protectTable(table: CountTable, policy: DisclosurePolicy): PublishedTable {
  const threshold = effectiveThreshold(policy);
  if (table.cells.length !== table.rows.length) {
    throw new RangeError(`The table has ${table.rows.length} rows but counts for ${table.cells.length}`);
  }
  const cells = table.cells.map((row, i) => {
    if (row.length !== table.columns.length) {
      throw new RangeError(`Row "${table.rows[i]}" has ${row.length} counts for ${table.columns.length} columns`);
    }
    return row.map((cell, j) => checkCell(cell, `${table.rows[i]} × ${table.columns[j]}`));
  });
  const rowTotals = cells.map(sumCells);
  const columnTotals = table.columns.map((_, j) => sumCells(cells.map((row) => row[j]!)));
  const total = sumCells(rowTotals);

  // The extended table: interior, then the row totals as a last column, the column totals as a last row.
  const extended: CountCell[][] = [...cells.map((row, i) => [...row, rowTotals[i]!]), [...columnTotals, total]];
  const grid = {
    counts: extended.map((row) => row.map((cell) => cell.count)),
    suppressed: extended.map((row) => row.map((cell) => isPrimary(cell.count, threshold))),
  };
  protectPattern(grid);

  const out = extended.map((row, i) => row.map((cell, j) => publish(cell, grid.suppressed[i]![j]!, policy)));
  const lastRow = out[out.length - 1]!;
  return {
    rows: table.rows,
    columns: table.columns,
    cells: out.slice(0, -1).map((row) => row.slice(0, -1)),
    rowTotals: out.slice(0, -1).map((row) => row[row.length - 1]!),
    columnTotals: lastRow.slice(0, -1),
    total: lastRow[lastRow.length - 1]!,
  };
}

/**
 * A one-way series with its total, under disclosure control. The series and its total are one
 * equation, which gives away its only unknown: so either none or at least two figures are
 * suppressed, the second being the smallest published non-zero count (the total if nothing else).
 */
export function protectSeries(labels: readonly string[], cells: readonly CountCell[], policy: DisclosurePolicy): PublishedSeries {
  const threshold = effectiveThreshold(policy);
  if (cells.length !== labels.length) {
    throw new RangeError(`The series has ${labels.length} labels but ${cells.length} counts`);
  }
  const checked = cells.map((cell, i) => checkCell(cell, labels[i] ?? `item ${i + 1}`));
  const total = sumCells(checked);
  // The total last, so it is the candidate of last resort.
  const all = [...checked, total];
  const suppressed = all.map((cell) => isPrimary(cell.count, threshold));
  if (suppressed.filter(Boolean).length === 1) {
    let pick = -1;
    all.forEach((cell, i) => {
      if (suppressed[i] || cell.count === 0) return;
      if (pick === -1 || (i < checked.length && cell.count < all[pick]!.count)) pick = i;
    });
    if (pick === -1) throw new Error("A series with one suppressed count has a published non-zero total");
    suppressed[pick] = true;
  }
  const out = all.map((cell, i) => publish(cell, suppressed[i]!, policy));
  return { labels, values: out.slice(0, -1), total: out[out.length - 1]! };
}

/** A single count on its own (a headline figure): primary suppression, perturbation, rounding. */
export function protectCount(cell: CountCell, policy: DisclosurePolicy): Published {
  return publish(checkCell(cell, "the count"), false, policy);
}

/**
 * A rate or share: null (suppressed) when either side is suppressed or the denominator is 0.
 * Built from the published figures, never the true counts, so it gives away nothing they don't.
 */
export function publishedRate(numerator: Published, denominator: Published, per = 1): number | null {
  if (numerator.value === null || denominator.value === null || denominator.value === 0) return null;
  return (numerator.value / denominator.value) * per;
}
