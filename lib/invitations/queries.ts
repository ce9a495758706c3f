import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/database";
import { invitations, memberships, organisations, users } from "@/db/schema";
import type { Role } from "@/lib/access/roles";
import type { OrganisationType } from "@/lib/access/organisation-types";

// The invitation domain's reads and writes, each on the transaction it is given: the caller
// chooses the row-level security context and records the audit events.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type OrganisationChoice = { id: string; name: string; type: OrganisationType };

const choiceColumns = { id: organisations.id, name: organisations.name, type: organisations.type };

export function activeOrganisations(tx: Database): Promise<OrganisationChoice[]> {
  return tx.select(choiceColumns).from(organisations).where(eq(organisations.status, "active")).orderBy(asc(organisations.name));
}

export async function organisationChoice(tx: Database, orgId: string): Promise<OrganisationChoice | undefined> {
  const [row] = await tx.select(choiceColumns).from(organisations).where(eq(organisations.id, orgId));
  return row;
}

/** The organisation someone is invited to, with its status; undefined when there is none (or the id is not a UUID). */
export async function organisationToInviteTo(tx: Database, orgId: string) {
  if (!UUID.test(orgId)) return undefined;
  const [row] = await tx
    .select({ id: organisations.id, name: organisations.name, type: organisations.type, status: organisations.status })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  return row;
}

export async function isMemberByEmail(tx: Database, orgId: string, email: string): Promise<boolean> {
  const [member] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(sql`lower(${users.email})`, email)));
  return Boolean(member);
}

/** Withdraws the open invitations to `email` for the organisation; returns their ids. */
export async function withdrawOpenInvitations(tx: Database, orgId: string, email: string, now: Date): Promise<{ id: string }[]> {
  return tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.orgId, orgId), eq(sql`lower(${invitations.email})`, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
}

export async function insertInvitation(tx: Database, values: typeof invitations.$inferInsert): Promise<string> {
  const [row] = await tx.insert(invitations).values(values).returning({ id: invitations.id });
  return row!.id;
}

/** Withdraws one invitation, unless it has been accepted meanwhile. */
export async function withdrawInvitation(tx: Database, invitationId: string, now: Date): Promise<void> {
  await tx.update(invitations).set({ revokedAt: now }).where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt)));
}

/**
 * The live invitation with this token hash. Nobody is signed in yet, so row-level security shows no
 * invitation: a security-definer function finds the live one with this hash, and nothing else.
 */
export async function liveInvitationByTokenHash(tx: Database, tokenHash: string) {
  const [row] = rowsOf<{ id: string; org_id: string; email: string; role: Role; expires_ms: number | string }>(
    await tx.execute(sql`select id, org_id, email, role, (extract(epoch from expires_at) * 1000)::float8 as expires_ms from app_find_invitation(${tokenHash})`),
  );
  return row;
}

export async function organisationStatus(tx: Database, orgId: string) {
  const [row] = await tx.select({ id: organisations.id, name: organisations.name, status: organisations.status }).from(organisations).where(eq(organisations.id, orgId));
  return row;
}

export async function accountExists(tx: Database, email: string): Promise<boolean> {
  const [account] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return Boolean(account);
}

/**
 * Takes up the invitation atomically: only a row still unused, not withdrawn and not expired
 * changes, so of two concurrent acceptances exactly one gets it back.
 */
export async function consumeInvitation(tx: Database, tokenHash: string, userId: string, now: Date) {
  const [row] = await tx
    .update(invitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .returning({ id: invitations.id, orgId: invitations.orgId, role: invitations.role });
  return row;
}

export async function membershipRole(tx: Database, userId: string, orgId: string): Promise<Role | undefined> {
  const [row] = await tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
  return row?.role;
}

export async function insertMembership(tx: Database, values: typeof memberships.$inferInsert): Promise<void> {
  await tx.insert(memberships).values(values);
}

export async function insertUser(tx: Database, values: typeof users.$inferInsert): Promise<void> {
  await tx.insert(users).values(values);
}
