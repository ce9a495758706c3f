import { describe, expect, it } from "vitest";
import { ORGANISATION_TYPES } from "@/lib/access/organisation-types";
import { permits, type Permission } from "@/lib/access/permissions";
import { ROLES, type Role } from "@/lib/access/roles";
import { currentNavigationHref, navigationFor } from "@/lib/navigation";

const labels = (role: Role) => navigationFor(role).map((item) => item.label);
const hrefs = (role: Role) => navigationFor(role).map((item) => item.href);

describe("navigationFor", () => {
  it.each(ROLES)("puts Home first for %s", (role) => {
    expect(navigationFor(role)[0]).toEqual({ href: "/", label: "Home" });
  });

  it.each(ROLES)("gives %s at least one item besides Home", (role) => {
    expect(navigationFor(role).length).toBeGreaterThan(1);
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
    expect(navigationFor("superuser" as Role)).toEqual([{ href: "/", label: "Home" }]);
    expect(navigationFor("__proto__" as Role)).toEqual([{ href: "/", label: "Home" }]);
  });

  it("returns a fresh copy each call", () => {
    const first = navigationFor("viewer");
    first.push({ href: "/partner-data", label: "Partner data" });
    const firstItem = first[0];
    if (firstItem) firstItem.href = "/elsewhere";
    expect(navigationFor("viewer")).toEqual([
      { href: "/", label: "Home" },
      { href: "/insights", label: "Insights" },
    ]);
  });
});

describe("currentNavigationHref", () => {
  const items = navigationFor("org_manager");

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
    expect(navigationFor("org_manager", "police_force").map((item) => item.href)).toContain("/recorded-crime/upload");
    expect(navigationFor("org_manager", "idva_service").map((item) => item.href)).not.toContain("/recorded-crime/upload");
    expect(navigationFor("analyst", "police_force").map((item) => item.href)).not.toContain("/recorded-crime/upload");
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
    const offered = holders.filter(({ role, type }) => navigationFor(role, type).some((item) => item.href === href));
    expect(offered.length).toBeGreaterThan(0);
    expect(offered).toEqual(holders.filter(({ role, type }) => permits({ role, organisation: { type } }, permission)));
  });

  it("offers recorded-crime returns to police forces' partner leads only, by the access rule", () => {
    const offered = holders.filter(({ role, type }) => navigationFor(role, type).some((item) => item.href === "/recorded-crime/upload"));
    expect(offered).toEqual([{ role: "org_manager", type: "police_force" }]);
  });

  it("keeps every organisation type's menu the role's own, plus recorded crime for a police force's partner lead", () => {
    for (const { role, type } of holders) {
      const extra = role === "org_manager" && type === "police_force" ? [{ href: "/recorded-crime/upload", label: "Recorded crime" }] : [];
      expect(navigationFor(role, type)).toEqual([...navigationFor(role), ...extra]);
    }
  });
});
