import type { OrganisationType } from "@/lib/access/organisation-types";
import { permits, type Permission } from "@/lib/access/permissions";
import type { Role } from "@/lib/access/roles";

export type NavigationItem = { href: string; label: string };

type MenuEntry = NavigationItem & {
  /** The permissions that open the item's page for the work the menu offers it for: any one will do. */
  opensWith: readonly Permission[];
};

const HOME: NavigationItem = { href: "/", label: "Home" };

/**
 * Every menu item, in menu order. Who sees an item follows from the permission table in
 * lib/access (docs/access.md#permission-table): a menu only offers what the viewer may do, and the services
 * still decide access, so a link missing here is not what keeps a page closed. Auditors, analysts
 * and viewers may read agreements and auditors organisations, but their menus offer neither:
 * those items are for the roles that sign, manage or administer them.
 */
const MENU: readonly MenuEntry[] = [
  { href: "/disclosures", label: "Disclosures", opensWith: ["disclosures.read_own"] },
  { href: "/disclosures/upload", label: "Bulk upload", opensWith: ["disclosures.upload"] },
  { href: "/organisations", label: "Organisations", opensWith: ["organisations.manage"] },
  { href: "/users", label: "Users", opensWith: ["users.read_org"] },
  { href: "/api-tokens", label: "API tokens", opensWith: ["api_tokens.manage"] },
  { href: "/agreements", label: "Agreements", opensWith: ["agreements.sign", "agreements.manage"] },
  { href: "/insights", label: "Insights", opensWith: ["insights.read", "insights.read_own_org"] },
  { href: "/partner-data", label: "Partner data", opensWith: ["records.read"] },
  { href: "/stra-pack", label: "STRA pack", opensWith: ["stra_pack.export"] },
  { href: "/audit", label: "Audit log", opensWith: ["audit.read"] },
  { href: "/organisation/access", label: "Who read our data", opensWith: ["audit.read_org_access"] },
  { href: "/recorded-crime/upload", label: "Recorded crime", opensWith: ["recorded_crime.upload"] },
];

/**
 * The menu items whose pages exist. The menu offers nothing else, so no link leads to "Page not
 * found" (and Next.js, which prefetches every link, never fetches a missing page). When a page in
 * MENU lands, add its href here: lib/navigation.test.ts reads app/ and fails until this list and
 * the pages agree.
 */
export const BUILT_PAGES: ReadonlySet<string> = new Set([
  "/disclosures",
  "/disclosures/upload",
  "/organisations",
  "/users",
  "/api-tokens",
  "/agreements",
  "/partner-data",
  "/recorded-crime/upload",
  "/insights",
  "/audit",
  "/organisation/access",
]);

/**
 * The views under Insights, in the order the landing page lists them: one line each, with what the
 * view answers. The landing page links each with the filters in force, and the navigation walk
 * (e2e/navigation.spec.ts) follows those links; lib/navigation.test.ts checks each has its page.
 */
export const INSIGHT_PAGES: readonly (NavigationItem & { about: string })[] = [
  { href: "/insights/beyond-police", label: "Beyond police data", about: "disclosures by partner type, the share not reported to police, barriers to reporting, and police recorded crime beside them." },
  { href: "/insights/communities", label: "Communities", about: "victims by ethnic group, migrant status, no recourse to public funds, LGBTQ+ and disability, and how completely partners record them." },
  { href: "/insights/perpetrators", label: "Perpetrators", about: "known other offending and its kinds, relationship to the victim, lone or group, and ideology concern, by threat area." },
  { href: "/insights/repeat-victimisation", label: "Repeat victimisation", about: "the share of victims known to the partner before, by organisation and by area, on funnel plots that mark the outliers." },
  { href: "/insights/data-quality", label: "Data quality", about: "how completely and how promptly each organisation records its disclosures." },
];

/** Every href the menu can offer once its page is built, in menu order. */
export const MENU_HREFS: readonly string[] = MENU.map((entry) => entry.href);

/**
 * The menu for a role in an organisation of a type, Home first: the items whose page is built and
 * whose permissions the role holds. A role this code does not know gets Home only.
 */
export function navigationFor(
  role: Role,
  organisationType?: OrganisationType,
  built: ReadonlySet<string> = BUILT_PAGES,
): NavigationItem[] {
  const holder = { role, organisation: { type: organisationType } };
  const items = MENU.filter(
    (entry) => built.has(entry.href) && entry.opensWith.some((permission) => permits(holder, permission)),
  );
  return [HOME, ...items].map(({ href, label }) => ({ href, label }));
}

/**
 * The href of the menu item that contains `pathname`: the longest item href that equals it or is a
 * path-segment prefix of it ("/disclosures/upload" beats "/disclosures"). Home matches only "/".
 */
export function currentNavigationHref(
  items: readonly NavigationItem[],
  pathname: string,
): string | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  let best: string | undefined;
  for (const { href } of items) {
    const matches = href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`);
    if (matches && (best === undefined || href.length > best.length)) best = href;
  }
  return best;
}
