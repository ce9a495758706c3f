import { describe, expect, it } from "vitest";
import { ORGANISATION_TYPES } from "./organisation-types";
import { PERMISSIONS, PERMISSION_NAMES, can, permissionsOf, permits } from "./permissions";
import { ROLES, type Role } from "./roles";

/**
 * The expected matrix, written out by hand from docs/access.md#permission-table rather than derived from
 * the module: S submitter, M org_manager, An analyst, V viewer, Ad admin, Au auditor.
 * "x" grants, "." denies.
 */
const COLUMNS = ["submitter", "org_manager", "analyst", "viewer", "admin", "auditor"] as const satisfies readonly Role[];
const MATRIX = `
                             S  M  An V  Ad Au
disclosures.create           x  x  .  .  .  .
disclosures.read_own         x  x  .  .  .  .
disclosures.read_org         .  x  .  .  .  .
disclosures.submit           x  x  .  .  .  .
disclosures.withdraw         x  x  .  .  .  .
disclosures.correct          x  x  .  .  .  .
disclosures.upload           .  x  .  .  .  .
recorded_crime.upload        .  x  .  .  .  .
records.read                 .  .  x  .  .  .
insights.read                .  .  x  x  .  .
insights.read_own_org        .  x  .  .  .  .
stra_pack.export             .  .  x  .  .  .
agreements.read              .  x  x  x  x  x
agreements.manage            .  .  .  .  x  .
agreements.sign              .  x  .  .  .  .
organisations.read           .  .  .  .  x  x
organisations.manage         .  .  .  .  x  .
users.read_org               .  x  .  .  x  .
users.invite_org             .  x  .  .  x  .
users.manage                 .  .  .  .  x  .
sessions.end_others          .  x  .  .  x  .
api_tokens.manage            .  x  x  .  .  .
audit.read                   .  .  .  .  .  x
audit.read_org_access        .  x  .  .  .  .
audit.verify                 .  .  .  .  .  x
audit.chain_alert            .  .  .  .  x  x
identity_providers.manage    .  .  .  .  x  .
retention.manage             .  .  .  .  x  .
account.manage_own           x  x  x  x  x  x
`;

const EXPECTED = MATRIX.trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [permission, ...cells] = line.trim().split(/\s+/);
    return { permission: permission!, cells };
  });

const cases = EXPECTED.flatMap(({ permission, cells }) =>
  COLUMNS.map((role, index) => ({ permission, role, allowed: cells[index] === "x" })),
);

describe("the permission table", () => {
  it("has exactly the permissions of the expected matrix, each with a one-line description", () => {
    expect([...PERMISSION_NAMES].sort()).toEqual(EXPECTED.map((row) => row.permission).sort());
    for (const { cells } of EXPECTED) expect(cells).toHaveLength(COLUMNS.length);
    for (const permission of PERMISSION_NAMES) {
      expect(PERMISSIONS[permission].description).toMatch(/^[A-Z][^\n]{10,120}$/);
    }
  });

  it("covers every role", () => {
    expect([...COLUMNS].sort()).toEqual([...ROLES].sort());
  });

  it.each(cases)("$role: $permission is $allowed", ({ role, permission, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it("never gives an admin record-level or own-organisation disclosure access", () => {
    expect(permissionsOf("admin").length).toBeGreaterThan(0);
    for (const permission of permissionsOf("admin")) expect(permission).not.toMatch(/^(disclosures|records|insights|stra_pack)\./);
  });

  it("never gives an auditor disclosure content, nor a viewer records", () => {
    expect(permissionsOf("auditor").length).toBeGreaterThan(0);
    for (const permission of permissionsOf("auditor")) expect(permission).not.toMatch(/^(disclosures|records|insights|stra_pack)\./);
    expect(permissionsOf("viewer")).not.toContain("records.read");
  });
});

describe("can", () => {
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "", "disclosures", "disclosures.delete", "DISCLOSURES.CREATE"])(
    "denies the unknown permission %j to every role",
    (permission) => {
      for (const role of ROLES) expect(can(role, permission)).toBe(false);
    },
  );

  it.each([undefined, null, "", "superuser", "Admin", "constructor", "__proto__"])("denies the unknown role %j everything", (role) => {
    for (const permission of PERMISSION_NAMES) expect(can(role as Role, permission)).toBe(false);
    expect(permissionsOf(role as Role)).toEqual([]);
  });

  it("denies values that are not strings", () => {
    expect(can("admin", 42 as unknown as string)).toBe(false);
    expect(can({} as unknown as Role, "account.manage_own")).toBe(false);
  });
});

describe("permissionsOf", () => {
  it("lists a role's permissions in table order", () => {
    expect(permissionsOf("auditor")).toEqual(["agreements.read", "organisations.read", "audit.read", "audit.verify", "audit.chain_alert", "account.manage_own"]);
    expect(permissionsOf("viewer")).toEqual(["insights.read", "agreements.read", "account.manage_own"]);
  });
});

describe("permits", () => {
  it("limits recorded-crime uploads to police forces' partner leads", () => {
    for (const role of ROLES) {
      for (const type of ORGANISATION_TYPES) {
        expect(permits({ role, organisation: { type } }, "recorded_crime.upload")).toBe(role === "org_manager" && type === "police_force");
      }
    }
    expect(permits({ role: "org_manager", organisation: {} }, "recorded_crime.upload")).toBe(false);
  });

  it("follows the role column alone for every permission without an organisation rule", () => {
    const unlimited = PERMISSION_NAMES.filter((permission) => permission !== "recorded_crime.upload");
    expect(unlimited).toHaveLength(PERMISSION_NAMES.length - 1);
    for (const permission of unlimited) {
      for (const role of ROLES) {
        for (const type of ORGANISATION_TYPES) expect(permits({ role, organisation: { type } }, permission)).toBe(can(role, permission));
      }
    }
  });
});
