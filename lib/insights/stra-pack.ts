import { strToU8, zipSync } from "fflate";
import { REFERENCE_ATTRIBUTION } from "@/lib/reference/attribution";
import type { Published } from "@/lib/sdc";
import type { ThreatArea } from "@/lib/taxonomy";
import { toCsv } from "@/lib/uploads/csv-write";
import type { DataQualityView } from "./data-quality";
import type { MapView } from "./map";
import type { OnlineView } from "./online";
import type { PerpetratorsView } from "./perpetrators";
import { inSentence, type TrendsView } from "./trends";
import type { BeyondPoliceView, CommunitiesView, LabelledTable, OverviewView } from "./views";

/**
 * The STRA input pack (docs/insights.md#stra-input-pack): the views laid out as the STRA's
 * threat-area sections — volume, trend and forecast judgement, victim profile, place, online,
 * perpetrators, data gaps — and the CSV files behind them. Pure: it rearranges figures the views
 * have already published under disclosure control, and computes nothing from raw counts.
 */

/** The views a pack is made from, each as insightView published it. */
export type PackViews = {
  overview: OverviewView;
  beyondPolice: BeyondPoliceView;
  communities: CommunitiesView;
  trends: TrendsView;
  online: OnlineView;
  map: MapView;
  perpetrators: PerpetratorsView;
  dataQuality: DataQualityView;
};

type Figure = { label: string; value: Published };

export type ThreatAreaSection = {
  threatArea: ThreatArea;
  label: string;
  volume: { current: Published; previous: Published; trend: OverviewView["headlines"][number]["trend"]; police: Published | null; partnerPerRecordedCrime: number | null };
  trend: { judgement: string; expectedNext12: number | null; level: number | null; lower: number | null; upper: number | null };
  victimProfile: { ethnicGroups: Figure[]; profiles: Figure[] };
  place: Figure[];
  online: { withOnlineElement: Published | null; share: number | null };
  perpetrators: PerpetratorFigures;
  dataGaps: string[];
};

/** The Perpetrators view's figures for one threat area (priority 3), each answer with its published count. */
type PerpetratorFigures = {
  knownToOtherOffending: Figure[];
  /** The published share known to other offending among all the threat area's disclosures. */
  shareKnownToOtherOffending: number | null;
  offendingKinds: Figure[];
  relationship: Figure[];
  number: Figure[];
  ideologyConcern: Figure[];
};

/** The sections, and the gaps that are not one threat area's: partners not contributing, answers seldom recorded, organisations slow to submit. */
export type StraPackContent = { sections: ThreatAreaSection[]; gaps: string[] };

/** A column of a published table as labelled figures; empty when the table has no such column. */
function column(table: LabelledTable, code: string): Figure[] {
  const j = table.columns.indexOf(code);
  if (j < 0) return [];
  return table.rowLabels.map((label, i) => ({ label, value: table.cells[i]![j]! }));
}

/**
 * The gap threshold, stated in each gap's words: a field answered, or disclosures submitted within
 * a month, for fewer than half of the disclosures held. A withheld share names no gap.
 */
const belowHalf = (share: number | null | undefined) => share !== null && share !== undefined && share < 0.5;

const list = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });

/**
 * The Data quality view's gaps, by organisation: the fields it answers (other than not known) for
 * fewer than half of its disclosures, and whether fewer than half reach the portal by the month
 * after the month of disclosure.
 */
function dataQualityGaps({ completeness, promptShares }: DataQualityView): string[] {
  const incomplete = completeness.rowLabels.flatMap((organisation, i) => {
    const fields = completeness.columnLabels.filter((_, j) => belowHalf(completeness.shares[i]![j]));
    return fields.length === 0 ? [] : [`${organisation}: ${list.format(fields)} answered for fewer than half of its disclosures.`];
  });
  const slow = promptShares
    .filter((entry) => entry.code !== "all" && belowHalf(entry.share))
    .map((entry) => `${entry.label}: fewer than half of its disclosures submitted in the month of disclosure or the month after.`);
  return [...incomplete, ...slow];
}

/** One threat area's column of each Perpetrators table: withheld figures stay withheld. */
function perpetratorsSection(view: PerpetratorsView, area: ThreatArea): PerpetratorFigures {
  return {
    knownToOtherOffending: column(view.otherOffending, area),
    shareKnownToOtherOffending: view.shareOtherOffending.find((entry) => entry.threatArea === area)?.share ?? null,
    offendingKinds: column(view.offendingKinds, area),
    relationship: column(view.relationship, area),
    number: column(view.number, area),
    ideologyConcern: column(view.ideologyConcern, area),
  };
}

/** Every threat area the overview covers, in taxonomy order, with what each view says of it. */
export function straSections(views: PackViews): StraPackContent {
  const sections = views.overview.headlines.map((headline): ThreatAreaSection => {
    const area = headline.threatArea;
    const demand = views.beyondPolice.hiddenDemand.find((entry) => entry.threatArea === area);
    const series = views.trends.series.find((entry) => entry.threatArea === area);
    const forecast = series?.forecast ?? null;
    const onlineColumn = views.online.byThreatArea.columns.indexOf(area);
    const dataGaps = [
      ...(headline.current.value === 0 ? [`No disclosures of ${inSentence(headline.label)} in scope this period.`] : []),
      ...(series && !forecast ? [series.judgement] : []),
      ...(headline.current.value !== 0 && onlineColumn < 0 ? ["No online element recorded."] : []),
    ];
    return {
      threatArea: area,
      label: headline.label,
      volume: { current: headline.current, previous: headline.previous, trend: headline.trend, police: demand?.police ?? null, partnerPerRecordedCrime: demand?.ratio ?? null },
      trend: {
        judgement: series?.judgement ?? "No disclosures in scope to forecast.",
        expectedNext12: forecast?.expectedNext12 ?? null,
        level: forecast?.level ?? null,
        lower: forecast ? forecast.months.reduce((sum, month) => sum + month.lower, 0) : null,
        upper: forecast ? forecast.months.reduce((sum, month) => sum + month.upper, 0) : null,
      },
      victimProfile: { ethnicGroups: column(views.communities.ethnicGroups, area), profiles: column(views.communities.profiles, area) },
      place: column(views.map.byForceArea, area),
      online: {
        withOnlineElement: onlineColumn < 0 ? null : views.online.byThreatArea.cells[0]![onlineColumn]!,
        share: views.online.share.find((entry) => entry.threatArea === area)?.share ?? null,
      },
      perpetrators: perpetratorsSection(views.perpetrators, area),
      dataGaps,
    };
  });
  const { completeness } = views.communities;
  const seldomRecorded = completeness.rowLabels.flatMap((type, i) =>
    completeness.columnLabels.flatMap((field, j) => {
      return belowHalf(completeness.shares[i]![j]) ? [`${type}: ${field} recorded for fewer than half of disclosures.`] : [];
    }),
  );
  return {
    sections,
    gaps: [...views.overview.silentPartnerTypes.map((type) => `No disclosures in scope from any ${type.label}.`), ...seldomRecorded, ...dataQualityGaps(views.dataQuality)],
  };
}

/** How a withheld figure is written in the CSV files, as in ONS tables. */
const WITHHELD = "[c]";

const cell = (figure: Published) => (figure.value === null ? WITHHELD : figure.value);
const rate = (value: number | null, places = 3) => (value === null ? WITHHELD : Number(value.toFixed(places)));

/** A published table's rows and its total row, as CSV rows. */
function bodyRows(table: LabelledTable): (string | number)[][] {
  return [...table.rowLabels.map((label, i) => [label, ...table.cells[i]!.map(cell), cell(table.rowTotals[i]!)]), ["Total", ...table.columnTotals.map(cell), cell(table.total)]];
}

/** A published table with its totals, as CSV rows. */
function tableRows(table: LabelledTable, rowHeading: string): (string | number)[][] {
  return [[rowHeading, ...table.columnLabels, "Total"], ...bodyRows(table)];
}

/** The Perpetrators view's tables one under another, each row named by its question; every table has the same threat-area columns. */
function perpetratorRows(view: PerpetratorsView): (string | number)[][] {
  const questions: [string, LabelledTable][] = [
    ["Perpetrator known to other offending", view.otherOffending],
    ["Kinds of other offending (mentions)", view.offendingKinds],
    ["Relationship to the victim", view.relationship],
    ["Lone perpetrator or group", view.number],
    ["Misogynistic or incel ideology concern", view.ideologyConcern],
  ];
  return [
    ["Question", "Answer", ...view.otherOffending.columnLabels, "Total"],
    ...questions.flatMap(([question, table]) => bodyRows(table).map((row) => [question, ...row])),
    ["Share known to other offending", "Yes", ...view.shareOtherOffending.map((entry) => rate(entry.share)), ""],
  ];
}

/** Each organisation's submission lag and the share of each field answered, then all organisations. */
function dataQualityRows({ timeliness, promptShares, completeness }: DataQualityView): (string | number)[][] {
  const row = (label: string, lags: readonly Published[], held: Published, i: number) => [label, ...lags.map(cell), cell(held), rate(promptShares[i]!.share), ...completeness.shares[i]!.map((value) => rate(value))];
  return [
    ["Organisation", ...timeliness.columnLabels, "Disclosures held", "Share submitted in the month of disclosure or the month after", ...completeness.columnLabels.map((field) => `${field}: share answered`)],
    ...timeliness.rowLabels.map((label, i) => row(label, timeliness.cells[i]!, timeliness.rowTotals[i]!, i)),
    row("All organisations", timeliness.columnTotals, timeliness.total, timeliness.rowLabels.length),
  ];
}

/** The CSV files behind the pack, by file name; every cell written by the formula-safe writer. */
export function straPackCsvFiles(views: PackViews, content: StraPackContent): Record<string, string> {
  const { overview, beyondPolice, communities, trends, online, map, perpetrators, dataQuality } = views;
  return {
    "volume.csv": toCsv([
      ["Threat area", "Disclosures", "Previous period", "Trend", "Police recorded crime", "Partner disclosures per recorded crime"],
      ...content.sections.map((section) => [
        section.label,
        cell(section.volume.current),
        cell(section.volume.previous),
        section.volume.trend,
        section.volume.police ? cell(section.volume.police) : "",
        rate(section.volume.partnerPerRecordedCrime, 2),
      ]),
    ]),
    "partner-type-by-threat-area.csv": toCsv(tableRows(overview.byPartnerType, "Partner type")),
    "reported-to-police.csv": toCsv(tableRows(beyondPolice.reportedToPolice, "Partner type")),
    "trends-by-month.csv": toCsv(tableRows(trends.byMonth, "Month")),
    "forecasts.csv": toCsv([
      ["Threat area", "Month", "Expected", "Lower", "Upper", "Interval level"],
      ...trends.series.flatMap((series) => (series.forecast?.months ?? []).map((month) => [series.label, month.month, rate(month.expected, 1), rate(month.lower, 1), rate(month.upper, 1), series.forecast!.level])),
    ]),
    "judgements.csv": toCsv([["Threat area", "Judgement"], ...content.sections.map((section) => [section.label, section.trend.judgement])]),
    "victim-ethnic-group.csv": toCsv(tableRows(communities.ethnicGroups, "Ethnic group")),
    "victim-profiles.csv": toCsv([["Victim", ...communities.profiles.columnLabels], ...communities.profiles.rowLabels.map((label, i) => [label, ...communities.profiles.cells[i]!.map(cell)])]),
    "recording-completeness.csv": toCsv([
      ["Partner type", ...communities.completeness.columnLabels],
      ...communities.completeness.rowLabels.map((label, i) => [label, ...communities.completeness.shares[i]!.map((value) => rate(value))]),
    ]),
    "place-by-force-area.csv": toCsv(tableRows(map.byForceArea, "Police force area")),
    "rate-per-1000-females.csv": toCsv([
      ["Police force area code", "Police force area", "Disclosures", "Females (mid-2023)", "Per 1,000 females"],
      ...map.areas.map((area) => [area.code, area.name, cell(area.disclosures), area.females, rate(area.ratePer1000)]),
    ]),
    "online-element.csv": toCsv(tableRows(online.byThreatArea, "Online element")),
    "online-platforms.csv": toCsv([["Platform type", "Disclosures naming it"], ...online.platforms.valueLabels.map((label, i) => [label, cell(online.platforms.values[i]!)]), ["Total", cell(online.platforms.total)]]),
    "online-by-month.csv": toCsv([["Month", "Share with an online element"], ...online.byMonth.rowLabels.map((label, i) => [label, rate(online.byMonth.shares[i] ?? null)])]),
    "perpetrators.csv": toCsv(perpetratorRows(perpetrators)),
    "data-quality.csv": toCsv(dataQualityRows(dataQuality)),
    "data-gaps.csv": toCsv([
      ["Threat area", "Gap"],
      ...content.gaps.map((gap) => ["All threat areas", gap]),
      ...content.sections.flatMap((section) => section.dataGaps.map((gap) => [section.label, gap])),
    ]),
  };
}

/** What the reader of the CSV files needs to know: what was counted, how it was protected, whose data. */
export function straPackReadme(about: { title: string; period: string; filters: string; threshold: number; rounded: boolean }): string {
  return [
    about.title,
    "",
    `Period: ${about.period}`,
    `Filters: ${about.filters || "none"}`,
    "",
    `${WITHHELD} marks a figure withheld to protect the people behind it: counts from 1 to ${about.threshold - 1} are never shown, nor any figure they could be worked out from.`,
    `Every published count carries a small fixed adjustment${about.rounded ? " and is rounded to the nearest 5" : ""}, so totals need not add up.`,
    "A disclosure in two threat areas counts once in each, so a total across threat areas counts it twice.",
    "Forecasts are fitted to the published monthly figures; judgements use the PHIA probability yardstick.",
    "",
    ...REFERENCE_ATTRIBUTION,
    "",
  ].join("\r\n");
}

/** The pack's CSV files and their README in one zip archive. */
export function straPackZip(files: Record<string, string>, readme: string): Uint8Array {
  const entries: Record<string, Uint8Array> = { "README.txt": strToU8(readme) };
  for (const [name, text] of Object.entries(files)) entries[name] = strToU8(text);
  return zipSync(entries, { level: 6 });
}
