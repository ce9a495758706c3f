import { protectTable, publishedRate, type DisclosurePolicy, type Published } from "@/lib/sdc";
import { DISCLOSURE_FIELDS } from "@/lib/taxonomy";
import type { CountRow } from "./counts";
import { grid, labelled, QUALITY_FIELDS, type LabelledTable } from "./views";

/**
 * Data quality (docs/insights.md#views): how completely and how promptly each provider
 * organisation records its disclosures. Completeness is the share of disclosures whose answer to
 * a field is something other than not known (the `answered` counts over the disclosures held);
 * timeliness is how many whole months after the month of disclosure it was submitted. Pure: every
 * figure through lib/sdc, every share from published figures.
 */

const LAG_BANDS = ["0", "1", "2", "3_5", "6_plus"] as const;
const LAG_LABELS = ["Same month", "The month after", "Two months after", "Three to five months after", "Six months or more after"];

export type DataQualityView = {
  view: "data-quality";
  /** Organisations × submission lag; the row totals are the disclosures held, the denominators of completeness. */
  timeliness: LabelledTable;
  /** Per organisation (and all of them, last), the published share submitted in the month of disclosure or the month after. */
  promptShares: { code: string; label: string; share: number | null }[];
  /** Organisations × fields answered; `shares` per organisation and, last, all organisations. */
  completeness: LabelledTable & { shares: (number | null)[][] };
};

/** The published sum of two published figures, or withheld when either is. */
function plus(a: Published, b: Published): Published {
  return a.value === null || b.value === null ? { value: null, suppressed: a.suppressed ?? b.suppressed } : { value: a.value + b.value, suppressed: null };
}

/** A share from published figures, never above 1 (each figure carries its own noise). */
function share(numerator: Published, denominator: Published): number | null {
  const rate = publishedRate(numerator, denominator);
  return rate === null ? null : Math.min(1, rate);
}

/** `organisations` names the providers to show, in order; one with no disclosure held is left out. */
export function buildDataQuality(rows: readonly CountRow[], organisations: readonly { code: string; label: string }[], policy: DisclosurePolicy): DataQualityView {
  const lags = rows.filter((row) => row.dimension === "submission_lag");
  const held = new Set(lags.filter((row) => row.count > 0).map((row) => row.providerOrgId));
  const shown = organisations.filter((organisation) => held.has(organisation.code));
  const codes = shown.map((organisation) => organisation.code);
  const labels = shown.map((organisation) => organisation.label);
  const timeliness = labelled(protectTable({ rows: codes, columns: LAG_BANDS, cells: grid(lags, () => true, (row) => row.providerOrgId, (row) => row.value, codes, LAG_BANDS) }, policy), labels, LAG_LABELS);
  const answered = rows.filter((row) => row.dimension === "answered");
  const completeness = labelled(
    protectTable({ rows: codes, columns: QUALITY_FIELDS, cells: grid(answered, () => true, (row) => row.providerOrgId, (row) => row.value, codes, QUALITY_FIELDS) }, policy),
    labels,
    QUALITY_FIELDS.map((field) => DISCLOSURE_FIELDS.label(field)),
  );
  const prompt = (cells: readonly Published[], total: Published) => share(plus(cells[0]!, cells[1]!), total);
  return {
    view: "data-quality",
    timeliness,
    promptShares: [
      ...shown.map((organisation, i) => ({ ...organisation, share: prompt(timeliness.cells[i]!, timeliness.rowTotals[i]!) })),
      { code: "all", label: "All organisations", share: prompt(timeliness.columnTotals, timeliness.total) },
    ],
    completeness: {
      ...completeness,
      shares: [
        ...completeness.cells.map((cells, i) => cells.map((cell) => share(cell, timeliness.rowTotals[i]!))),
        completeness.columnTotals.map((cell) => share(cell, timeliness.total)),
      ],
    },
  };
}
