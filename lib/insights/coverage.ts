import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/database";
import { organisationCoverage } from "@/db/schema";
import { listGrants } from "@/lib/access/visibility";
import type { Viewer } from "@/lib/access/viewer";
import { getLocalAuthority, getPoliceForceArea, listLocalAuthoritiesInForceArea } from "@/lib/reference";
import type { CountRow } from "./counts";
import type { InsightFilters } from "./filters";
import { readByLocalAuthority } from "./units";
import type { CoveredAreas } from "./views";

/**
 * Where the viewer's data could come from, for the landing page's "which areas are not
 * contributing": the places the agreements in force share with the viewer's organisation (a partner
 * lead: the places their organisation covers), within the filters, at the level the filters ask
 * for — force areas, or the local authorities of the force area chosen, or the one chosen.
 */

/** Places as (force area, local authority or null for all of it). */
async function placesOf(tx: Database, viewer: Viewer, filters: InsightFilters, now: Date): Promise<{ forceAreaCode: string; ladCode: string | null }[]> {
  if (viewer.role === "org_manager") {
    return tx.select({ forceAreaCode: organisationCoverage.forceAreaCode, ladCode: organisationCoverage.ladCode }).from(organisationCoverage).where(eq(organisationCoverage.orgId, viewer.organisation.id));
  }
  return (await listGrants(tx, viewer, now)).filter((grant) => !filters.threatArea || grant.threatArea === filters.threatArea);
}

const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, "en-GB");

/** The covered areas, each marked contributing when any disclosure in scope (matching the filters) is counted there. */
export async function coveredAreas(tx: Database, viewer: Viewer, filters: InsightFilters, rows: readonly CountRow[], now = new Date()): Promise<CoveredAreas> {
  const places = await placesOf(tx, viewer, filters, now);
  const counted = (found: readonly CountRow[]) => found.some((row) => row.count > 0);
  if (filters.ladCode) {
    const lad = filters.ladCode;
    const covered = places.some((place) => place.forceAreaCode === filters.forceAreaCode && (place.ladCode === null || place.ladCode === lad));
    return { level: "local_authority", areas: covered ? [{ code: lad, label: getLocalAuthority(lad)?.name ?? lad, contributing: counted(rows) }] : [] };
  }
  if (filters.forceAreaCode) {
    const inForce = places.filter((place) => place.forceAreaCode === filters.forceAreaCode);
    const lads = listLocalAuthoritiesInForceArea(filters.forceAreaCode).filter((lad) => inForce.some((place) => place.ladCode === null || place.ladCode === lad.code));
    const units = await readByLocalAuthority(tx, filters, lads, ["total"]);
    return { level: "local_authority", areas: units.map((unit) => ({ code: unit.code, label: unit.label, contributing: counted(unit.rows) })) };
  }
  const codes = [...new Set(places.map((place) => place.forceAreaCode))];
  const areas = codes.map((code) => ({ code, label: getPoliceForceArea(code)?.name ?? code, contributing: counted(rows.filter((row) => row.forceAreaCode === code)) }));
  return { level: "force_area", areas: areas.sort(byLabel) };
}
