import "server-only";
import type { LocalAuthorityChoice, LocalAuthorityGroup } from "@/components/disclosures/disclosure-form";
import { getLocalAuthority, listLocalAuthoritiesInForceArea, listPoliceForceAreas } from "@/lib/reference";
import { ukMonthOf } from "@/lib/disclosures/schema";

/** The districts grouped by police force area, force areas and districts by name. */
function localAuthorityGroups(): LocalAuthorityGroup[] {
  return listPoliceForceAreas().map((area) => ({
    label: area.name,
    options: listLocalAuthoritiesInForceArea(area.code).map((authority) => ({ value: authority.code, label: authority.name })),
  }));
}

/**
 * The districts offered for a disclosure: the organisation's own first, and every district in
 * England and Wales only when asked for (`all`), when it records no coverage, or when the answer
 * saved already lies outside it.
 */
export function localAuthorityChoice(covered: readonly string[], options: { all: boolean; saved?: string | undefined }): LocalAuthorityChoice {
  const own: LocalAuthorityGroup = {
    label: "Your organisation’s area",
    options: covered
      .map((code) => ({ value: code, label: getLocalAuthority(code)?.name ?? code }))
      .sort((a, b) => a.label.localeCompare(b.label, "en-GB")),
  };
  const everyone = options.all || covered.length === 0 || (options.saved !== undefined && !covered.includes(options.saved));
  return {
    groups: covered.length === 0 ? localAuthorityGroups() : everyone ? [own, ...localAuthorityGroups()] : [own],
    covered,
    offerAll: !everyone,
  };
}

/** The latest month a disclosure may be for: this month in the UK. */
export function latestMonth(now = new Date()): string {
  return ukMonthOf(now);
}
