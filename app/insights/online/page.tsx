import type { Metadata } from "next";
import { BarChart, LineChart } from "@/components/charts";
import { DisclosureNote, PublishedTable, share, ShareTable } from "@/components/insights/published-table";
import { InsightPage } from "../insight-page";
import { loadInsight, type SearchParams } from "../load";

export const metadata: Metadata = { title: "Online" };

const percent = (value: number | null) => (value === null ? null : Math.round(value * 100));

/** Priority 4: how much of what partners see happens online, where, and how that is changing. */
export default async function OnlinePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <InsightPage
      loaded={await loadInsight("online", searchParams)}
      title="Online"
      lede="The share of disclosures with an online element (an online space or a platform named), the kinds of platform, and the share month by month."
      empty={(view) => view.byThreatArea.columns.length === 0}
    >
      {(view) => (
        <>
          <p className="text-xl">
            <span className="font-bold">{share(view.overallShare)}</span> of disclosures in scope had an online element.
          </p>
          <PublishedTable caption="Disclosures with and without an online element, by threat area" rowHeading="Online element" table={view.byThreatArea} />
          <ShareTable
            caption="Share of disclosures with an online element, by threat area"
            columns={["Threat area", "Share"]}
            rows={view.share.map((entry) => ({ key: entry.threatArea, label: entry.label, shares: [entry.share] }))}
          />
          <BarChart
            id="online-platforms"
            title="Platform types named"
            notes={["A disclosure may name several platforms."]}
            categories={view.platforms.valueLabels}
            series={[{ name: "Disclosures", values: view.platforms.values.map((value) => value.value) }]}
            valueLabel="Disclosures naming the platform"
          />
          <LineChart
            id="online-share"
            title="Share with an online element, month by month"
            notes={["Per cent of each month's disclosures; a month whose figures are withheld is a gap."]}
            points={view.byMonth.rowLabels.map((label, i) => ({ label, value: percent(view.byMonth.shares[i] ?? null) }))}
            valueLabel="Per cent with an online element"
          />
          <DisclosureNote threshold={view.policy.threshold} rounded={view.policy.roundToBase5} />
        </>
      )}
    </InsightPage>
  );
}
