import type { Metadata } from "next";
import Link from "next/link";
import { LineChart } from "@/components/charts";
import { ErrorSummary } from "@/components/form/error-summary";
import { DisclosureNote } from "@/components/insights/published-table";
import { insightQueryString } from "@/lib/insights/filters";
import type { InsightResult } from "@/lib/insights/service";
import { shortMonth, type TrendsView } from "@/lib/insights/trends";
import { loadInsight } from "../load";

export const metadata: Metadata = { title: "Trends" };

type SearchParams = Record<string, string | string[] | undefined>;

/** Monthly disclosures per threat area with a 12-month forecast, and a judgement of each in PHIA terms. */
export default async function TrendsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { result, problem, filterForm } = await loadInsight("trends", "/insights/trends", searchParams);
  const view = result as (InsightResult & TrendsView) | undefined;
  const query = view ? insightQueryString(view.filters) : "";
  const first = view?.months[0];
  const last = view?.months[view.months.length - 1];
  return (
    <div className="space-y-6">
      <p>
        <Link href={`/insights${query ? `?${query}` : ""}`}>Back to Insights</Link>
      </p>
      <h1 className="text-3xl font-bold">Trends</h1>
      <p>
        Disclosures each month per threat area over three years to the end of the period chosen, with a forecast of the next 12 months. Each judgement uses the
        Professional Head of Intelligence Analysis probability yardstick.
      </p>
      {problem ? <ErrorSummary message={problem.message} fieldErrors={problem.fieldErrors} /> : null}
      {filterForm}
      {view && first && last ? (
        <>
          <p role="status">
            Figures for {shortMonth(first)} to {shortMonth(last)}.
          </p>
          {view.series.length === 0 ? (
            <p>No disclosures in scope match these filters.</p>
          ) : (
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
                  A forecast is fitted to the published monthly figures only: a trend, and a pattern through the year once two years are published. Withheld months
                  are left out of the fit.
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
          <DisclosureNote threshold={view.policy.threshold} rounded={view.policy.roundToBase5} />
        </>
      ) : null}
    </div>
  );
}
