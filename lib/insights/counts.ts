import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/database";
import { rowsOf } from "@/db/database";
import type { OrganisationType } from "@/lib/access/organisation-types";
import { DEFAULT_POLICY, mergePolicies, type DisclosurePolicy } from "@/lib/sdc";
import type { ThreatArea } from "@/lib/taxonomy";
import type { InsightFilters } from "./filters";

/**
 * Raw counts, read through the narrow SECURITY DEFINER functions of the insights migration
 * (docs/insights.md#scope). Nothing here leaves lib/insights: the service passes every figure
 * through lib/sdc first.
 */

/** One cell of insight_counts in scope, summed over local authorities (and months, unless asked by month). */
export type CountRow = {
  providerOrgId: string;
  providerType: OrganisationType;
  threatArea: ThreatArea;
  forceAreaCode: string;
  /** `YYYY-MM`, or null when summed over the period. */
  month: string | null;
  dimension: string;
  value: string;
  count: number;
  recordKeySum: number;
};

type RawRow = {
  provider_org_id: string;
  provider_type: OrganisationType;
  threat_area: ThreatArea;
  force_area_code: string;
  month: string | null;
  dimension: string;
  value: string;
  count: string | number;
  record_key_sum: string | number;
};

/**
 * The counts of some dimensions within the filters (and the period given, when not the filters'
 * own); of the `answered` dimension, only the fields given in `answered` when it is given.
 */
export async function readCounts(
  tx: Database,
  filters: InsightFilters,
  dimensions: readonly string[],
  { byMonth = false, period = filters.period, answered }: { byMonth?: boolean; period?: { from: string; to: string }; answered?: readonly string[] } = {},
): Promise<CountRow[]> {
  const codes = [...dimensions, ...(answered ?? [])];
  if (dimensions.length === 0 || !codes.every((code) => /^[a-z_]+$/.test(code))) throw new RangeError(`Not insight dimensions or fields: ${codes.join(", ")}`);
  const rows = rowsOf<RawRow>(
    await tx.execute(sql`select provider_org_id, provider_type, threat_area, force_area_code, to_char(month, 'YYYY-MM') as month,
                                dimension, value, count, record_key_sum
      from app_insight_counts(
        ${`{${dimensions.join(",")}}`}::text[], ${`${period.from}-01`}::date, ${`${period.to}-01`}::date,
        ${filters.forceAreaCode ?? null}::text, ${filters.ladCode ?? null}::text, ${filters.threatArea ?? null}::threat_area,
        ${filters.partnerType ?? null}::organisation_type, ${byMonth}, ${answered ? `{${answered.join(",")}}` : null}::text[])`),
  );
  return rows.map((row) => ({
    providerOrgId: row.provider_org_id,
    providerType: row.provider_type,
    threatArea: row.threat_area,
    forceAreaCode: row.force_area_code,
    month: row.month,
    dimension: row.dimension,
    value: row.value,
    count: Number(row.count),
    recordKeySum: Number(row.record_key_sum),
  }));
}

/**
 * The strictest disclosure control the agreements in scope ask for (threshold, rounding), always
 * with cell-key perturbation. A partner lead whose organisation provides under no agreement gets
 * the default policy (docs/disclosure-control.md).
 */
export async function readPolicy(tx: Database, filters: InsightFilters): Promise<DisclosurePolicy> {
  const rows = rowsOf<{ disclosure_threshold: number; round_to_base5: boolean }>(
    await tx.execute(sql`select disclosure_threshold, round_to_base5
      from app_insight_policies(${filters.threatArea ?? null}::threat_area, ${filters.forceAreaCode ?? null}::text)`),
  );
  if (rows.length === 0) return DEFAULT_POLICY;
  return mergePolicies(rows.map((row) => ({ threshold: Number(row.disclosure_threshold), roundToBase5: row.round_to_base5, perturb: true })));
}
