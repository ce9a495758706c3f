import type { Metadata } from "next";
import Link from "next/link";
import { permits } from "@/lib/access/permissions";
import { DisclosureNote, figure } from "@/components/insights/published-table";
import { TableChart } from "@/components/insights/table-chart";
import { insightQueryString } from "@/lib/insights/filters";
import { INSIGHT_PAGES } from "@/lib/navigation";
import { PartnerTypesChart } from "./partner-types-chart";
import { InsightPage } from "./insight-page";
import { loadInsight, type SearchParams } from "./load";

export const metadata: Metadata = { title: "Insights" };

const TREND_TEXT = { up: "Up on the period before", down: "Down on the period before", level: "Level with the period before", unknown: "No trend: a figure is withheld" } as const;
const AREA_WORDS = { force_area: { one: "police force area", many: "police force areas" }, local_authority: { one: "local authority", many: "local authorities" } } as const;
const TREND_MARK = { up: "▲", down: "▼", level: "▶", unknown: "–" } as const;

/** What do we know, and where are the gaps: headline counts per threat area, who is not contributing, and the views. */
export default async function InsightsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const loaded = await loadInsight("overview", searchParams);
  const { viewer } = loaded;
  const areaScope = viewer.role === "org_manager" ? `${viewer.organisation.name} covers` : "your agreements cover";
  return (
    <InsightPage
      loaded={loaded}
      title="Insights"
      lede={
        viewer.role === "org_manager"
          ? `Figures from ${viewer.organisation.name}'s own disclosures, under the same disclosure control as every shared figure.`
          : `Figures from the disclosures that partner organisations share with ${viewer.organisation.name} under data-sharing agreements in force today, aggregate and record level alike.`
      }
    >
      {(view) => {
        const query = insightQueryString(view.filters);
        const suffix = query ? `?${query}` : "";
        return (
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
              <TableChart
                id="headlines-chart"
                title={`Disclosures by threat area, ${view.filters.period.label} and the period before`}
                rowLabels={view.headlines.map((headline) => headline.label)}
                columnLabels={[view.filters.period.label, "The period before"]}
                cells={view.headlines.map((headline) => [headline.current, headline.previous])}
                valueLabel="Disclosures"
                rounded={view.policy.roundToBase5}
              />
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
              {view.silentAreas.areas.length === 0 ? (
                <p>Every {AREA_WORDS[view.silentAreas.level].one} {areaScope} contributed disclosures matching these filters.</p>
              ) : (
                <>
                  <p>
                    No disclosures matching these filters from these {AREA_WORDS[view.silentAreas.level].many} {areaScope}:
                  </p>
                  <ul className="list-disc pl-6">
                    {view.silentAreas.areas.map((area) => (
                      <li key={area.code}>{area.label}</li>
                    ))}
                  </ul>
                </>
              )}
              {view.byPartnerType.rows.length > 0 ? (
                <PartnerTypesChart table={view.byPartnerType} rounded={view.policy.roundToBase5} />
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
                {INSIGHT_PAGES.map((page) => (
                  <li key={page.href}>
                    <Link href={`${page.href}${suffix}`}>{page.label}</Link>: {page.about}
                  </li>
                ))}
                {permits(viewer, "stra_pack.export") ? (
                  <li>
                    <Link href={`/stra-pack${suffix}`}>STRA input pack</Link>: these views as the STRA&apos;s threat-area sections, to print, with the CSV data behind them.
                  </li>
                ) : null}
              </ul>
            </section>
          </>
        );
      }}
    </InsightPage>
  );
}
