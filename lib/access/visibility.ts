import "server-only";
import { and, arrayOverlaps, asc, eq, gt, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/database";
import { agreementFields, agreementGrants, agreementVersions, disclosureThreatAreas, disclosures } from "@/db/schema";
import type { ThreatArea } from "@/lib/taxonomy";
import { can } from "./permissions";
import type { Role } from "./roles";

/**
 * Data visibility under data-sharing agreements (docs/access.md#agreement-access-rule), in one place: every
 * service query that reads another organisation's disclosures filters with it. Both read the
 * agreement_grants table, which the database keeps in step with every agreement's status and
 * current version; row-level security enforces the same rule a second time
 * (db/migrations/0003_agreements_in_force.sql); the integration tests hold the two together.
 */

export type Granularity = "aggregate" | "record";

/** One threat area × geography that an active agreement shares with the viewer's organisation. */
export type Grant = {
  agreementId: string;
  versionId: string;
  providerOrgId: string;
  threatArea: ThreatArea;
  granularity: Granularity;
  forceAreaCode: string;
  /** A single local authority within the force area, or null for the whole force area. */
  ladCode: string | null;
  /** The disclosure fields a record-level recipient may see (empty when none are listed). */
  fields: string[];
  disclosureThreshold: number;
  roundToBase5: boolean;
};

/** Any signed-in viewer (lib/auth/viewer.ts) will do: only the organisation and role matter. */
export type GrantViewer = { organisation: { id: string }; role: Role };

/** Agreement dates are UK calendar dates, as in the database's app_today(). */
export function agreementDay(now: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(now)
    .reduce<Record<string, string>>((found, part) => ({ ...found, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The grants in force for the viewer's organisation at `now`: agreements that are active, whose
 * current version is signed and within its start (inclusive) and end (exclusive) dates, listing
 * the organisation as recipient. Suspension, termination, expiry and a start not yet reached
 * remove access at once, whatever status was last recorded. Analysts and viewers only; a viewer's
 * record grants count as aggregate.
 */
export async function listGrants(db: Database, viewer: GrantViewer, now: Date): Promise<Grant[]> {
  if (!can(viewer.role, "insights.read")) return [];
  const today = agreementDay(now);
  const rows = await db
    .select({
      agreementId: agreementGrants.agreementId,
      versionId: agreementGrants.versionId,
      providerOrgId: agreementGrants.providerOrgId,
      threatArea: agreementGrants.threatArea,
      granularity: agreementGrants.granularity,
      forceAreaCode: agreementGrants.forceAreaCode,
      ladCode: agreementGrants.ladCode,
      disclosureThreshold: agreementVersions.disclosureThreshold,
      roundToBase5: agreementVersions.roundToBase5,
    })
    .from(agreementGrants)
    .innerJoin(agreementVersions, eq(agreementVersions.id, agreementGrants.versionId))
    .where(
      and(
        eq(agreementGrants.recipientOrgId, viewer.organisation.id),
        lte(agreementGrants.startDate, today),
        gt(agreementGrants.endDate, today),
      ),
    )
    .orderBy(
      asc(agreementGrants.agreementId),
      asc(agreementGrants.providerOrgId),
      asc(agreementGrants.threatArea),
      asc(agreementGrants.forceAreaCode),
      asc(agreementGrants.ladCode),
    );
  if (rows.length === 0) return [];

  const versionIds = [...new Set(rows.map((row) => row.versionId))];
  const fieldRows = await db
    .select({ versionId: agreementFields.versionId, field: agreementFields.field })
    .from(agreementFields)
    .where(inArray(agreementFields.versionId, versionIds))
    .orderBy(asc(agreementFields.field));
  const fieldsOf = new Map<string, string[]>();
  for (const { versionId, field } of fieldRows) fieldsOf.set(versionId, [...(fieldsOf.get(versionId) ?? []), field]);

  return rows.map((row) => ({
    ...row,
    granularity: viewer.role === "analyst" ? row.granularity : "aggregate",
    fields: fieldsOf.get(row.versionId) ?? [],
  }));
}

type Scope = { providerOrgId: string; forceAreaCode: string; ladCode: string | null; threatAreas: ThreatArea[] };

/** Grants usable at a granularity, merged per provider and geography. Record grants serve aggregates too. */
function scopesOf(grants: readonly Grant[], granularity: Granularity): Scope[] {
  const scopes = new Map<string, Scope>();
  for (const grant of grants) {
    if (granularity === "record" && grant.granularity !== "record") continue;
    const key = JSON.stringify([grant.providerOrgId, grant.forceAreaCode, grant.ladCode]);
    const scope = scopes.get(key) ?? { providerOrgId: grant.providerOrgId, forceAreaCode: grant.forceAreaCode, ladCode: grant.ladCode, threatAreas: [] };
    if (!scope.threatAreas.includes(grant.threatArea)) scope.threatAreas.push(grant.threatArea);
    scopes.set(key, scope);
  }
  return [...scopes.values()];
}

function inScope(scope: Scope): SQL {
  return and(
    eq(disclosures.orgId, scope.providerOrgId),
    eq(disclosures.forceAreaCode, scope.forceAreaCode),
    scope.ladCode === null ? undefined : eq(disclosures.ladCode, scope.ladCode),
  )!;
}

/**
 * A where-clause over `disclosures` (not aliased): the submitted disclosures the grants show at
 * the granularity asked for — from a provider, in the geography, tagged with a threat area in
 * scope. No grants, nothing: it never widens a query.
 */
export function visibleDisclosuresCondition(grants: readonly Grant[], { granularity }: { granularity: Granularity }): SQL {
  const scopes = scopesOf(grants, granularity);
  if (scopes.length === 0) return sql`false`;
  return and(
    eq(disclosures.status, "submitted"),
    or(
      ...scopes.map(
        (scope) =>
          and(
            inScope(scope),
            arrayOverlaps(disclosures.threatAreas, scope.threatAreas),
          )!,
      ),
    ),
  )!;
}

/**
 * A where-clause over `disclosure_threat_areas` joined to `disclosures`: a disclosure tagged with
 * several threat areas counts, and is shown, only for the areas in scope.
 */
export function visibleThreatAreasCondition(grants: readonly Grant[], { granularity }: { granularity: Granularity }): SQL {
  const scopes = scopesOf(grants, granularity);
  if (scopes.length === 0) return sql`false`;
  return and(
    eq(disclosures.status, "submitted"),
    or(...scopes.map((scope) => and(inScope(scope), inArray(disclosureThreatAreas.threatArea, scope.threatAreas))!)),
  )!;
}
