import type { Metadata } from "next";
import { LineChart } from "@/components/charts";
import { DataTable } from "@/components/data-table";
import { ErrorSummary } from "@/components/form/error-summary";
import { DisclosureNote, figure, share } from "@/components/insights/published-table";
import { authorise } from "@/lib/access/authorise";
import { requireViewer } from "@/lib/auth/viewer";
import { Invalid } from "@/lib/errors";
import { insightQueryString } from "@/lib/insights/filters";
import { parseInsightFilters } from "@/lib/insights/service";
import { straPack, type StraPack } from "@/lib/insights/stra-pack-service";
import type { ThreatAreaSection } from "@/lib/insights/stra-pack";
import { shortMonth } from "@/lib/insights/trends";
import { orNotFound } from "@/lib/pages";
import { OGL_URL, REFERENCE_ATTRIBUTION } from "@/lib/reference/attribution";
import { insightFilterForm, type SearchParams } from "../insights/load";

export const metadata: Metadata = { title: "STRA input pack" };

const TREND_TEXT = { up: "up on the period before", down: "down on the period before", level: "level with the period before", unknown: "no trend: a figure is withheld" } as const;
const twoPlaces = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/**
 * The STRA input pack as a print-ready document, laid out as the STRA's threat-area sections, with
 * the CSV files behind it as one zip download. Analysts only; every figure is a published one.
 */
export default async function StraPackPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireViewer("/stra-pack");
  await orNotFound(authorise(viewer, "stra_pack.export", { path: "/stra-pack" }));
  const params = await searchParams;
  let pack: StraPack | undefined;
  let problem: Invalid | undefined;
  try {
    pack = await orNotFound(straPack(viewer, parseInsightFilters(params), "document"));
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    problem = error;
  }
  const query = pack ? insightQueryString(pack.filters) : "";
  const withData = pack?.sections.filter((section) => section.volume.current.value !== 0) ?? [];
  const without = pack?.sections.filter((section) => section.volume.current.value === 0) ?? [];
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">STRA input pack</h1>
      <div className="space-y-4 print:hidden">
        <p>
          The partner data shared with {viewer.organisation.name}, laid out as the STRA&apos;s threat-area sections. Print this page, or save it as a PDF from your
          browser&apos;s print menu; the figures behind it come as CSV files in one zip.
        </p>
        {problem ? <ErrorSummary message={problem.message} fieldErrors={problem.fieldErrors} /> : null}
        {insightFilterForm("/stra-pack", params, problem)}
        {pack ? (
          <p>
            <a href={`/stra-pack/csv${query ? `?${query}` : ""}`} className="font-bold">
              Download the data behind this pack (zip of CSV files)
            </a>
          </p>
        ) : null}
      </div>
      {pack ? (
        <article aria-labelledby="pack-title" className="space-y-8">
          <header className="space-y-2">
            <h2 id="pack-title" className="text-2xl font-bold">
              Partner data for the VAWG strategic threat and risk assessment: {pack.filters.period.label}
            </h2>
            <p>
              From {viewer.organisation.name}&apos;s shared partner data, read on {new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" })}.
            </p>
            <DisclosureNote threshold={pack.policy.threshold} rounded={pack.policy.roundToBase5} />
          </header>
          {withData.map((section) => (
            <ThreatAreaPart key={section.threatArea} section={section} pack={pack} />
          ))}
          {without.length > 0 ? (
            <section aria-labelledby="no-disclosures" className="space-y-2">
              <h2 id="no-disclosures" className="text-2xl font-bold">
                Threat areas with no disclosures in scope
              </h2>
              <p>{without.map((section) => section.label).join("; ")}.</p>
            </section>
          ) : null}
          <section aria-labelledby="gaps" className="space-y-2">
            <h2 id="gaps" className="text-2xl font-bold">
              Data gaps across threat areas
            </h2>
            {pack.gaps.length === 0 ? (
              <p>
                Every type of partner contributed, every profile answer is recorded for at least half of disclosures, and every organisation answers each key field
                and submits at least half of its disclosures by the month after the month of disclosure.
              </p>
            ) : (
              <ul className="list-disc pl-6">
                {pack.gaps.map((gap) => (
                  <li key={gap}>{gap}</li>
                ))}
              </ul>
            )}
          </section>
          <p className="text-sm text-muted">
            {REFERENCE_ATTRIBUTION.join(" ")} <a href={OGL_URL}>Open Government Licence v3.0</a>.
          </p>
        </article>
      ) : null}
    </div>
  );
}

function FigureRows({
  caption,
  heading,
  figures,
  counted = "Disclosures",
}: {
  caption: string;
  heading: string;
  figures: readonly { label: string; value: { value: number | null; suppressed: null | "primary" | "secondary" } }[];
  counted?: string;
}) {
  return (
    <DataTable caption={caption} columns={[heading, counted]}>
      {figures.map((entry) => (
        <tr key={entry.label} className="border-b border-rule">
          <th scope="row" className="py-1 pr-4 font-normal">
            {entry.label}
          </th>
          <td className="py-1 pr-4 tabular-nums">{figure(entry.value)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** One threat area's section: volume, trend and forecast judgement, victim profile, place, online, perpetrators, data gaps. */
function ThreatAreaPart({ section, pack }: { section: ThreatAreaSection; pack: StraPack }) {
  const id = `area-${section.threatArea}`;
  const series = pack.views.trends.series.find((entry) => entry.threatArea === section.threatArea);
  return (
    <section aria-labelledby={id} className="space-y-4 break-before-page">
      <h2 id={id} className="text-2xl font-bold">
        {section.label}
      </h2>
      <h3 className="text-xl font-bold">Volume</h3>
      <p>
        {figure(section.volume.current)} disclosures in {pack.filters.period.label}, {TREND_TEXT[section.volume.trend]}
        {section.volume.trend === "unknown" ? "" : <> ({figure(section.volume.previous)})</>}.
        {section.volume.police ? (
          <>
            {" "}
            Police recorded crime in the same force areas: {figure(section.volume.police)}
            {section.volume.partnerPerRecordedCrime === null ? "" : `, ${twoPlaces.format(section.volume.partnerPerRecordedCrime)} partner disclosures per recorded crime`}.
          </>
        ) : null}
      </p>
      <h3 className="text-xl font-bold">Trend and forecast judgement</h3>
      <p className="font-bold">{section.trend.judgement}</p>
      {section.trend.expectedNext12 !== null && section.trend.lower !== null && section.trend.upper !== null ? (
        <p>
          About {whole.format(section.trend.expectedNext12)} disclosures are expected in the next 12 months (the monthly {Math.round((section.trend.level ?? 0.95) * 100)}%
          intervals sum to {whole.format(section.trend.lower)} to {whole.format(section.trend.upper)}).
        </p>
      ) : null}
      {series ? (
        <LineChart
          id={`pack-trend-${section.threatArea}`}
          title={`${section.label}: disclosures each month`}
          points={series.months.map((month, i) => ({ label: shortMonth(month), value: series.values[i]?.value ?? null }))}
          forecast={(series.forecast?.months ?? []).map((month) => ({ label: shortMonth(month.month), expected: month.expected, lower: month.lower, upper: month.upper }))}
          forecastLevel={series.forecast?.level ?? 0.95}
          valueLabel="Disclosures"
        />
      ) : null}
      <h3 className="text-xl font-bold">Victim profile</h3>
      <FigureRows caption={`${section.label}: victims by ethnic group (Census 2021)`} heading="Ethnic group" figures={section.victimProfile.ethnicGroups} />
      <FigureRows caption={`${section.label}: victims who are migrants, have no recourse to public funds, are LGBTQ+ or disabled`} heading="Victim" figures={section.victimProfile.profiles} />
      <h3 className="text-xl font-bold">Place</h3>
      <FigureRows caption={`${section.label}: disclosures by police force area`} heading="Police force area" figures={section.place} />
      <h3 className="text-xl font-bold">Online</h3>
      <p>
        {section.online.withOnlineElement ? <>{figure(section.online.withOnlineElement)} disclosures with an online element, </> : null}
        {share(section.online.share)} of the threat area&apos;s disclosures.
      </p>
      <h3 className="text-xl font-bold">Perpetrators</h3>
      <p>{share(section.perpetrators.shareKnownToOtherOffending)} of the threat area&apos;s disclosures name a perpetrator known to other offending.</p>
      <FigureRows caption={`${section.label}: perpetrator known to other offending`} heading="Known to other offending" figures={section.perpetrators.knownToOtherOffending} />
      <FigureRows
        caption={`${section.label}: kinds of other offending (a disclosure may give several)`}
        heading="Kind of other offending"
        figures={section.perpetrators.offendingKinds}
        counted="Mentions"
      />
      <FigureRows caption={`${section.label}: perpetrator's relationship to the victim`} heading="Relationship" figures={section.perpetrators.relationship} />
      <FigureRows caption={`${section.label}: lone perpetrator or group`} heading="Lone or group" figures={section.perpetrators.number} />
      <FigureRows caption={`${section.label}: misogynistic or incel ideology concern`} heading="Ideology concern" figures={section.perpetrators.ideologyConcern} />
      <h3 className="text-xl font-bold">Data gaps</h3>
      {section.dataGaps.length === 0 ? (
        <p>None beyond those across all threat areas below.</p>
      ) : (
        <ul className="list-disc pl-6">
          {section.dataGaps.map((gap) => (
            <li key={gap}>{gap}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
