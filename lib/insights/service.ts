import "server-only";
import { and, eq, gte, inArray, lte, sum } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { recordedCrimeReturns } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import type { Viewer } from "@/lib/access/viewer";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { NotFound } from "@/lib/errors";
import type { DisclosurePolicy } from "@/lib/sdc";
import type { ThreatArea } from "@/lib/taxonomy";
import { readCounts, readPolicy, type CountRow } from "./counts";
import { insightQueryString, lastCompleteMonth, monthsOf, previousPeriod, type InsightFilters } from "./filters";
import { coveredAreas } from "./coverage";
import { foldBeforeReading } from "./folding";
import { buildDataQuality, type DataQualityView } from "./data-quality";
import { buildMap, type MapView } from "./map";
import { buildOnline, type OnlineView } from "./online";
import { buildPerpetrators, type PerpetratorsView } from "./perpetrators";
import { buildRepeatVictimisation, unitsOf, type RepeatVictimisationView } from "./repeat-victimisation";
import { buildTrends, trendWindow, type TrendsView } from "./trends";
import { areasOf, providersOf } from "./units";
import { buildBeyondPolice, buildCommunities, buildOverview, INSIGHT_VIEWS, VIEW_ANSWERED_FIELDS, VIEW_DIMENSIONS, type BeyondPoliceView, type CommunitiesView, type InsightViewName, type OverviewView, type RecordedCrime } from "./views";

/**
 * The intelligence-gap views (docs/insights.md): counts in the viewer's scope, read through the
 * database's narrow functions, built into tables and passed through lib/sdc under the strictest
 * policy of the agreements involved. No raw count leaves this module; every read is audited.
 */

export { type InsightViewName } from "./views";
export { parseInsightFilters, type InsightFilters } from "./filters";

type BuiltView =
  | OverviewView
  | BeyondPoliceView
  | CommunitiesView
  | PerpetratorsView
  | RepeatVictimisationView
  | DataQualityView
  | TrendsView
  | OnlineView
  | MapView;

export type InsightResult = BuiltView & {
  filters: InsightFilters;
  /** The disclosure control every figure was published under. */
  policy: { threshold: number; roundToBase5: boolean; perturbed: boolean };
  /** Whose data: the partners shared with the viewer's organisation, or its own. */
  scope: "shared" | "own_organisation";
};

function isInsightView(name: string): name is InsightViewName {
  return (INSIGHT_VIEWS as readonly string[]).includes(name);
}

/** What a view is built from: the transaction in the viewer's context, and the policy of the agreements involved. */
type BuildContext = { tx: Database; viewer: Viewer; filters: InsightFilters; policy: DisclosurePolicy };

/** The counts of a view's own dimensions (and fields answered) over the chosen period. */
const countsOf = ({ tx, filters }: BuildContext, view: InsightViewName) => readCounts(tx, filters, VIEW_DIMENSIONS[view], { answered: VIEW_ANSWERED_FIELDS[view] });

/** How each view is built: the counts it reads and the builder that publishes them. */
const BUILDERS: { [View in InsightViewName]: (context: BuildContext) => Promise<BuiltView> } = {
  overview: async (context) => {
    const { tx, viewer, filters, policy } = context;
    const rows = await countsOf(context, "overview");
    const previous = await readCounts(tx, filters, ["total"], { period: previousPeriod(filters.period) });
    return buildOverview(rows, previous, policy, await coveredAreas(tx, viewer, filters, rows));
  },
  "beyond-police": async (context) => {
    const rows = await countsOf(context, "beyond-police");
    return buildBeyondPolice(rows, await recordedCrime(context.tx, context.filters, rows), context.policy);
  },
  communities: async (context) => buildCommunities(await countsOf(context, "communities"), context.policy),
  perpetrators: async (context) => buildPerpetrators(await countsOf(context, "perpetrators"), context.policy),
  "repeat-victimisation": async (context) => {
    const { tx, filters, policy } = context;
    const rows = await countsOf(context, "repeat-victimisation");
    const providers = unitsOf(rows, await providersOf(tx, rows), (row) => row.providerOrgId);
    return buildRepeatVictimisation(providers, await areasOf(tx, filters, rows, VIEW_DIMENSIONS["repeat-victimisation"]), policy);
  },
  "data-quality": async (context) => {
    const rows = await countsOf(context, "data-quality");
    return buildDataQuality(rows, await providersOf(context.tx, rows), context.policy);
  },
  // Three years of months to the end of the chosen period, whatever the period.
  trends: async ({ tx, filters, policy }) => {
    const window = trendWindow(filters.period, lastCompleteMonth());
    return buildTrends(await readCounts(tx, filters, VIEW_DIMENSIONS.trends, { byMonth: true, period: window }), window.months, policy);
  },
  online: async (context) => {
    const { tx, filters, policy } = context;
    const byMonth = await readCounts(tx, filters, ["online_element"], { byMonth: true });
    return buildOnline(await countsOf(context, "online"), byMonth, monthsOf(filters.period), policy);
  },
  map: async (context) => buildMap(await countsOf(context, "map"), context.policy),
};

/** One view for the viewer: analysts and viewers over what agreements share with them, partner leads over their own organisation. */
export async function insightView(viewer: Viewer, view: string, filters: InsightFilters): Promise<InsightResult> {
  const ownOrganisation = viewer.role === "org_manager";
  await authorise(viewer, ownOrganisation ? "insights.read_own_org" : "insights.read");
  if (!isInsightView(view)) throw new NotFound("No such insight view.");
  const db = await getDatabase();
  await foldBeforeReading(db);
  return withContext(db, contextOf(viewer), async (tx) => {
    const policy = await readPolicy(tx, filters);
    const built = await BUILDERS[view]({ tx, viewer, filters, policy });
    await recordAudit(tx, auditEvent(viewer, "insight.viewed", { details: { view, filters: insightQueryString(filters, { period: filters.period.code }) } }));
    return {
      ...built,
      filters,
      policy: { threshold: policy.threshold, roundToBase5: policy.roundToBase5, perturbed: policy.perturb },
      scope: ownOrganisation ? "own_organisation" : "shared",
    };
  });
}

/**
 * Police recorded crime for the same period and threat areas, in the force areas the partner
 * counts come from (or the one chosen), as row-level security lets the viewer read it. Recorded
 * crime is counted by force area, so a local-authority filter has no police figure to set beside it.
 */
async function recordedCrime(tx: Database, filters: InsightFilters, rows: readonly CountRow[]): Promise<RecordedCrime[]> {
  if (filters.ladCode) return [];
  const forceAreas = filters.forceAreaCode ? [filters.forceAreaCode] : [...new Set(rows.map((row) => row.forceAreaCode))];
  if (forceAreas.length === 0) return [];
  const found = await tx
    .select({ threatArea: recordedCrimeReturns.threatArea, count: sum(recordedCrimeReturns.count).mapWith(Number) })
    .from(recordedCrimeReturns)
    .where(
      and(
        inArray(recordedCrimeReturns.forceAreaCode, forceAreas),
        gte(recordedCrimeReturns.month, `${filters.period.from}-01`),
        lte(recordedCrimeReturns.month, `${filters.period.to}-01`),
        filters.threatArea ? eq(recordedCrimeReturns.threatArea, filters.threatArea) : undefined,
      ),
    )
    .groupBy(recordedCrimeReturns.threatArea);
  return found.map((row) => ({ threatArea: row.threatArea as ThreatArea, count: row.count }));
}
