import type { Metadata } from "next";
import { ChartedTable } from "@/components/insights/charted-table";
import { DisclosureNote, ShareTable } from "@/components/insights/published-table";
import { TableChart } from "@/components/insights/table-chart";
import { InsightPage } from "../insight-page";
import { loadInsight, type SearchParams } from "../load";

export const metadata: Metadata = { title: "Communities" };

/** Priority 2: who the victims are, and how completely each kind of partner records it. */
export default async function CommunitiesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <InsightPage
      loaded={await loadInsight("communities", searchParams)}
      title="Communities"
      lede="Victims by Census 2021 ethnic group, migrant status, no recourse to public funds, LGBTQ+ and disability, and how completely partners record them."
      empty={(view) => view.ethnicGroups.columns.length === 0}
    >
      {(view) => (
        <>
          <ChartedTable
            id="ethnic-groups-chart"
            title="Victims by ethnic group (Census 2021) and threat area"
            rowHeading="Ethnic group"
            table={view.ethnicGroups}
            valueLabel="Victims"
            mode="stacked"
            rounded={view.policy.roundToBase5}
          />
          <ChartedTable
            id="profiles-chart"
            title="Victims who are migrants, have no recourse to public funds, are LGBTQ+ or disabled, by threat area"
            caption="Victims who are migrants, have no recourse to public funds, are LGBTQ+ or disabled, by threat area (a victim may be in several rows)"
            rowHeading="Victim"
            table={view.profiles}
            totals={false}
            valueLabel="Victims"
            mode="stacked"
            rounded={view.policy.roundToBase5}
          />
          <TableChart
            id="completeness-chart"
            title="How completely each type of partner records these answers (per cent with an answer other than not known)"
            rowLabels={view.completeness.rowLabels}
            columnLabels={view.completeness.columnLabels}
            cells={view.completeness.shares.map((shares) => shares.map((value) => ({ value: value === null ? null : Math.round(value * 100) })))}
            valueLabel="Per cent answered"
            rounded={false}
          />
          <ShareTable
            caption="How completely each type of partner records these answers: the share of disclosures with an answer other than not known"
            columns={["Partner type", ...view.completeness.columnLabels]}
            rows={view.completeness.rowLabels.map((label, i) => ({ key: label, label, shares: view.completeness.shares[i] ?? [] }))}
          />
          <DisclosureNote threshold={view.policy.threshold} rounded={view.policy.roundToBase5} />
        </>
      )}
    </InsightPage>
  );
}
