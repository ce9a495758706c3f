import type { Metadata } from "next";
import { LineChart } from "@/components/charts";
import { DisclosureNote } from "@/components/insights/published-table";
import { shortMonth } from "@/lib/insights/trends";
import { InsightPage } from "../insight-page";
import { loadInsight, type SearchParams } from "../load";

export const metadata: Metadata = { title: "Trends" };

/** Monthly disclosures per threat area with a 12-month forecast, and a judgement of each in PHIA terms. */
export default async function TrendsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <InsightPage
      loaded={await loadInsight("trends", searchParams)}
      title="Trends"
      lede={
        <>
          Disclosures each month per threat area over three years to the end of the period chosen, with a forecast of the next 12 months. Each judgement uses the
          Professional Head of Intelligence Analysis probability yardstick.
        </>
      }
      // The trend is read over its own window of months (never empty): three years to the end of the period chosen.
      span={(view) => `${shortMonth(view.months[0]!)} to ${shortMonth(view.months[view.months.length - 1]!)}`}
      empty={(view) => view.series.length === 0}
      footnotes={(view) => <DisclosureNote threshold={view.policy.threshold} rounded={view.policy.roundToBase5} />}
    >
      {(view) => (
        <>
          <section aria-labelledby="judgements" className="space-y-3">
            <h2 id="judgements" className="text-2xl font-bold">
              Judgements
            </h2>
            <ul className="list-disc space-y-2 pl-6">
              {view.series.map((series) => (
                <li key={series.threatArea}>{series.judgement}</li>
              ))}
            </ul>
            <p className="text-muted">
              A forecast is fitted to the published monthly figures only: a trend, and a pattern through the year once two years are published. Withheld months are
              left out of the fit.
            </p>
          </section>
          {view.series.map((series) => (
            <section key={series.threatArea} aria-labelledby={`trend-${series.threatArea}-heading`}>
              <h2 id={`trend-${series.threatArea}-heading`} className="text-2xl font-bold">
                {series.label}
              </h2>
              <LineChart
                id={`trend-${series.threatArea}`}
                title={`${series.label}: disclosures each month`}
                points={series.months.map((month, i) => ({ label: shortMonth(month), value: series.values[i]?.value ?? null }))}
                forecast={(series.forecast?.months ?? []).map((month) => ({ label: shortMonth(month.month), expected: month.expected, lower: month.lower, upper: month.upper }))}
                forecastLevel={series.forecast?.level ?? 0.95}
                notes={[series.judgement]}
                valueLabel="Disclosures"
              />
            </section>
          ))}
        </>
      )}
    </InsightPage>
  );
}
