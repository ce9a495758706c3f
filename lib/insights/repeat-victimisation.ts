import { protectTable, publishedRate, type CountCell, type DisclosurePolicy } from "@/lib/sdc";
import type { CountRow } from "./counts";
import { funnelPlot } from "./statistics";
import type { Funnel } from "./statistics/funnel";
import { labelled, sum, type LabelledTable } from "./views";

/**
 * Repeat victimisation (docs/insights.md#views): the share of disclosures whose victim was known to
 * the partner before, among those where it is known, by organisation and by area, each on a funnel
 * plot against the overall rate with outliers marked. Every rate is built from published figures
 * (lib/sdc), so a rate over a withheld count is withheld and left off the plot.
 */

/** A unit compared (an organisation or an area) with the counts of its disclosures. */
export type RepeatUnit = { code: string; label: string; rows: readonly CountRow[] };

type RepeatComparison = {
  /** Units × (repeat victim, not a repeat victim); the row totals are the disclosures where it is known. */
  table: LabelledTable;
  /** The overall rate from the table's published margins, or null where either is withheld. */
  overallRate: number | null;
  /** The funnel plot, or null when no unit's rate can be published. */
  funnel: Funnel | null;
};

export type RepeatVictimisationView = {
  view: "repeat-victimisation";
  byOrganisation: RepeatComparison;
  /** Force areas, or the local authorities of the force area chosen. */
  byArea: RepeatComparison & { level: "force_area" | "local_authority" };
};

const ANSWERS = ["yes", "no"] as const;
const ANSWER_LABELS = ["Repeat victim", "Not a repeat victim"];

const cellOf = (unit: RepeatUnit, answer: string): CountCell => sum(unit.rows, (row) => row.dimension === "victim_repeat" && row.value === answer);

function compare(units: readonly RepeatUnit[], policy: DisclosurePolicy): RepeatComparison {
  // Only units with a known answer are compared: a unit that never records it has no rate.
  const shown = units.filter((unit) => ANSWERS.some((answer) => cellOf(unit, answer).count > 0));
  const table = labelled(
    protectTable({ rows: shown.map((unit) => unit.code), columns: ANSWERS, cells: shown.map((unit) => ANSWERS.map((answer) => cellOf(unit, answer))) }, policy),
    shown.map((unit) => unit.label),
    ANSWER_LABELS,
  );
  // Noise and rounding act on each figure alone, so a published numerator can exceed its published
  // denominator (12 of 12 may read 13 of 12): no rate is taken above 1.
  const rate = publishedRate(table.columnTotals[0]!, table.total);
  const overallRate = rate === null ? null : Math.min(1, rate);
  const funnel = funnelPlot(
    shown.map((unit, i) => {
      const numerator = table.cells[i]![0]!.value;
      const denominator = table.rowTotals[i]!.value;
      return { label: unit.label, numerator: numerator === null || denominator === null ? numerator : Math.min(numerator, denominator), denominator };
    }),
    overallRate ?? undefined,
  );
  return { table, overallRate, funnel };
}

/** The units of `units` (code and label) with the rows `key` places in each, for comparing providers or force areas. */
export function unitsOf(rows: readonly CountRow[], units: readonly { code: string; label: string }[], key: (row: CountRow) => string): RepeatUnit[] {
  return units.map((unit) => ({ ...unit, rows: rows.filter((row) => key(row) === unit.code) }));
}

/** Repeat victimisation by provider organisation and by area (force areas, or the local authorities of the force area chosen). */
export function buildRepeatVictimisation(
  organisations: readonly RepeatUnit[],
  areas: { level: "force_area" | "local_authority"; units: readonly RepeatUnit[] },
  policy: DisclosurePolicy,
): RepeatVictimisationView {
  return {
    view: "repeat-victimisation",
    byOrganisation: compare(organisations, policy),
    byArea: { level: areas.level, ...compare(areas.units, policy) },
  };
}
