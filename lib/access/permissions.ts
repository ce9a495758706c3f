import type { OrganisationType } from "./organisation-types";
import type { Role } from "./roles";

/**
 * Who may do what (docs/access.md#permission-table): one row per `resource.verb`, naming the roles that hold it
 * and, where only some organisations' members do, the organisation types. Row-level
 * security in db/migrations/0002_row_level_security.sql enforces the data side of the same
 * table a second time. Admins never read disclosure rows (separation of duties), auditors see
 * no disclosure content, viewers see aggregates only.
 */
export const PERMISSIONS = {
  "disclosures.create": { roles: ["submitter", "org_manager"], description: "Start a draft disclosure for your organisation" },
  "disclosures.read_own": { roles: ["submitter", "org_manager"], description: "Read the disclosures you created, drafts included" },
  "disclosures.read_org": { roles: ["org_manager"], description: "Read every submitted disclosure of your organisation" },
  "disclosures.submit": { roles: ["submitter", "org_manager"], description: "Submit a draft so that it counts" },
  "disclosures.withdraw": { roles: ["submitter", "org_manager"], description: "Withdraw a submitted disclosure, giving a reason" },
  "disclosures.correct": { roles: ["submitter", "org_manager"], description: "Correct a submitted disclosure with a new version" },
  "disclosures.upload": { roles: ["org_manager"], description: "Upload disclosures in bulk from a CSV file, all or nothing" },
  "recorded_crime.upload": { roles: ["org_manager"], organisationTypes: ["police_force"], description: "Upload a police force's monthly recorded-crime returns" },
  "records.read": { roles: ["analyst"], description: "Read record-level shared disclosures where an active agreement grants record granularity" },
  "insights.read": { roles: ["analyst", "viewer"], description: "See insights over data shared with your organisation, under disclosure control" },
  "insights.read_own_org": { roles: ["org_manager"], description: "See insights over your own organisation's disclosures" },
  "stra_pack.export": { roles: ["analyst"], description: "Download the STRA input pack, under disclosure control" },
  "agreements.read": { roles: ["org_manager", "analyst", "viewer", "admin", "auditor"], description: "Read the data-sharing agreements your organisation is party to (admins and auditors: all)" },
  "agreements.manage": { roles: ["admin"], description: "Draft, amend, suspend, reinstate and terminate data-sharing agreements" },
  "agreements.sign": { roles: ["org_manager"], description: "Sign an agreement version on behalf of your organisation" },
  "organisations.read": { roles: ["admin", "auditor"], description: "List every organisation with its type, coverage and status" },
  "organisations.manage": { roles: ["admin"], description: "Create, edit, suspend and reinstate organisations" },
  "users.read_org": { roles: ["org_manager", "admin"], description: "List the users of your organisation and their roles" },
  "users.invite_org": { roles: ["org_manager", "admin"], description: "Invite someone to your organisation with a role below administrator" },
  "users.manage": { roles: ["admin"], description: "Manage users and memberships in any organisation" },
  "sessions.end_others": { roles: ["org_manager", "admin"], description: "End other users' sessions (your organisation's; admins: anyone's)" },
  "api_tokens.manage": { roles: ["org_manager", "analyst"], description: "Create and revoke API tokens: partner leads the organisation's, analysts their own for shared partner data" },
  "audit.read": { roles: ["auditor"], description: "Read the audit log" },
  "audit.read_org_access": { roles: ["org_manager"], description: "See who in other organisations read or exported your organisation's shared records, and under which agreement" },
  "audit.verify": { roles: ["auditor"], description: "Verify the audit log's hash chain and see where it breaks" },
  "audit.chain_alert": { roles: ["admin", "auditor"], description: "See on the dashboard when the daily verification found the audit log's hash chain broken" },
  "identity_providers.manage": { roles: ["admin"], description: "Configure organisations' single sign-on providers" },
  "retention.manage": { roles: ["admin"], description: "Set and run retention of disclosures and logs" },
  "account.manage_own": { roles: ["submitter", "org_manager", "analyst", "viewer", "admin", "auditor"], description: "Manage your own password, authenticator, recovery codes and sessions" },
} as const satisfies Record<string, Rule>;

type Rule = { roles: readonly Role[]; organisationTypes?: readonly OrganisationType[]; description: string };

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/**
 * Whether a role holds a permission, by the role column alone (see `permits` for the whole rule).
 * Anything unknown (role, permission, prototype keys) is denied.
 */
export function can(role: Role | undefined | null, permission: string): boolean {
  if (typeof role !== "string" || typeof permission !== "string" || !isPermission(permission)) return false;
  return (PERMISSIONS[permission].roles as readonly string[]).includes(role);
}

/** Every permission a role holds, in table order; none for an unknown role. */
export function permissionsOf(role: Role | undefined | null): Permission[] {
  return PERMISSION_NAMES.filter((permission) => can(role, permission));
}

/** Someone acting for an organisation: a viewer, or a role and organisation type to ask about. */
export type PermissionHolder = { role: Role; organisation: { type?: OrganisationType } };

/**
 * Whether someone holds a permission: their role does, and where the permission is limited to
 * some organisation types, the organisation they act for is one of them.
 */
export function permits(holder: PermissionHolder, permission: Permission): boolean {
  if (!can(holder.role, permission)) return false;
  const types: readonly OrganisationType[] | undefined = (PERMISSIONS[permission] as Rule).organisationTypes;
  return types === undefined || (holder.organisation.type !== undefined && types.includes(holder.organisation.type));
}
