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
import type { ThreatArea } from "@/lib/taxonomy";
import { readCounts, readPolicy, type CountRow } from "./counts";
import { insightQueryString, previousPeriod, type InsightFilters } from "./filters";
import { coveredAreas } from "./coverage";
import { buildDataQuality, type DataQualityView } from "./data-quality";
import { buildPerpetrators, type PerpetratorsView } from "./perpetrators";
import { buildRepeatVictimisation, unitsOf, type RepeatVictimisationView } from "./repeat-victimisation";
import { areasOf, providersOf } from "./units";
import { buildBeyondPolice, buildCommunities, buildOverview, INSIGHT_VIEWS, VIEW_DIMENSIONS, type BeyondPoliceView, type CommunitiesView, type InsightViewName, type OverviewView, type RecordedCrime } from "./views";

/**
 * The intelligence-gap views (docs/insights.md): counts in the viewer's scope, read through the
 * database's narrow functions, built into tables and passed through lib/sdc under the strictest
 * policy of the agreements involved. No raw count leaves this module; every read is audited.
 */

export { type InsightViewName } from "./views";
export { parseInsightFilters, type InsightFilters } from "./filters";

type BuiltView = OverviewView | BeyondPoliceView | CommunitiesView | PerpetratorsView | RepeatVictimisationView | DataQualityView;

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

/** One view for the viewer: analysts and viewers over what agreements share with them, partner leads over their own organisation. */
export async function insightView(viewer: Viewer, view: string, filters: InsightFilters): Promise<InsightResult> {
  const ownOrganisation = viewer.role === "org_manager";
  await authorise(viewer, ownOrganisation ? "insights.read_own_org" : "insights.read");
  if (!isInsightView(view)) throw new NotFound("No such insight view.");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const policy = await readPolicy(tx, filters);
    const rows = await readCounts(tx, filters, VIEW_DIMENSIONS[view]);
    let built: BuiltView;
    if (view === "overview") {
      built = buildOverview(rows, await readCounts(tx, filters, ["total"], { period: previousPeriod(filters.period) }), policy, await coveredAreas(tx, viewer, filters, rows));
    } else if (view === "beyond-police") {
      built = buildBeyondPolice(rows, await recordedCrime(tx, filters, rows), policy);
    } else if (view === "communities") {
      built = buildCommunities(rows, policy);
    } else if (view === "perpetrators") {
      built = buildPerpetrators(rows, policy);
    } else if (view === "repeat-victimisation") {
      built = buildRepeatVictimisation(unitsOf(rows, await providersOf(tx, rows), (row) => row.providerOrgId), await areasOf(tx, filters, rows, VIEW_DIMENSIONS[view]), policy);
    } else {
      built = buildDataQuality(rows, await providersOf(tx, rows), policy);
    }
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
