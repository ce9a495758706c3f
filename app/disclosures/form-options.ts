import "server-only";
import type { LocalAuthorityGroup } from "@/components/disclosures/disclosure-form";
import { listLocalAuthoritiesInForceArea, listPoliceForceAreas } from "@/lib/reference";
import { ukMonthOf } from "@/lib/disclosures/schema";

/** The districts grouped by police force area, force areas and districts by name. */
export function localAuthorityGroups(): LocalAuthorityGroup[] {
  return listPoliceForceAreas().map((area) => ({
    label: area.name,
    options: listLocalAuthoritiesInForceArea(area.code).map((authority) => ({ value: authority.code, label: authority.name })),
  }));
}

/** The latest month a disclosure may be for: this month in the UK. */
export function latestMonth(now = new Date()): string {
  return ukMonthOf(now);
}
