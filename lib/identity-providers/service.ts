import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { identityProviders, organisations } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import type { Role } from "@/lib/access/roles";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { Invalid, NotFound } from "@/lib/errors";
import type { IdentityProviderInput } from "./schema";
import { sealClientSecret } from "@/lib/auth/sso-secret";

/** Who is asking: the parts of the viewer these services need. */
export type Actor = { userId: string; role: Role; organisation: { id: string } };

type IdentityProviderSummary = {
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
export async function getIdentityProviderSettings(actor: Actor, orgId: string): Promise<IdentityProviderSettings> {
  await requireManager(actor, orgId);
  return withContext(await getDatabase(), contextOf(actor), async (tx) => {
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
  actor: Actor,
  orgId: string,
  input: IdentityProviderInput,
  client: { ipAddress: string },
  now = new Date(),
): Promise<{ providerId: string; created: boolean }> {
  await requireManager(actor, orgId, client);
  return withContext(await getDatabase(), contextOf(actor), async (tx) => {
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
    await recordAudit(
      tx,
      auditEvent(actor, existing ? "identity_provider.updated" : "identity_provider.created", {
        subject: { type: "identity_provider", id: providerId },
        client,
        details: {
          orgId: organisation.id,
          issuer: input.issuer,
          clientId: input.clientId,
          allowedDomains: input.allowedDomains,
          defaultRole: input.defaultRole,
          enabled: input.enabled,
          secretChanged: Boolean(input.clientSecret),
        },
      }),
    );
    return { providerId, created: !existing };
  });
}

/** Administrators only: turns an organisation's provider off (its users can no longer sign in through it) or on. */
export async function setIdentityProviderEnabled(
  actor: Actor,
  orgId: string,
  enabled: boolean,
  client: { ipAddress: string },
  now = new Date(),
): Promise<void> {
  await requireManager(actor, orgId, client);
  await withContext(await getDatabase(), contextOf(actor), async (tx) => {
    const organisation = await findOrganisation(tx, orgId);
    const [row] = await tx
      .update(identityProviders)
      .set({ enabled, updatedAt: now })
      .where(eq(identityProviders.orgId, organisation.id))
      .returning({ id: identityProviders.id });
    if (!row) throw new NotFound("This organisation has no single sign-on provider.");
    await recordAudit(
      tx,
      auditEvent(actor, enabled ? "identity_provider.enabled" : "identity_provider.disabled", {
        subject: { type: "identity_provider", id: row.id },
        client,
        details: { orgId: organisation.id },
      }),
    );
  });
}

/** Administrators only; a refusal is audited against the organisation asked about. */
async function requireManager(actor: Actor, orgId: string, client?: { ipAddress: string }): Promise<void> {
  await authorise(actor, "identity_providers.manage", { subject: { type: "organisation", id: orgId.slice(0, 64) }, client });
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
