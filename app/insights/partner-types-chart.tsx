import { ChartedTable } from "@/components/insights/charted-table";
import type { LabelledFigures } from "@/components/insights/published-table";

/** Disclosures by partner type and threat area, as the landing page and Beyond police data both show them. */
export function PartnerTypesChart({ table, rounded }: { table: LabelledFigures; rounded: boolean }) {
  return <ChartedTable id="partner-types-chart" title="Disclosures by partner type and threat area" rowHeading="Partner type" table={table} valueLabel="Disclosures" mode="stacked" rounded={rounded} />;
}
