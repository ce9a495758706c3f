import type { OrganisationType } from "@/lib/access/organisation-types";
import { permits, type Permission } from "@/lib/access/permissions";
import type { Role } from "@/lib/access/roles";

export type DashboardTask = { href: string; label: string };

type TaskEntry = DashboardTask & { permission: Permission };

/**
 * The two or three things each role does most, first on their home page. Each needs a permission
 * the role holds (a police force's partner lead also uploads recorded crime); lib/dashboard/tasks.test.ts
 * checks both that and that every page exists.
 */
const TASKS: Record<Role, readonly TaskEntry[]> = {
  submitter: [
    { href: "/disclosures/new", label: "Record a new disclosure", permission: "disclosures.create" },
    { href: "/disclosures", label: "See your disclosures and drafts", permission: "disclosures.read_own" },
  ],
  org_manager: [
    { href: "/disclosures/new", label: "Record a new disclosure", permission: "disclosures.create" },
    { href: "/disclosures/upload", label: "Upload disclosures from a CSV file", permission: "disclosures.upload" },
    { href: "/recorded-crime/upload", label: "Upload recorded-crime returns", permission: "recorded_crime.upload" },
    { href: "/users/invite", label: "Invite someone to your organisation", permission: "users.invite_org" },
  ],
  analyst: [
    { href: "/partner-data", label: "Browse and download partner data", permission: "records.read" },
    { href: "/api-tokens", label: "Create an API token for your analysis tools", permission: "api_tokens.manage" },
  ],
  viewer: [
    { href: "/agreements", label: "Read your organisation's data-sharing agreements", permission: "agreements.read" },
    { href: "/account", label: "Manage your password and sign-ins", permission: "account.manage_own" },
  ],
  admin: [
    { href: "/organisations/new", label: "Add an organisation", permission: "organisations.manage" },
    { href: "/agreements/new", label: "Draft a data-sharing agreement", permission: "agreements.manage" },
    { href: "/users/invite", label: "Invite someone", permission: "users.invite_org" },
  ],
  auditor: [
    { href: "/organisations", label: "See every organisation", permission: "organisations.read" },
    { href: "/agreements", label: "Read every data-sharing agreement", permission: "agreements.read" },
  ],
};

const MAX_TASKS = 3;

/** A role's most frequent tasks in an organisation of a type, at most three; none for a role this code does not know. */
export function tasksFor(role: Role, organisationType?: OrganisationType): DashboardTask[] {
  const entries = Object.hasOwn(TASKS, role) ? TASKS[role] : [];
  return entries
    .filter((entry) => permits({ role, organisation: { type: organisationType } }, entry.permission))
    .slice(0, MAX_TASKS)
    .map(({ href, label }) => ({ href, label }));
}
