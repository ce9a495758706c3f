import { ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS, type OrganisationType } from "@/lib/access/organisation-types";
import { protectCount, protectSeries, protectTable, publishedRate, type CountCell, type DisclosurePolicy, type Published, type PublishedSeries, type PublishedTable } from "@/lib/sdc";
import { BARRIERS, ETHNIC_GROUPS, ETHNIC_CATEGORIES, THREAT_AREAS, type DisclosureField, type ThreatArea } from "@/lib/taxonomy";
import type { CountRow } from "./counts";

/**
 * The views built from raw counts, every figure through lib/sdc (docs/insights.md#views). Pure:
 * the golden-dataset tests feed hand-made counts in and compare the published tables out.
 */

export const INSIGHT_VIEWS = ["overview", "beyond-police", "communities", "perpetrators", "repeat-victimisation", "data-quality", "trends", "online", "map"] as const;
export type InsightViewName = (typeof INSIGHT_VIEWS)[number];

/** The dimensions of insight_counts each view reads. */
export const VIEW_DIMENSIONS: Record<InsightViewName, readonly string[]> = {
  overview: ["total"],
  "beyond-police": ["total", "reported_to_police", "barriers"],
  communities: ["total", "victim_ethnicity", "victim_migrant", "victim_no_recourse_to_public_funds", "victim_lgbtq", "victim_disability"],
  perpetrators: ["total", "perpetrator_other_offending", "perpetrator_other_offending_types", "perpetrator_relationship", "perpetrator_number", "perpetrator_ideology_concern"],
  "repeat-victimisation": ["victim_repeat"],
  "data-quality": ["submission_lag", "answered"],
  trends: ["total"],
  online: ["total", "online_element", "online_platforms"],
  map: ["total"],
};

/** Data quality's fields: those the four intelligence priorities lean on most, in the order the form asks them. */
export const QUALITY_FIELDS = [
  "victim_age_band",
  "victim_sex",
  "victim_ethnicity",
  "victim_disability",
  "victim_migrant",
  "victim_repeat",
  "perpetrator_relationship",
  "perpetrator_other_offending",
  "space",
  "reported_to_police",
] as const satisfies readonly DisclosureField[];

/**
 * The fields whose `answered` counts a view reads, where it shows only some of them; a view not
 * named here reads none or every field's.
 */
export const VIEW_ANSWERED_FIELDS: Partial<Record<InsightViewName, readonly DisclosureField[]>> = { "data-quality": QUALITY_FIELDS };

/** A labelled table as published: codes for machines, labels for people. */
export type LabelledTable = PublishedTable & { rowLabels: string[]; columnLabels: string[] };
export type LabelledSeries = PublishedSeries & { valueLabels: string[] };

const ZERO: CountCell = { count: 0, recordKeySum: 0 };
const add = (a: CountCell, b: { count: number; recordKeySum: number }): CountCell => ({ count: a.count + b.count, recordKeySum: a.recordKeySum + b.recordKeySum });

/** Sums the rows matching `where` into a grid keyed by `row` × `column`. */
export function grid(rows: readonly CountRow[], where: (row: CountRow) => boolean, rowKey: (row: CountRow) => string, columnKey: (row: CountRow) => string, rowCodes: readonly string[], columnCodes: readonly string[]): CountCell[][] {
  const cells = rowCodes.map(() => columnCodes.map(() => ZERO));
  for (const row of rows) {
    if (!where(row)) continue;
    const i = rowCodes.indexOf(rowKey(row));
    const j = columnCodes.indexOf(columnKey(row));
    if (i >= 0 && j >= 0) cells[i]![j] = add(cells[i]![j]!, row);
  }
  return cells;
}

export function sum(rows: readonly CountRow[], where: (row: CountRow) => boolean): CountCell {
  return rows.filter(where).reduce(add, ZERO);
}

export function labelled(table: PublishedTable, rowLabels: string[], columnLabels: string[]): LabelledTable {
  return { ...table, rowLabels, columnLabels };
}

/** Partner types and threat areas that have any count at all (in scope), in list order. */
export function present<T extends string>(codes: readonly T[], rows: readonly CountRow[], key: (row: CountRow) => string): T[] {
  const seen = new Set(rows.filter((row) => row.count > 0).map(key));
  return codes.filter((code) => seen.has(code));
}

export const threatLabel = (code: ThreatArea) => THREAT_AREAS.label(code);
export const typeLabel = (code: OrganisationType) => ORGANISATION_TYPE_LABELS[code];

/** The places the viewer's data could come from (lib/insights/coverage.ts), each marked contributing or not. */
export type CoveredAreas = { level: "force_area" | "local_authority"; areas: { code: string; label: string; contributing: boolean }[] };

type Headline = { threatArea: ThreatArea; label: string; current: Published; previous: Published; trend: "up" | "down" | "level" | "unknown" };

export type OverviewView = {
  view: "overview";
  headlines: Headline[];
  /** Partner types with no disclosure in scope this period. */
  silentPartnerTypes: { code: OrganisationType; label: string }[];
  /** The places the viewer's agreements cover (a partner lead: their organisation's) with no disclosure in scope this period. */
  silentAreas: { level: CoveredAreas["level"]; areas: { code: string; label: string }[] };
  byPartnerType: LabelledTable;
};

/**
 * The landing page: a headline count per threat area with a trend against the previous period (a
 * trend only where both figures are published), the partner types and covered areas not
 * contributing, and the partner type × threat area table.
 */
export function buildOverview(current: readonly CountRow[], previous: readonly CountRow[], policy: DisclosurePolicy, covered: CoveredAreas): OverviewView {
  const totals = current.filter((row) => row.dimension === "total");
  const before = previous.filter((row) => row.dimension === "total");
  const headlines = THREAT_AREAS.codes.map((area): Headline => {
    const now = protectCount(sum(totals, (row) => row.threatArea === area), policy);
    const then = protectCount(sum(before, (row) => row.threatArea === area), policy);
    const trend = now.value === null || then.value === null ? "unknown" : now.value > then.value ? "up" : now.value < then.value ? "down" : "level";
    return { threatArea: area, label: threatLabel(area), current: now, previous: then, trend };
  });
  const contributing = new Set(totals.filter((row) => row.count > 0).map((row) => row.providerType));
  const partnerTypes = ORGANISATION_TYPES.filter((type) => type !== "national");
  return {
    view: "overview",
    headlines,
    silentPartnerTypes: partnerTypes.filter((type) => !contributing.has(type)).map((code) => ({ code, label: typeLabel(code) })),
    silentAreas: { level: covered.level, areas: covered.areas.filter((area) => !area.contributing).map(({ code, label }) => ({ code, label })) },
    byPartnerType: partnerTypeByThreatArea(totals, policy),
  };
}

function partnerTypeByThreatArea(totals: readonly CountRow[], policy: DisclosurePolicy): LabelledTable {
  const types = present(ORGANISATION_TYPES, totals, (row) => row.providerType);
  const areas = present(THREAT_AREAS.codes, totals, (row) => row.threatArea);
  const cells = grid(totals, () => true, (row) => row.providerType, (row) => row.threatArea, types, areas);
  return labelled(protectTable({ rows: types, columns: areas, cells }, policy), types.map(typeLabel), areas.map(threatLabel));
}

export type RecordedCrime = { threatArea: ThreatArea; count: number };

export type BeyondPoliceView = {
  view: "beyond-police";
  byPartnerType: LabelledTable;
  /** Partner type × reported to police (yes, no, not known), and the published share not reported per partner type. */
  reportedToPolice: LabelledTable;
  shareNotReported: { partnerType: OrganisationType; label: string; share: number | null }[];
  /** Barriers to reporting among disclosures not reported to police (a disclosure may give several). */
  barriers: LabelledSeries;
  /** Partner disclosures and police recorded crime per threat area, and partner disclosures per recorded crime. */
  hiddenDemand: { threatArea: ThreatArea; label: string; partner: Published; police: Published; ratio: number | null }[];
};

const REPORTED = ["yes", "no", "not_known"] as const;
const REPORTED_LABELS = ["Reported", "Not reported", "Not known"];

/** Priority 1: what partners see that police data does not. */
export function buildBeyondPolice(rows: readonly CountRow[], recordedCrime: readonly RecordedCrime[], policy: DisclosurePolicy): BeyondPoliceView {
  const totals = rows.filter((row) => row.dimension === "total");
  const reported = rows.filter((row) => row.dimension === "reported_to_police");
  const types = present(ORGANISATION_TYPES, reported, (row) => row.providerType);
  const reportedTable = labelled(
    protectTable({ rows: types, columns: REPORTED, cells: grid(reported, () => true, (row) => row.providerType, (row) => row.value, types, REPORTED) }, policy),
    types.map(typeLabel),
    REPORTED_LABELS,
  );
  const barrierRows = rows.filter((row) => row.dimension === "barriers");
  const barrierCodes = BARRIERS.codes;
  const barrierSeries = protectSeries(barrierCodes, barrierCodes.map((code) => sum(barrierRows, (row) => row.value === code)), policy);
  const areas = present(THREAT_AREAS.codes, totals, (row) => row.threatArea);
  return {
    view: "beyond-police",
    byPartnerType: partnerTypeByThreatArea(totals, policy),
    reportedToPolice: reportedTable,
    shareNotReported: types.map((type, i) => ({ partnerType: type, label: typeLabel(type), share: publishedRate(reportedTable.cells[i]![1]!, reportedTable.rowTotals[i]!) })),
    barriers: { ...barrierSeries, valueLabels: barrierCodes.map((code) => BARRIERS.label(code)) },
    hiddenDemand: areas.map((area) => {
      const partner = protectCount(sum(totals, (row) => row.threatArea === area), policy);
      const police = protectCount({ count: recordedCrime.filter((row) => row.threatArea === area).reduce((total, row) => total + row.count, 0), recordKeySum: 0 }, policy);
      return { threatArea: area, label: threatLabel(area), partner, police, ratio: publishedRate(partner, police) };
    }),
  };
}

export type CommunitiesView = {
  view: "communities";
  ethnicGroups: LabelledTable;
  profiles: LabelledTable;
  /** Per partner type, the published share of disclosures whose answer to each profile field is known. */
  completeness: LabelledTable & { shares: (number | null)[][] };
};

const PROFILE_FIELDS = ["victim_migrant", "victim_no_recourse_to_public_funds", "victim_lgbtq", "victim_disability"] as const;
const PROFILE_LABELS = ["Migrant", "No recourse to public funds", "LGBTQ+", "Disability"];
const COMPLETENESS_FIELDS = ["victim_ethnicity", ...PROFILE_FIELDS] as const;

/** Priority 2: who the victims are, by the Census 2021 ethnic groups and four profiles, and how completely each partner type records them. */
export function buildCommunities(rows: readonly CountRow[], policy: DisclosurePolicy): CommunitiesView {
  const totals = rows.filter((row) => row.dimension === "total");
  const areas = present(THREAT_AREAS.codes, totals, (row) => row.threatArea);
  const groupOf = (code: string): string => (code in ETHNIC_CATEGORIES ? ETHNIC_CATEGORIES[code as keyof typeof ETHNIC_CATEGORIES].group : "not_known");
  const groups = [...ETHNIC_GROUPS.codes, "not_known"];
  const ethnicity = rows.filter((row) => row.dimension === "victim_ethnicity");
  const ethnicGroups = labelled(
    protectTable({ rows: groups, columns: areas, cells: grid(ethnicity, () => true, (row) => groupOf(row.value), (row) => row.threatArea, groups, areas) }, policy),
    groups.map((code) => (code === "not_known" ? "Not known or not stated" : ETHNIC_GROUPS.label(code as (typeof ETHNIC_GROUPS.codes)[number]))),
    areas.map(threatLabel),
  );
  const profileRows = rows.filter((row) => (PROFILE_FIELDS as readonly string[]).includes(row.dimension) && row.value === "yes");
  const profiles = labelled(
    protectTable({ rows: PROFILE_FIELDS, columns: areas, cells: grid(profileRows, () => true, (row) => row.dimension, (row) => row.threatArea, PROFILE_FIELDS, areas) }, policy),
    PROFILE_LABELS,
    areas.map(threatLabel),
  );
  const types = present(ORGANISATION_TYPES, totals, (row) => row.providerType);
  // A single-answer field is answered by every disclosure not counted under not_known, so its own
  // cells give its completeness: the same disclosures, the same count and record keys as its
  // `answered` cell, without reading every other field's.
  const answered = rows.filter((row) => (COMPLETENESS_FIELDS as readonly string[]).includes(row.dimension) && row.value !== "not_known");
  const answeredTable = protectTable({ rows: types, columns: COMPLETENESS_FIELDS, cells: grid(answered, () => true, (row) => row.providerType, (row) => row.dimension, types, COMPLETENESS_FIELDS) }, policy);
  const typeTotals = types.map((type) => protectCount(sum(totals, (row) => row.providerType === type), policy));
  return {
    view: "communities",
    ethnicGroups,
    profiles,
    completeness: {
      ...labelled(answeredTable, types.map(typeLabel), ["Ethnicity", ...PROFILE_LABELS]),
      shares: answeredTable.cells.map((cells, i) => cells.map((cell) => publishedRate(cell, typeTotals[i]!))),
    },
  };
}
