import "server-only";
import { inArray } from "drizzle-orm";
import type { Database } from "@/db/database";
import { organisations } from "@/db/schema";
import { getLocalAuthority, getPoliceForceArea, listLocalAuthoritiesInForceArea } from "@/lib/reference";
import { readCounts, type CountRow } from "./counts";
import type { InsightFilters } from "./filters";
import { unitsOf, type RepeatUnit } from "./repeat-victimisation";
import { typeLabel } from "./views";

/**
 * The units the by-organisation and by-area views compare: the provider organisations with counts
 * in scope, named as the viewer may read them, and the places those counts fall in.
 */

/** The providers of `rows`, by name. A name row-level security hides is given as the provider's type. */
export async function providersOf(tx: Database, rows: readonly CountRow[]): Promise<{ code: string; label: string }[]> {
  const ids = [...new Set(rows.filter((row) => row.count > 0).map((row) => row.providerOrgId))];
  if (ids.length === 0) return [];
  const named = new Map((await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids))).map((row) => [row.id, row.name]));
  const typeOf = new Map(rows.map((row) => [row.providerOrgId, row.providerType]));
  return ids
    .map((id, i) => ({ code: id, label: named.get(id) ?? `${typeLabel(typeOf.get(id)!)} ${i + 1}` }))
    .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
}

/**
 * The counts of each of some local authorities, by name: each a fixed band of its own, read as if
 * it had been chosen in the filters.
 */
export async function readByLocalAuthority(
  tx: Database,
  filters: InsightFilters,
  lads: readonly { code: string; name: string }[],
  dimensions: readonly string[],
): Promise<RepeatUnit[]> {
  const units: RepeatUnit[] = [];
  for (const lad of lads) units.push({ code: lad.code, label: lad.name, rows: await readCounts(tx, { ...filters, ladCode: lad.code }, dimensions) });
  return units.sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
}

/**
 * The areas to compare: the force areas of the counts; with a force area chosen, its local
 * authorities (each read as its own fixed band); with a local authority chosen, that one alone.
 */
export async function areasOf(
  tx: Database,
  filters: InsightFilters,
  rows: readonly CountRow[],
  dimensions: readonly string[],
): Promise<{ level: "force_area" | "local_authority"; units: RepeatUnit[] }> {
  if (filters.ladCode) {
    return { level: "local_authority", units: [{ code: filters.ladCode, label: getLocalAuthority(filters.ladCode)?.name ?? filters.ladCode, rows }] };
  }
  if (filters.forceAreaCode) {
    const units = await readByLocalAuthority(tx, filters, listLocalAuthoritiesInForceArea(filters.forceAreaCode), dimensions);
    return { level: "local_authority", units };
  }
  const codes = [...new Set(rows.map((row) => row.forceAreaCode))];
  const areas = codes.map((code) => ({ code, label: getPoliceForceArea(code)?.name ?? code })).sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
  return { level: "force_area", units: unitsOf(rows, areas, (row) => row.forceAreaCode) };
}
