import "server-only";
import { and, asc, eq, gt, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/database";
import {
  agreementFields,
  agreementGeography,
  agreementParties,
  agreementThreatAreas,
  agreementVersions,
  agreements,
  disclosureThreatAreas,
  disclosures,
} from "@/db/schema";
import type { ThreatArea } from "@/lib/taxonomy";
import { can } from "./permissions";
import type { Role } from "./roles";

/**
 * Data visibility under data-sharing agreements (docs/access.md#agreement-access-rule), in one place: every
 * service query that reads another organisation's disclosures filters with it. Row-level
 * security enforces the same rule a second time (app_active_grants in
 * db/migrations/0002_row_level_security.sql); the integration tests hold the two together.
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
  const recipient = alias(agreementParties, "recipient");
  const provider = alias(agreementParties, "provider");
  const rows = await db
    .select({
      agreementId: agreements.id,
      versionId: agreementVersions.id,
      providerOrgId: provider.orgId,
      threatArea: agreementThreatAreas.threatArea,
      granularity: agreementThreatAreas.granularity,
      forceAreaCode: agreementGeography.forceAreaCode,
      ladCode: agreementGeography.ladCode,
      disclosureThreshold: agreementVersions.disclosureThreshold,
      roundToBase5: agreementVersions.roundToBase5,
    })
    .from(agreements)
    .innerJoin(
      agreementVersions,
      and(eq(agreementVersions.id, agreements.currentVersionId), eq(agreementVersions.agreementId, agreements.id)),
    )
    .innerJoin(
      recipient,
      and(eq(recipient.versionId, agreementVersions.id), eq(recipient.orgId, viewer.organisation.id), eq(recipient.isRecipient, true)),
    )
    .innerJoin(provider, and(eq(provider.versionId, agreementVersions.id), eq(provider.isProvider, true)))
    .innerJoin(agreementThreatAreas, eq(agreementThreatAreas.versionId, agreementVersions.id))
    .innerJoin(agreementGeography, eq(agreementGeography.versionId, agreementVersions.id))
    .where(
      and(
        eq(agreements.status, "active"),
        eq(agreementVersions.status, "signed"),
        lte(agreementVersions.startDate, today),
        gt(agreementVersions.endDate, today),
      ),
    )
    .orderBy(asc(agreements.id), asc(provider.orgId), asc(agreementThreatAreas.threatArea), asc(agreementGeography.forceAreaCode), asc(agreementGeography.ladCode));
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
            sql`exists (select 1 from ${disclosureThreatAreas} where ${disclosureThreatAreas.disclosureId} = ${disclosures.id} and ${inArray(disclosureThreatAreas.threatArea, scope.threatAreas)})`,
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
