import type { Metadata } from "next";
import { DataTable } from "@/components/data-table";
import { BarChart } from "@/components/charts";
import { ChartedTable } from "@/components/insights/charted-table";
import { DisclosureNote, figure, ShareTable } from "@/components/insights/published-table";
import { PartnerTypesChart } from "../partner-types-chart";
import { InsightPage } from "../insight-page";
import { loadInsight, type SearchParams } from "../load";

export const metadata: Metadata = { title: "Beyond police data" };

/** Priority 1: what partners see that police data does not. */
export default async function BeyondPolicePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <InsightPage
      loaded={await loadInsight("beyond-police", searchParams)}
      title="Beyond police data"
      lede="What partners hear that police data does not show: who discloses, whether it was reported to the police, and why not."
      empty={(view) => view.byPartnerType.rows.length === 0}
    >
      {(view) => (
        <>
          <PartnerTypesChart table={view.byPartnerType} rounded={view.policy.roundToBase5} />
          <ChartedTable
            id="reported-chart"
            title="Reported to police, by partner type"
            rowHeading="Partner type"
            table={view.reportedToPolice}
            valueLabel="Disclosures"
            mode="stacked"
            rounded={view.policy.roundToBase5}
          />
          <ShareTable
            caption="Share not reported to police, by partner type"
            columns={["Partner type", "Not reported to police"]}
            rows={view.shareNotReported.map((entry) => ({ key: entry.partnerType, label: entry.label, shares: [entry.share] }))}
          />
          <ChartedTable
            id="barriers-chart"
            title="Barriers to reporting, where the victim did not report to police"
            caption="Barriers to reporting, where the victim did not report to police (a disclosure may give several)"
            rowHeading="Barrier"
            table={{ rowLabels: view.barriers.valueLabels, columnLabels: ["Disclosures"], cells: view.barriers.values.map((value) => [value]) }}
            valueLabel="Disclosures"
            rounded={view.policy.roundToBase5}
          />
          <section aria-labelledby="hidden-demand" className="space-y-3">
            <h2 id="hidden-demand" className="text-2xl font-bold">
              Partner disclosures beside police recorded crime
            </h2>
            {view.filters.ladCode ? (
              <p>Police recorded crime is counted by force area, so it is not set beside a single local authority. Choose a force area to compare.</p>
            ) : (
              <>
                <BarChart
                  id="hidden-demand-chart"
                  title="Partner disclosures and police recorded crime, by threat area"
                  categories={view.hiddenDemand.map((row) => row.label)}
                  series={[
                    { name: "Partner disclosures", values: view.hiddenDemand.map((row) => row.partner.value) },
                    { name: "Police recorded crime", values: view.hiddenDemand.map((row) => row.police.value) },
                  ]}
                  valueLabel="Count"
                  notes={["Both are protected by disclosure control, so the ratio in the table below is built from the published figures."]}
                />
                <DataTable
                  caption="Partner disclosures and police recorded crime by threat area, and partner disclosures per recorded crime"
                  columns={["Threat area", "Partner disclosures", "Police recorded crime", "Partner disclosures per recorded crime"]}
                >
                  {view.hiddenDemand.map((row) => (
                    <tr key={row.threatArea} className="border-b border-rule">
                      <th scope="row" className="py-2 pr-4 font-normal">
                        {row.label}
                      </th>
                      <td className="py-2 pr-4 tabular-nums">{figure(row.partner)}</td>
                      <td className="py-2 pr-4 tabular-nums">{figure(row.police)}</td>
                      <td className="py-2 tabular-nums">{row.ratio === null ? figure({ value: null, suppressed: "primary" }) : row.ratio.toFixed(2)}</td>
                    </tr>
                  ))}
                </DataTable>
              </>
            )}
          </section>
          <DisclosureNote threshold={view.policy.threshold} rounded={view.policy.roundToBase5} />
        </>
      )}
    </InsightPage>
  );
}
