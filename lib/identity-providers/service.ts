import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { identityProviders, organisations } from "@/db/schema";
import { can } from "@/lib/access/permissions";
import type { Role } from "@/lib/access/roles";
import { recordAudit } from "@/lib/audit/record";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import type { IdentityProviderInput } from "./schema";
import { sealClientSecret } from "./secret";

/** Who is asking: the parts of the viewer these services need. */
export type Actor = { userId: string; role: Role; organisation: { id: string } };

export type IdentityProviderSummary = {
  id: string;
  displayName: string;
  issuer: string;
  clientId: string;
  allowedDomains: string[];
  defaultRole: Role | null;
  enabled: boolean;
  updatedAt: Date;
};

export type IdentityProviderSettings = {
  organisation: { id: string; name: string };
  /** Never the client secret, not even encrypted. */
  provider: IdentityProviderSummary | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Administrators only: an organisation and its single sign-on provider, if it has one. */
export async function getIdentityProviderSettings(db: Database, actor: Actor, orgId: string): Promise<IdentityProviderSettings> {
  await requireManager(db, actor, "identity_provider.read", orgId);
  return withContext(db, contextOf(actor), async (tx) => {
    const organisation = await findOrganisation(tx, orgId);
    const [row] = await tx.select().from(identityProviders).where(eq(identityProviders.orgId, organisation.id));
    return { organisation, provider: row ? summary(row) : null };
  });
}

/**
 * Administrators only: attaches a provider to an organisation, or changes the one it has. The
 * client secret is encrypted before it is stored; a blank secret on an existing provider keeps it.
 */
export async function saveIdentityProvider(
  db: Database,
  actor: Actor,
  orgId: string,
  input: IdentityProviderInput,
  client: { ipAddress: string },
  now = new Date(),
): Promise<{ providerId: string; created: boolean }> {
  await requireManager(db, actor, "identity_provider.save", orgId, client);
  return withContext(db, contextOf(actor), async (tx) => {
    const organisation = await findOrganisation(tx, orgId);
    const [existing] = await tx.select({ id: identityProviders.id }).from(identityProviders).where(eq(identityProviders.orgId, organisation.id));
    if (!existing && !input.clientSecret) {
      throw new Invalid("There is a problem with what you entered.", { clientSecret: "Enter the client secret the provider gave the portal" });
    }
    const providerId = existing?.id ?? randomUUID();
    const values = {
      displayName: input.displayName,
      issuer: input.issuer,
      clientId: input.clientId,
      allowedDomains: input.allowedDomains,
      defaultRole: input.defaultRole,
      enabled: input.enabled,
      updatedAt: now,
    };
    const sealedSecret = input.clientSecret ? sealClientSecret(providerId, input.clientSecret) : null;
    if (existing) {
      await tx
        .update(identityProviders)
        .set({ ...values, ...(sealedSecret ? { clientSecretEncrypted: sealedSecret } : {}) })
        .where(eq(identityProviders.id, providerId));
    } else {
      await tx.insert(identityProviders).values({ ...values, id: providerId, orgId: organisation.id, clientSecretEncrypted: sealedSecret!, createdAt: now });
    }
    await recordAudit(tx, {
      action: existing ? "identity_provider.update" : "identity_provider.create",
      outcome: "success",
      actorUserId: actor.userId,
      actorOrgId: actor.organisation.id,
      subjectType: "identity_provider",
      subjectId: providerId,
      ipAddress: client.ipAddress,
      details: {
        orgId: organisation.id,
        issuer: input.issuer,
        clientId: input.clientId,
        allowedDomains: input.allowedDomains,
        defaultRole: input.defaultRole,
        enabled: input.enabled,
        secretChanged: Boolean(input.clientSecret),
      },
    });
    return { providerId, created: !existing };
  });
}

/** Administrators only: turns an organisation's provider off (its users can no longer sign in through it) or on. */
export async function setIdentityProviderEnabled(
  db: Database,
  actor: Actor,
  orgId: string,
  enabled: boolean,
  client: { ipAddress: string },
  now = new Date(),
): Promise<void> {
  await requireManager(db, actor, enabled ? "identity_provider.enable" : "identity_provider.disable", orgId, client);
  await withContext(db, contextOf(actor), async (tx) => {
    const organisation = await findOrganisation(tx, orgId);
    const [row] = await tx
      .update(identityProviders)
      .set({ enabled, updatedAt: now })
      .where(eq(identityProviders.orgId, organisation.id))
      .returning({ id: identityProviders.id });
    if (!row) throw new NotFound("This organisation has no single sign-on provider.");
    await recordAudit(tx, {
      action: enabled ? "identity_provider.enable" : "identity_provider.disable",
      outcome: "success",
      actorUserId: actor.userId,
      actorOrgId: actor.organisation.id,
      subjectType: "identity_provider",
      subjectId: row.id,
      ipAddress: client.ipAddress,
      details: { orgId: organisation.id },
    });
  });
}

function contextOf(actor: Actor) {
  return { userId: actor.userId, orgId: actor.organisation.id, role: actor.role };
}

async function requireManager(db: Database, actor: Actor, action: string, orgId: string, client?: { ipAddress: string }): Promise<void> {
  if (can(actor.role, "identity_providers.manage")) return;
  await recordAudit(db, {
    action,
    outcome: "denied",
    actorUserId: actor.userId,
    actorOrgId: actor.organisation.id,
    subjectType: "organisation",
    subjectId: orgId.slice(0, 64),
    ipAddress: client?.ipAddress ?? null,
  });
  throw new Forbidden();
}

async function findOrganisation(tx: Database, orgId: string): Promise<{ id: string; name: string }> {
  if (!UUID.test(orgId)) throw new NotFound("There is no such organisation.");
  const [row] = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  if (!row) throw new NotFound("There is no such organisation.");
  return row;
}

function summary(row: typeof identityProviders.$inferSelect): IdentityProviderSummary {
  return {
    id: row.id,
    displayName: row.displayName,
    issuer: row.issuer,
    clientId: row.clientId,
    allowedDomains: row.allowedDomains,
    defaultRole: row.defaultRole,
    enabled: row.enabled,
    updatedAt: row.updatedAt,
  };
}
