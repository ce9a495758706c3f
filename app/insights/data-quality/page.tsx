import type { Metadata } from "next";
import { BarChart } from "@/components/charts";
import { ChartedTable } from "@/components/insights/charted-table";
import { DisclosureNote, ShareTable } from "@/components/insights/published-table";
import { InsightPage } from "../insight-page";
import { loadInsight, type SearchParams } from "../load";

export const metadata: Metadata = { title: "Data quality" };

/** How completely and how promptly each organisation records its disclosures. */
export default async function DataQualityPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <InsightPage
      loaded={await loadInsight("data-quality", searchParams)}
      title="Data quality"
      lede={
        <>
          How completely each organisation answers the questions the intelligence priorities lean on (an answer other than not known), and how soon after the month of
          disclosure it submits. Gaps here are gaps in every other view.
        </>
      }
      empty={(view) => view.timeliness.rows.length === 0}
    >
      {(view) => {
        const overall = view.completeness.shares[view.completeness.shares.length - 1] ?? [];
        return (
          <>
            <section aria-labelledby="completeness-heading" className="space-y-3">
              <h2 id="completeness-heading" className="text-2xl font-bold">
                Completeness
              </h2>
              <BarChart
                id="completeness"
                title="Disclosures with a known answer, all organisations (per cent)"
                categories={view.completeness.columnLabels}
                series={[{ name: "Per cent answered", values: overall.map((value) => (value === null ? null : Math.round(value * 100))) }]}
                valueLabel="Per cent answered"
                notes={["Shares are worked out from published figures; a share over a withheld figure is withheld."]}
              />
              <ShareTable
                caption="Share of disclosures with an answer other than not known, by organisation and field"
                columns={["Organisation", ...view.completeness.columnLabels]}
                rows={[...view.completeness.rowLabels, "All organisations"].map((label, i) => ({ key: label, label, shares: view.completeness.shares[i] ?? [] }))}
              />
            </section>
            <section aria-labelledby="timeliness-heading" className="space-y-3">
              <h2 id="timeliness-heading" className="text-2xl font-bold">
                Timeliness
              </h2>
              <ChartedTable
                id="timeliness"
                title="When disclosures were submitted, after the month of disclosure, by organisation"
                caption="Disclosures by organisation and how long after the month of disclosure they were submitted"
                rowHeading="Organisation"
                table={view.timeliness}
                valueLabel="Disclosures"
                mode="stacked"
                rounded={view.policy.roundToBase5}
              />
              <ShareTable
                caption="Share submitted in the month of disclosure or the month after"
                columns={["Organisation", "Submitted in the month or the next"]}
                rows={view.promptShares.map((entry) => ({ key: entry.code, label: entry.label, shares: [entry.share] }))}
              />
            </section>
            <DisclosureNote threshold={view.policy.threshold} rounded={view.policy.roundToBase5} />
          </>
        );
      }}
    </InsightPage>
  );
}
