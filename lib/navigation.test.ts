import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ORGANISATION_TYPES, type OrganisationType } from "@/lib/access/organisation-types";
import { permits, type Permission } from "@/lib/access/permissions";
import { ROLES, type Role } from "@/lib/access/roles";
import { BUILT_PAGES, currentNavigationHref, INSIGHT_PAGES, MENU_HREFS, navigationFor } from "@/lib/navigation";

// The menu as designed, every page built; "the menu offers built pages only" below checks the menu as it is.
const ALL_BUILT: ReadonlySet<string> = new Set(MENU_HREFS);
const planned = (role: Role, type?: OrganisationType) => navigationFor(role, type, ALL_BUILT);
const labels = (role: Role) => planned(role).map((item) => item.label);
const hrefs = (role: Role) => planned(role).map((item) => item.href);

describe("navigationFor", () => {
  it.each(ROLES)("puts Home first for %s", (role) => {
    expect(planned(role)[0]).toEqual({ href: "/", label: "Home" });
  });

  it.each(ROLES)("gives %s at least one item besides Home", (role) => {
    expect(planned(role).length).toBeGreaterThan(1);
  });

  it.each(ROLES)("keeps each href and label unique for %s", (role) => {
    expect(new Set(hrefs(role)).size).toBe(hrefs(role).length);
    expect(new Set(labels(role)).size).toBe(labels(role).length);
  });

  it.each(ROLES)("uses only root-relative hrefs for %s", (role) => {
    expect(hrefs(role).length).toBeGreaterThan(0);
    for (const href of hrefs(role)) expect(href).toMatch(/^\/(?!\/)/);
  });

  it("gives a caseworker their disclosures only", () => {
    expect(labels("submitter")).toEqual(["Home", "Disclosures"]);
  });

  it("gives a partner lead the organisation's tools", () => {
    expect(labels("org_manager")).toEqual([
      "Home",
      "Disclosures",
      "Bulk upload",
      "Users",
      "API tokens",
      "Agreements",
      "Insights",
      "Who read our data",
    ]);
  });

  it("gives an analyst their API tokens, insights, partner data and the STRA pack", () => {
    expect(labels("analyst")).toEqual(["Home", "API tokens", "Insights", "Partner data", "STRA pack"]);
  });

  it("gives a viewer aggregate insights only", () => {
    expect(labels("viewer")).toEqual(["Home", "Insights"]);
  });

  it("gives an admin governance items and nothing record-level", () => {
    expect(labels("admin")).toEqual(["Home", "Organisations", "Users", "Agreements"]);
    for (const href of ["/disclosures", "/disclosures/upload", "/partner-data", "/insights", "/stra-pack"]) {
      expect(hrefs("admin")).not.toContain(href);
    }
  });

  it("gives an auditor the audit log and nothing else", () => {
    expect(hrefs("auditor")).toEqual(["/", "/audit"]);
  });

  it("offers the audit log to auditors only", () => {
    for (const role of ROLES) {
      expect(hrefs(role).includes("/audit")).toBe(role === "auditor");
    }
  });

  it("offers record-level data to analysts only", () => {
    for (const role of ROLES) {
      expect(hrefs(role).includes("/partner-data")).toBe(role === "analyst");
    }
  });

  it("gives Home only to a role it does not know", () => {
    expect(planned("superuser" as Role)).toEqual([{ href: "/", label: "Home" }]);
    expect(planned("__proto__" as Role)).toEqual([{ href: "/", label: "Home" }]);
  });

  it("returns a fresh copy each call", () => {
    const first = planned("viewer");
    first.push({ href: "/partner-data", label: "Partner data" });
    const firstItem = first[0];
    if (firstItem) firstItem.href = "/elsewhere";
    expect(planned("viewer")).toEqual([
      { href: "/", label: "Home" },
      { href: "/insights", label: "Insights" },
    ]);
  });
});

describe("currentNavigationHref", () => {
  const items = planned("org_manager");

  it("matches Home only on the root path", () => {
    expect(currentNavigationHref(items, "/")).toBe("/");
    expect(currentNavigationHref(items, "/reference")).toBeUndefined();
  });

  it("matches an item exactly and with a trailing slash", () => {
    expect(currentNavigationHref(items, "/insights")).toBe("/insights");
    expect(currentNavigationHref(items, "/insights/")).toBe("/insights");
  });

  it("matches the item a nested page belongs to", () => {
    expect(currentNavigationHref(items, "/disclosures/3f2a/edit")).toBe("/disclosures");
  });

  it("prefers the longest matching item", () => {
    expect(currentNavigationHref(items, "/disclosures/upload")).toBe("/disclosures/upload");
  });

  it("does not match a path that only shares a prefix of characters", () => {
    expect(currentNavigationHref(items, "/usersettings")).toBeUndefined();
    expect(currentNavigationHref(items, "/disclosures-archive")).toBeUndefined();
  });

  it("adds recorded-crime returns for a police force's partner lead only", () => {
    expect(planned("org_manager", "police_force").map((item) => item.href)).toContain("/recorded-crime/upload");
    expect(planned("org_manager", "idva_service").map((item) => item.href)).not.toContain("/recorded-crime/upload");
    expect(planned("analyst", "police_force").map((item) => item.href)).not.toContain("/recorded-crime/upload");
  });
});

describe("menu visibility", () => {
  const ITEMS: [href: string, permission: Permission][] = [
    ["/disclosures", "disclosures.read_own"],
    ["/disclosures/upload", "disclosures.upload"],
    ["/users", "users.read_org"],
    ["/api-tokens", "api_tokens.manage"],
    ["/partner-data", "records.read"],
    ["/stra-pack", "stra_pack.export"],
    ["/audit", "audit.read"],
    ["/recorded-crime/upload", "recorded_crime.upload"],
  ];
  const holders = ROLES.flatMap((role) => ORGANISATION_TYPES.map((type) => ({ role, type })));

  it.each(ITEMS)("offers %s exactly where the permission table grants %s", (href, permission) => {
    const offered = holders.filter(({ role, type }) => planned(role, type).some((item) => item.href === href));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).toEqual(holders.filter(({ role, type }) => permits({ role, organisation: { type } }, permission)));
  });

  it("offers recorded-crime returns to police forces' partner leads only, by the access rule", () => {
    const offered = holders.filter(({ role, type }) => planned(role, type).some((item) => item.href === "/recorded-crime/upload"));
    expect(offered).toEqual([{ role: "org_manager", type: "police_force" }]);
  });

  it("keeps every organisation type's menu the role's own, plus recorded crime for a police force's partner lead", () => {
    for (const { role, type } of holders) {
      const extra = role === "org_manager" && type === "police_force" ? [{ href: "/recorded-crime/upload", label: "Recorded crime" }] : [];
      expect(planned(role, type)).toEqual([...planned(role), ...extra]);
    }
  });
});

describe("the menu offers built pages only", () => {
  const APP = join(import.meta.dirname, "..", "app");
  /** True when app/ has a page at this href (static segments only, as every menu href is). */
  const hasPage = (href: string) => existsSync(join(APP, ...href.split("/").filter(Boolean), "page.tsx"));
  const holders = ROLES.flatMap((role) => ORGANISATION_TYPES.map((type) => ({ role, type })));

  it("leads every menu link of every role in every organisation type to a page in app/", () => {
    const offered = new Set(holders.flatMap(({ role, type }) => navigationFor(role, type).map((item) => item.href)));
    expect(offered.size).toBeGreaterThan(1);
    for (const href of offered) expect(hasPage(href), `${href} has no app/ page`).toBe(true);
  });

  it("lists as built exactly the menu items whose page exists, so a page that lands is offered", () => {
    expect(MENU_HREFS.length).toBeGreaterThan(0);
    expect(MENU_HREFS.filter(hasPage)).toEqual(MENU_HREFS.filter((href) => BUILT_PAGES.has(href)));
    for (const href of BUILT_PAGES) expect(MENU_HREFS, `${href} is listed as built but is no menu item`).toContain(href);
  });

  it("leads every view the Insights landing page lists to a page under /insights, each once", () => {
    expect(INSIGHT_PAGES.length).toBeGreaterThan(0);
    for (const { href } of INSIGHT_PAGES) {
      expect(href).toMatch(/^\/insights\/[a-z-]+$/);
      expect(hasPage(href), `${href} has no app/ page`).toBe(true);
    }
    expect(new Set(INSIGHT_PAGES.map((page) => page.href)).size).toBe(INSIGHT_PAGES.length);
  });

  it("offers a planned item only once its page is built", () => {
    const unbuilt = MENU_HREFS.filter((href) => !BUILT_PAGES.has(href));
    for (const { role, type } of holders) {
      const hrefs = navigationFor(role, type).map((item) => item.href);
      for (const href of unbuilt) expect(hrefs).not.toContain(href);
      expect(hrefs).toEqual(planned(role, type).map((item) => item.href).filter((href) => href === "/" || BUILT_PAGES.has(href)));
    }
  });
});
