import "server-only";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import type { Viewer } from "@/lib/access/viewer";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import type { DataQualityView } from "./data-quality";
import { insightQueryString, type InsightFilters } from "./filters";
import type { MapView } from "./map";
import type { OnlineView } from "./online";
import type { PerpetratorsView } from "./perpetrators";
import { insightView, type InsightResult } from "./service";
import { straPackCsvFiles, straPackReadme, straPackZip, straSections, type PackViews, type StraPackContent } from "./stra-pack";
import type { TrendsView } from "./trends";
import type { BeyondPoliceView, CommunitiesView, OverviewView } from "./views";

/**
 * The STRA input pack for an analyst: each view read through insightView (so each is in scope,
 * under disclosure control and audited as insight.viewed), laid out by threat area, and the
 * download itself audited as stra_pack.exported with its format and filters.
 */

export type StraPack = StraPackContent & { views: PackViews; filters: InsightFilters; policy: InsightResult["policy"] };

type Format = "document" | "csv";

export async function straPack(viewer: Viewer, filters: InsightFilters, format: Format): Promise<StraPack> {
  await authorise(viewer, "stra_pack.export");
  const overview = (await insightView(viewer, "overview", filters)) as InsightResult & OverviewView;
  const views: PackViews = {
    overview,
    beyondPolice: (await insightView(viewer, "beyond-police", filters)) as InsightResult & BeyondPoliceView,
    communities: (await insightView(viewer, "communities", filters)) as InsightResult & CommunitiesView,
    trends: (await insightView(viewer, "trends", filters)) as InsightResult & TrendsView,
    online: (await insightView(viewer, "online", filters)) as InsightResult & OnlineView,
    map: (await insightView(viewer, "map", filters)) as InsightResult & MapView,
    perpetrators: (await insightView(viewer, "perpetrators", filters)) as InsightResult & PerpetratorsView,
    dataQuality: (await insightView(viewer, "data-quality", filters)) as InsightResult & DataQualityView,
  };
  await withContext(await getDatabase(), contextOf(viewer), (tx) =>
    recordAudit(tx, auditEvent(viewer, "stra_pack.exported", { details: { format, filters: insightQueryString(filters, { period: filters.period.code }) } })),
  );
  return { ...straSections(views), views, filters, policy: overview.policy };
}

/** The pack's CSV files and README as one zip archive. */
export async function straPackArchive(viewer: Viewer, filters: InsightFilters): Promise<Uint8Array> {
  const pack = await straPack(viewer, filters, "csv");
  const readme = straPackReadme({
    title: `STRA input pack from ${viewer.organisation.name}'s shared partner data`,
    period: pack.filters.period.label,
    filters: insightQueryString(pack.filters),
    threshold: pack.policy.threshold,
    rounded: pack.policy.roundToBase5,
  });
  return straPackZip(straPackCsvFiles(pack.views, pack), readme);
}
