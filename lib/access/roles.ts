/**
 * The roles a user can hold in an organisation (docs/access.md#roles).
 * A user holds exactly one role in each organisation they belong to.
 */
export const ROLES = ["submitter", "org_manager", "analyst", "viewer", "admin", "auditor"] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  submitter: "Caseworker",
  org_manager: "Partner lead",
  analyst: "Analyst",
  viewer: "Viewer",
  admin: "Administrator",
  auditor: "Auditor",
};

/** Roles only the national administrators may give, and only in the national organisation. */
export const NATIONAL_ROLES = ["admin", "auditor"] as const satisfies readonly Role[];

export function isNationalRole(role: Role): boolean {
  return (NATIONAL_ROLES as readonly Role[]).includes(role);
}
