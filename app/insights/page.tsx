import type { Metadata } from "next";
import Link from "next/link";
import { permits } from "@/lib/access/permissions";
import { ErrorSummary } from "@/components/form/error-summary";
import { DisclosureNote, PublishedTable, figure } from "@/components/insights/published-table";
import { insightQueryString } from "@/lib/insights/filters";
import type { InsightResult } from "@/lib/insights/service";
import type { OverviewView } from "@/lib/insights/views";
import { loadInsight } from "./load";

export const metadata: Metadata = { title: "Insights" };

type SearchParams = Record<string, string | string[] | undefined>;

const TREND_TEXT = { up: "Up on the period before", down: "Down on the period before", level: "Level with the period before", unknown: "No trend: a figure is withheld" } as const;
const TREND_MARK = { up: "▲", down: "▼", level: "▶", unknown: "–" } as const;

/** What do we know, and where are the gaps: headline counts per threat area, who is not contributing, and the views. */
export default async function InsightsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { viewer, result, problem, filterForm } = await loadInsight("overview", "/insights", searchParams);
  const view = result as (InsightResult & OverviewView) | undefined;
  const query = view ? insightQueryString(view.filters) : "";
  const suffix = query ? `?${query}` : "";
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Insights</h1>
      <p>
        {viewer.role === "org_manager"
          ? `Figures from ${viewer.organisation.name}'s own disclosures, under the same disclosure control as every shared figure.`
          : `Figures from the disclosures that partner organisations share with ${viewer.organisation.name} under data-sharing agreements in force today, aggregate and record level alike.`}
      </p>
      {problem ? <ErrorSummary message={problem.message} fieldErrors={problem.fieldErrors} /> : null}
      {filterForm}
      {view ? (
        <>
          <section aria-labelledby="headlines" className="space-y-3">
            <h2 id="headlines" className="text-2xl font-bold">
              Disclosures by threat area, {view.filters.period.label}
            </h2>
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {view.headlines.map((headline) => (
                <li key={headline.threatArea} className="border-l-4 border-rule pl-4">
                  <p className="font-bold">{headline.label}</p>
                  <p className="text-3xl font-bold tabular-nums">{figure(headline.current)}</p>
                  <p>
                    <span aria-hidden="true">{TREND_MARK[headline.trend]} </span>
                    {TREND_TEXT[headline.trend]}
                    {headline.trend === "unknown" ? null : <> ({figure(headline.previous)})</>}
                  </p>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="gaps" className="space-y-3">
            <h2 id="gaps" className="text-2xl font-bold">
              Where the gaps are
            </h2>
            {view.silentPartnerTypes.length === 0 ? (
              <p>Every type of partner contributed disclosures in this period.</p>
            ) : (
              <>
                <p>No disclosures in scope from these types of partner in this period:</p>
                <ul className="list-disc pl-6">
                  {view.silentPartnerTypes.map((type) => (
                    <li key={type.code}>{type.label}</li>
                  ))}
                </ul>
              </>
            )}
            {view.byPartnerType.rows.length > 0 ? (
              <PublishedTable
                caption="Disclosures by partner type and threat area"
                rowHeading="Partner type"
                rowLabels={view.byPartnerType.rowLabels}
                columnLabels={view.byPartnerType.columnLabels}
                cells={view.byPartnerType.cells}
                rowTotals={view.byPartnerType.rowTotals}
                columnTotals={view.byPartnerType.columnTotals}
                total={view.byPartnerType.total}
              />
            ) : (
              <p>No disclosures in scope match these filters.</p>
            )}
            <DisclosureNote threshold={view.policy.threshold} rounded={view.policy.roundToBase5} />
          </section>
          <section aria-labelledby="views" className="space-y-3">
            <h2 id="views" className="text-2xl font-bold">
              Views
            </h2>
            <ul className="list-disc space-y-2 pl-6">
              <li>
                <Link href={`/insights/beyond-police${suffix}`}>Beyond police data</Link>: disclosures by partner type, the share not reported to police, barriers
                to reporting, and police recorded crime beside them.
              </li>
              <li>
                <Link href={`/insights/communities${suffix}`}>Communities</Link>: victims by ethnic group, migrant status, no recourse to public funds, LGBTQ+ and
                disability, and how completely partners record them.
              </li>
              <li><Link href={`/insights/trends${suffix}`}>Trends</Link>: disclosures each month per threat area, with a 12-month forecast and a judgement of each.</li>
              <li><Link href={`/insights/online${suffix}`}>Online</Link>: the share of disclosures with an online element, the platforms named, and the share month by month.</li>
              <li><Link href={`/insights/map${suffix}`}>Map</Link>: disclosures per 1,000 females in each police force area.</li>
              {permits(viewer, "stra_pack.export") ? <li><Link href={`/stra-pack${suffix}`}>STRA input pack</Link>: these views as the STRA&apos;s threat-area sections, to print, with the CSV data behind them.</li> : null}
            </ul>
          </section>
        </>
      ) : null}
    </div>
  );
}
