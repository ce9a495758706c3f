import { protectSeries, protectTable, publishedRate, type DisclosurePolicy } from "@/lib/sdc";
import { ONLINE_PLATFORMS, THREAT_AREAS, type ThreatArea } from "@/lib/taxonomy";
import type { CountRow } from "./counts";
import { shortMonth } from "./trends";
import { grid, labelled, present, sum, threatLabel, type LabelledSeries, type LabelledTable } from "./views";

/**
 * The Online view (priority 4, docs/insights.md#views): the share of disclosures with an online
 * element per threat area, the kinds of platform involved, and the share month by month. Pure:
 * every figure through lib/sdc, every share built from published figures.
 */

export type OnlineView = {
  view: "online";
  /** Online element (yes, no, not known) × threat area, with totals. */
  byThreatArea: LabelledTable;
  /** The published share with an online element per threat area, and over all of them. */
  share: { threatArea: ThreatArea; label: string; share: number | null }[];
  overallShare: number | null;
  /** Platform types named (a disclosure may name several). */
  platforms: LabelledSeries;
  /** Month × online element, with totals, and the published share with an online element each month. */
  byMonth: LabelledTable & { shares: (number | null)[] };
};

const ELEMENT = ["yes", "no", "not_known"] as const;
const ELEMENT_LABELS = ["Online element", "No online element", "Not known"];

/**
 * Builds the view from the period's `online_element` and `online_platforms` counts, and the
 * `online_element` counts by month over `months` (the period's own).
 */
export function buildOnline(rows: readonly CountRow[], monthly: readonly CountRow[], months: readonly string[], policy: DisclosurePolicy): OnlineView {
  const element = rows.filter((row) => row.dimension === "online_element");
  const areas = present(THREAT_AREAS.codes, rows.filter((row) => row.dimension === "total"), (row) => row.threatArea);
  const byThreatArea = labelled(
    protectTable({ rows: ELEMENT, columns: areas, cells: grid(element, () => true, (row) => row.value, (row) => row.threatArea, ELEMENT, areas) }, policy),
    ELEMENT_LABELS,
    areas.map(threatLabel),
  );
  const platformRows = rows.filter((row) => row.dimension === "online_platforms");
  const platformCodes = ONLINE_PLATFORMS.codes;
  const platforms = protectSeries(platformCodes, platformCodes.map((code) => sum(platformRows, (row) => row.value === code)), policy);
  const perMonth = monthly.filter((row) => row.dimension === "online_element" && row.month !== null);
  const byMonth = protectTable({ rows: months, columns: ELEMENT, cells: grid(perMonth, () => true, (row) => row.month!, (row) => row.value, months, ELEMENT) }, policy);
  return {
    view: "online",
    byThreatArea,
    share: areas.map((area, j) => ({ threatArea: area, label: threatLabel(area), share: publishedRate(byThreatArea.cells[0]![j]!, byThreatArea.columnTotals[j]!) })),
    overallShare: publishedRate(byThreatArea.rowTotals[0]!, byThreatArea.total),
    platforms: { ...platforms, valueLabels: platformCodes.map((code) => ONLINE_PLATFORMS.label(code)) },
    byMonth: { ...labelled(byMonth, months.map(shortMonth), ELEMENT_LABELS), shares: byMonth.cells.map((cells, i) => publishedRate(cells[0]!, byMonth.rowTotals[i]!)) },
  };
}
