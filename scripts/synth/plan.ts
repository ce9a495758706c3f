import { toSnakeCase } from "drizzle-orm/casing";
import { getTableColumns } from "drizzle-orm";
import type { OrganisationType } from "@/lib/access/organisation-types";
import { listLocalAuthoritiesInForceArea, listPoliceForceAreas } from "@/lib/reference";
import { THREAT_AREAS, type ThreatArea } from "@/lib/taxonomy";
import { disclosures, disclosureThreatAreas } from "@/db/schema/disclosures";
import type { SyntheticDisclosure } from "../seed/synthetic";

/**
 * What `npm run db:synth` writes, worked out without a database: the synthetic organisations of
 * every police force area, how many disclosures each submits, and each disclosure as lines of
 * PostgreSQL's COPY text format, with the columns the database's triggers would otherwise fill
 * (threat areas, access keys, record key) computed the way those triggers do.
 */

/** The partner types that submit, in the order partners are added to each force area. */
export const SUBMITTING_TYPES = ["idva_service", "isva_service", "local_authority", "health", "third_sector"] as const satisfies readonly OrganisationType[];

export type SynthOrganisation = {
  name: string;
  type: OrganisationType;
  forceAreaCode: string;
  /** The districts its clients come from, its own listed four times (as the demo seed weights them). */
  ladCodes: readonly string[];
  /** Its share of the disclosures, relative to the others. */
  weight: number;
};

/**
 * One police force per force area (the recipient of its area's agreement) and `partners`
 * submitting organisations spread over the force areas in proportion to their female population,
 * at least one each, partner types in turn, each based in one of its area's districts. Every force area
 * unless `forceAreaCodes` names some (the tests' small databases).
 */
export function synthOrganisations(partners: number, forceAreaCodes?: readonly string[]): { police: SynthOrganisation[]; partners: SynthOrganisation[] } {
  const areas = [...listPoliceForceAreas()]
    .filter((area) => !forceAreaCodes || forceAreaCodes.includes(area.code))
    .sort((a, b) => a.code.localeCompare(b.code));
  if (!Number.isSafeInteger(partners) || partners < areas.length) {
    throw new RangeError(`At least ${areas.length} partner organisations are needed, one per police force area`);
  }
  const perArea = splitCount(
    partners - areas.length,
    areas.map((area) => area.population.femalesAllAges),
  ).map((extra) => extra + 1);
  const police = areas.map((area) => ({ name: `Synthetic ${area.name} Police`, type: "police_force" as const, forceAreaCode: area.code, ladCodes: [], weight: 0 }));
  let made = 0;
  const submitting = areas.flatMap((area, index) => {
    const districts = listLocalAuthoritiesInForceArea(area.code).map((authority) => authority.code);
    const count = perArea[index]!;
    return Array.from({ length: count }, (_, n): SynthOrganisation => {
      const home = districts[n % districts.length]!;
      return {
        name: `Synthetic partner ${n + 1}, ${area.name}`,
        // Types in turn across the country, so each is about a fifth of the partners and the pooled mix is the STRA's.
        type: SUBMITTING_TYPES[made++ % SUBMITTING_TYPES.length]!,
        forceAreaCode: area.code,
        ladCodes: [home, home, home, home, ...districts],
        weight: area.population.femalesAllAges / count,
      };
    });
  });
  return { police, partners: submitting };
}

/** `total` split into whole numbers in proportion to `weights` (largest remainders), summing to `total`. */
export function splitCount(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || sum <= 0) throw new RangeError("splitCount needs positive weights");
  const exact = weights.map((weight) => (total * weight) / sum);
  const counts = exact.map(Math.floor);
  const order = exact.map((value, index) => [value - Math.floor(value), index] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let left = total - counts.reduce((a, b) => a + b, 0), i = 0; left > 0; left--, i++) counts[order[i % order.length]![1]]!++;
  return counts;
}

/** The 120 months before the one `now` falls in (UTC), oldest first, as YYYY-MM: ten years. */
export function tenYearsOfMonths(now: Date): string[] {
  return Array.from({ length: 120 }, (_, index) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + index - 120, 1)).toISOString().slice(0, 7));
}

// ---------------------------------------------------------------------------------------------
// COPY text format

/** The disclosure columns, named as in the database, in the order the lines give them. */
const DISCLOSURE_KEYS = Object.keys(getTableColumns(disclosures));
export const DISCLOSURE_COLUMNS = DISCLOSURE_KEYS.map(toSnakeCase);
const THREAT_AREA_KEYS = Object.keys(getTableColumns(disclosureThreatAreas));
export const THREAT_AREA_COLUMNS = THREAT_AREA_KEYS.map(toSnakeCase);

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/**
 * One value in COPY's text format: \N for null, arrays as {a,b}, backslash, tab and line breaks
 * escaped. Arrays hold taxonomy codes and access keys, which never need quoting (a unit test
 * holds every code to that).
 */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (character) => ESCAPES[character]!) : value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.join(",")}}`;
  return String(value);
}

const AREA_ORDER = new Map<string, number>(THREAT_AREAS.codes.map((code, index) => [code, index]));

/**
 * A disclosure's access keys as app_fill_access_keys (migration 0003) computes them: provider ×
 * place × threat area for both its force area and its district, ordered by place, then threat
 * area in the enum's order.
 */
export function accessKeys(orgId: string, forceAreaCode: string | null, ladCode: string | null, areas: readonly ThreatArea[]): string[] {
  const places = [forceAreaCode, ladCode].filter((place): place is string => place !== null).sort();
  return places.flatMap((place) => areas.map((area) => `${orgId}:${place}:${area}`));
}

export type Identity = { id: string; orgId: string; createdBy: string | null; recordKey: number };

/** A synthetic disclosure as one line for `disclosures` and one per threat area for `disclosure_threat_areas`. */
export function copyLines(record: SyntheticDisclosure, identity: Identity): { disclosure: string; threatAreas: string[] } {
  const areas = record.threatAreas.map((entry) => entry.threatArea).sort((a, b) => AREA_ORDER.get(a)! - AREA_ORDER.get(b)!);
  const { forceAreaCode = null, ladCode = null } = record.disclosure;
  const row: Record<string, unknown> = {
    version: 1,
    supersedesId: null,
    partnerReferenceHash: null,
    withdrawnAt: null,
    withdrawnReason: null,
    ...record.disclosure,
    id: identity.id,
    orgId: identity.orgId,
    createdBy: identity.createdBy,
    seriesId: identity.id,
    recordKey: identity.recordKey,
    threatAreas: areas,
    accessKeys: accessKeys(identity.orgId, forceAreaCode, ladCode, areas),
  };
  const disclosure = DISCLOSURE_KEYS.map((key) => {
    if (!(key in row)) throw new Error(`The synthetic disclosure has no value for ${key}`);
    return copyValue(row[key]);
  }).join("\t");
  const threatAreas = record.threatAreas.map((entry) => {
    const area: Record<string, unknown> = { disclosureId: identity.id, threatArea: entry.threatArea, subTypes: entry.subTypes };
    return THREAT_AREA_KEYS.map((key) => copyValue(area[key])).join("\t");
  });
  return { disclosure, threatAreas };
}
