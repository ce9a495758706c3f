import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ORGANISATION_TYPES } from "@/lib/access/organisation-types";
import { ROLES, type Role } from "@/lib/access/roles";
import { tasksFor } from "./tasks";

const APP = join(import.meta.dirname, "..", "..", "app");
const hasPage = (href: string) => existsSync(join(APP, ...new URL(href, "http://portal").pathname.split("/").filter(Boolean), "page.tsx"));
const holders = ROLES.flatMap((role) => ORGANISATION_TYPES.map((type) => ({ role, type })));

describe("tasksFor", () => {
  it("gives every role in every organisation type two or three tasks", () => {
    for (const { role, type } of holders) {
      const count = tasksFor(role, type).length;
      expect(count, `${role} in ${type}`).toBeGreaterThanOrEqual(2);
      expect(count, `${role} in ${type}`).toBeLessThanOrEqual(3);
    }
  });

  it("leads every task to a page that exists in app/", () => {
    const hrefs = new Set(holders.flatMap(({ role, type }) => tasksFor(role, type).map((task) => task.href)));
    expect(hrefs.size).toBeGreaterThan(5);
    for (const href of hrefs) expect(hasPage(href), `${href} has no app/ page`).toBe(true);
  });

  it("offers a caseworker recording first, and an administrator organisations and agreements", () => {
    expect(tasksFor("submitter", "idva_service")[0]).toEqual({ href: "/disclosures/new", label: "Record a new disclosure" });
    expect(tasksFor("admin", "national").map((task) => task.href)).toEqual(["/organisations/new", "/agreements/new", "/users/invite"]);
  });

  it("offers recorded-crime returns to a police force's partner lead only", () => {
    expect(tasksFor("org_manager", "police_force").map((task) => task.href)).toContain("/recorded-crime/upload");
    expect(tasksFor("org_manager", "idva_service").map((task) => task.href)).not.toContain("/recorded-crime/upload");
    expect(tasksFor("org_manager", "idva_service").map((task) => task.href)).toContain("/users/invite");
  });

  it("offers no task to a role it does not know", () => {
    expect(tasksFor("superuser" as Role)).toEqual([]);
    expect(tasksFor("__proto__" as Role)).toEqual([]);
  });
});
