import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { memberships, organisationCoverage, organisations, sessions } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import type { OrganisationType } from "@/lib/access/organisation-types";
import type { Role } from "@/lib/access/roles";
import type { Viewer } from "@/lib/access/viewer";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { Conflict, NotFound } from "@/lib/errors";
import type { OrganisationInput } from "./schema";

export type OrganisationSummary = {
  id: string;
  name: string;
  type: OrganisationType;
  status: "active" | "suspended";
  coverage: { forceAreaCode: string; ladCode: string | null }[];
};

/** Every organisation with its coverage: admins and auditors only. */
export async function listOrganisations(viewer: Viewer): Promise<OrganisationSummary[]> {
  await authorise(viewer, "organisations.read");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const rows = await tx.select().from(organisations).orderBy(asc(organisations.name));
    const coverage = await tx.select().from(organisationCoverage);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type,
      status: row.status,
      coverage: coverage
        .filter((area) => area.orgId === row.id)
        .map((area) => ({ forceAreaCode: area.forceAreaCode, ladCode: area.ladCode })),
    }));
  });
}

export async function getOrganisation(viewer: Viewer, orgId: string): Promise<OrganisationSummary> {
  const found = (await listOrganisations(viewer)).find((organisation) => organisation.id === orgId);
  if (!found) throw new NotFound("No such organisation.");
  return found;
}

/** Creates an organisation (admins only). Names are unique. */
export async function createOrganisation(viewer: Viewer, input: OrganisationInput): Promise<string> {
  await authorise(viewer, "organisations.manage");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const [taken] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, input.name));
    if (taken) throw new Conflict("An organisation with that name already exists.");
    const [row] = await tx.insert(organisations).values({ name: input.name, type: input.type }).returning({ id: organisations.id });
    await replaceCoverage(tx, row!.id, input);
    await recordAudit(tx, auditEvent(viewer, "organisation.created", { subject: { type: "organisation", id: row!.id }, details: { type: input.type } }));
    return row!.id;
  });
}

/** Changes an organisation's name, type and coverage (admins only). */
export async function updateOrganisation(viewer: Viewer, orgId: string, input: OrganisationInput): Promise<void> {
  await authorise(viewer, "organisations.manage");
  await withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const [taken] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, input.name));
    if (taken && taken.id !== orgId) throw new Conflict("An organisation with that name already exists.");
    const changed = await tx
      .update(organisations)
      .set({ name: input.name, type: input.type, updatedAt: new Date() })
      .where(eq(organisations.id, orgId))
      .returning({ id: organisations.id });
    if (changed.length === 0) throw new NotFound("No such organisation.");
    await replaceCoverage(tx, orgId, input);
    await recordAudit(tx, auditEvent(viewer, "organisation.updated", { subject: { type: "organisation", id: orgId }, details: { type: input.type } }));
  });
}

/**
 * Suspends or reinstates an organisation (admins only). Suspension ends every session acting
 * for it at once; its members cannot act for it until it is reinstated.
 */
export async function setOrganisationStatus(viewer: Viewer, orgId: string, status: "active" | "suspended"): Promise<void> {
  await authorise(viewer, "organisations.manage");
  if (orgId === viewer.organisation.id) throw new Conflict("You cannot suspend the organisation you are acting for.");
  await withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const now = new Date();
    const changed = await tx
      .update(organisations)
      .set({ status, suspendedAt: status === "suspended" ? now : null, updatedAt: now })
      .where(eq(organisations.id, orgId))
      .returning({ id: organisations.id });
    if (changed.length === 0) throw new NotFound("No such organisation.");
    if (status === "suspended") {
      await tx
        .update(sessions)
        .set({ endedAt: now, endedReason: "ended_by_admin" })
        .where(and(eq(sessions.orgId, orgId), isNull(sessions.endedAt)));
    }
    await recordAudit(tx, auditEvent(viewer, status === "suspended" ? "organisation.suspended" : "organisation.reinstated", { subject: { type: "organisation", id: orgId } }));
  });
}

export type Membership = { orgId: string; name: string; role: Role };

/** The active organisations the viewer belongs to, for choosing which one to act for. */
export async function listMyOrganisations(viewer: Viewer): Promise<Membership[]> {
  return withContext(await getDatabase(), { userId: viewer.userId }, (tx) =>
    tx
      .select({ orgId: organisations.id, name: organisations.name, role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(and(eq(memberships.userId, viewer.userId), eq(organisations.status, "active")))
      .orderBy(asc(organisations.name)),
  );
}

/** Switches the organisation the viewer's session acts for; the choice lives on the server. */
export async function switchOrganisation(viewer: Viewer, orgId: string): Promise<void> {
  const mine = await listMyOrganisations(viewer);
  if (!mine.some((membership) => membership.orgId === orgId)) throw new NotFound("You are not a member of that organisation.");
  const db = await getDatabase();
  await db.update(sessions).set({ orgId }).where(eq(sessions.id, viewer.sessionId));
  // The event belongs to the organisation now acted for; the details say which one was left.
  await recordAudit(db, auditEvent({ userId: viewer.userId, organisation: { id: orgId } }, "session.organisation_switched", { details: { from: viewer.organisation.id } }));
}

async function replaceCoverage(db: Database, orgId: string, input: OrganisationInput) {
  await db.delete(organisationCoverage).where(eq(organisationCoverage.orgId, orgId));
  if (!input.forceAreaCode) return;
  const ladCodes = input.ladCodes.length > 0 ? input.ladCodes : [null];
  await db
    .insert(organisationCoverage)
    .values(ladCodes.map((ladCode) => ({ orgId, forceAreaCode: input.forceAreaCode!, ladCode })));
}
