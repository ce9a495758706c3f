import type { Role } from "@/lib/access/roles";
import type { OrganisationType } from "@/lib/organisations/types";

export type NavigationItem = { href: string; label: string };

const HOME: NavigationItem = { href: "/", label: "Home" };

/**
 * What each role's menu holds (docs/access.md#roles). A menu only offers what the role may
 * do; the services still decide access, so a link missing here is not what keeps a page closed.
 */
const MENUS: Record<Role, readonly NavigationItem[]> = {
  submitter: [{ href: "/disclosures", label: "Disclosures" }],
  org_manager: [
    { href: "/disclosures", label: "Disclosures" },
    { href: "/disclosures/upload", label: "Bulk upload" },
    { href: "/users", label: "Users" },
    { href: "/api-tokens", label: "API tokens" },
    { href: "/agreements", label: "Agreements" },
    { href: "/insights", label: "Insights" },
  ],
  analyst: [
    { href: "/insights", label: "Insights" },
    { href: "/records", label: "Records" },
    { href: "/stra-pack", label: "STRA pack" },
  ],
  viewer: [{ href: "/insights", label: "Insights" }],
  admin: [
    { href: "/organisations", label: "Organisations" },
    { href: "/users", label: "Users" },
    { href: "/agreements", label: "Agreements" },
  ],
  auditor: [{ href: "/audit", label: "Audit log" }],
};

/** Police forces' partner leads also upload their force's monthly recorded-crime returns. */
const RECORDED_CRIME: NavigationItem = { href: "/recorded-crime/upload", label: "Recorded crime" };

/** The menu for a role, Home first. A role this code does not know gets Home only. */
export function navigationFor(role: Role, organisationType?: OrganisationType): NavigationItem[] {
  const items = Object.hasOwn(MENUS, role) ? MENUS[role] : [];
  const extra = role === "org_manager" && organisationType === "police_force" ? [RECORDED_CRIME] : [];
  return [HOME, ...items, ...extra].map((item) => ({ ...item }));
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
