import type { Metadata } from "next";
import { FunnelPlot } from "@/components/charts";
import { DisclosureNote, PublishedTable, share } from "@/components/insights/published-table";
import type { RepeatVictimisationView } from "@/lib/insights/repeat-victimisation";
import { InsightPage } from "../insight-page";
import { loadInsight, type SearchParams } from "../load";

export const metadata: Metadata = { title: "Repeat victimisation" };

type Comparison = RepeatVictimisationView["byOrganisation"];

/** One comparison: the funnel plot (or why there is none) and the published counts behind it. */
function RepeatComparison({ id, title, unit, comparison }: { id: string; title: string; unit: string; comparison: Comparison }) {
  const { table, funnel, overallRate } = comparison;
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h2 id={`${id}-heading`} className="text-2xl font-bold">
        {title}
      </h2>
      {table.rows.length === 0 ? (
        <p>No disclosure in scope records whether the victim was known before.</p>
      ) : (
        <>
          <p>Overall: {share(overallRate)} of disclosures where it is known are from repeat victims.</p>
          {funnel ? (
            <FunnelPlot
              id={id}
              title={`Repeat victimisation rate by ${unit}`}
              overallRate={funnel.overallRate}
              points={funnel.points}
              curve={funnel.curve}
              rateLabel="Repeat victimisation rate"
              denominatorLabel="Disclosures where it is known"
              notes={["Rates are worked out from the published figures; a rate over a withheld figure is withheld and not plotted."]}
            />
          ) : (
            <p>No {unit}&apos;s rate can be published for these filters, so there is no funnel plot.</p>
          )}
          <PublishedTable caption={`Repeat victims by ${unit}`} rowHeading={unit[0]!.toUpperCase() + unit.slice(1)} table={table} />
        </>
      )}
    </section>
  );
}

/** How often victims come back: each organisation's and area's repeat rate against the overall rate. */
export default async function RepeatVictimisationPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <InsightPage
      loaded={await loadInsight("repeat-victimisation", searchParams)}
      title="Repeat victimisation"
      lede={
        <>
          The share of disclosures whose victim was known to the partner before, among those where it is known, by organisation and by area. A funnel plot sets each rate
          against the overall rate: points outside the dashed 95% limits differ by more than chance would usually explain, and outside the solid 99.8% limits, by far more.
        </>
      }
    >
      {(view) => (
        <>
          <RepeatComparison id="by-organisation" title="By organisation" unit="organisation" comparison={view.byOrganisation} />
          <RepeatComparison
            id="by-area"
            title={view.byArea.level === "force_area" ? "By police force area" : "By local authority"}
            unit={view.byArea.level === "force_area" ? "police force area" : "local authority"}
            comparison={view.byArea}
          />
          <DisclosureNote threshold={view.policy.threshold} rounded={view.policy.roundToBase5} />
        </>
      )}
    </InsightPage>
  );
}
