import { randomUUID } from "node:crypto";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { identityProviders, memberships, organisations, userIdentities, users } from "@/db/schema";
import type { Role } from "@/lib/access/roles";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { openClientSecret } from "@/lib/auth/sso-secret";
import { allowedEmail, parseEmail } from "./email-domain";
import { createSession, type SessionPolicy } from "./sessions";

/**
 * Single sign-on through an organisation's OpenID Connect provider (docs/security.md#single-sign-on).
 * Auth.js runs the protocol (discovery, PKCE, state, nonce, ID token validation); this
 * module decides who the validated claims belong to and whether they may come in.
 *
 * SSO sign-ins skip the portal's own TOTP step: the organisation's identity provider is
 * responsible for multi-factor authentication, as agreed when an administrator attaches it.
 */

/** Auth.js provider ids are `sso-<identity provider id>`. */
const PROVIDER_KEY = /^sso-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function ssoProviderKey(providerId: string): string {
  return `sso-${providerId}`;
}

/** The identity provider id inside an Auth.js provider id, or null when it is not one of ours. */
export function providerIdFromKey(key: string | undefined | null): string | null {
  return (key && PROVIDER_KEY.exec(key)?.[1]) ?? null;
}

/** Why an SSO sign-in was refused, with what the person is told. Codes travel in the URL; messages never do. */
export const SSO_REFUSALS = {
  provider_unavailable: "Signing in through this organisation's account is not available. Sign in with your e-mail address and password, or ask your partner lead.",
  claims_invalid: "Your organisation's sign-in service did not say who you are, so you cannot be signed in this way.",
  email_missing: "Your organisation's sign-in service did not share your e-mail address, so you cannot be signed in this way.",
  email_unverified: "Your organisation's sign-in service has not verified your e-mail address, so you cannot be signed in this way.",
  email_not_allowed: "Your e-mail address is not one that this organisation's sign-in service may use for the portal. Sign in with your work account for the organisation.",
  organisation_unavailable: "This organisation's access to the portal is suspended. Contact the national administrator.",
  identity_conflict: "Your account is already linked to another identity at this organisation's sign-in service. Contact your partner lead.",
  suspended: "This account is suspended. Contact your organisation's partner lead or the national administrator.",
  invitation_required: "You do not have access to the portal yet. Ask your partner lead for an invitation.",
} as const;

type SsoRefusal = keyof typeof SSO_REFUSALS;

export function ssoRefusalMessage(code: unknown): string | null {
  return typeof code === "string" && Object.hasOwn(SSO_REFUSALS, code) ? SSO_REFUSALS[code as SsoRefusal] : null;
}

export type SignInProvider = { id: string; key: string; displayName: string };

/** Enabled providers for the sign-in page's buttons. Anyone may list them (their names only). */
export async function listSignInProviders(db: Database): Promise<SignInProvider[]> {
  const rows = await db
    .select({ id: identityProviders.id, displayName: identityProviders.displayName })
    .from(identityProviders)
    .where(eq(identityProviders.enabled, true))
    .orderBy(asc(identityProviders.displayName));
  return rows.map((row) => ({ ...row, key: ssoProviderKey(row.id) }));
}

export type SsoProviderConfig = { id: string; key: string; displayName: string; issuer: string; clientId: string; clientSecret: string };

/** What Auth.js needs to talk to an enabled provider, its secret decrypted; null when there is none. */
export async function getSsoProviderConfig(db: Database, providerId: string): Promise<SsoProviderConfig | null> {
  const [row] = await db.select().from(identityProviders).where(and(eq(identityProviders.id, providerId), eq(identityProviders.enabled, true)));
  if (!row) return null;
  return {
    id: row.id,
    key: ssoProviderKey(row.id),
    displayName: row.displayName,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret: openClientSecret(row.id, row.clientSecretEncrypted),
  };
}

type Client = { ipAddress: string; userAgent?: string | null };

export type SsoOutcome =
  | { ok: true; userId: string; orgId: string; role: Role; sessionToken: string; newAccount: boolean }
  | { ok: false; reason: SsoRefusal };

/**
 * Turns the claims of a validated ID token into a portal session in the provider's organisation.
 * The person needs a subject, and an e-mail address in one of the provider's domains that the
 * provider has not said is unverified. They are the user linked to that subject, else the user
 * with that address (then linked), else a new user. Suspended users are refused; a user without
 * a membership in the organisation gets the provider's default role, or is refused when the
 * provider is invitation only. Every refusal and the success are audited.
 */
export async function completeSsoSignIn(
  db: Database,
  input: { providerId: string; claims: Record<string, unknown> },
  client: Client,
  policy: SessionPolicy,
  now = new Date(),
): Promise<SsoOutcome> {
  const { providerId, claims } = input;
  const [provider] = await db.select().from(identityProviders).where(eq(identityProviders.id, providerId));

  const refuse = async (reason: SsoRefusal, facts: { userId?: string; emailDomain?: string } = {}): Promise<SsoOutcome> => {
    const actor = { userId: facts.userId ?? null, organisation: provider ? { id: provider.orgId } : null };
    await recordAudit(db, auditEvent(actor, "sign_in.failed", { outcome: "denied", client, details: { step: "sso", reason, providerId, ...(facts.emailDomain ? { emailDomain: facts.emailDomain } : {}) } }));
    return { ok: false, reason };
  };

  if (!provider?.enabled) return refuse("provider_unavailable");
  const subject = typeof claims.sub === "string" && claims.sub.length > 0 && claims.sub.length <= 255 ? claims.sub : null;
  if (!subject) return refuse("claims_invalid");
  if (typeof claims.email !== "string" || claims.email.trim() === "") return refuse("email_missing");
  // Some providers (Entra ID among them) send no email_verified at all; when it is sent, it must be true.
  if (claims.email_verified !== undefined && claims.email_verified !== true && claims.email_verified !== "true") {
    return refuse("email_unverified");
  }
  const email = allowedEmail(claims.email, provider.allowedDomains);
  if (!email) return refuse("email_not_allowed", { emailDomain: parseEmail(claims.email)?.domain ?? "(not a plain address)" });

  const organisationActive = await withContext(db, { orgId: provider.orgId }, async (tx) => {
    const [row] = await tx.select({ status: organisations.status }).from(organisations).where(eq(organisations.id, provider.orgId));
    return row?.status === "active";
  });
  if (!organisationActive) return refuse("organisation_unavailable");

  // The subject first: it is stable at the provider, while e-mail addresses change hands.
  const [link] = await db
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .where(and(eq(userIdentities.providerId, provider.id), eq(userIdentities.subject, subject)));
  const existing = link ? await findUser(db, eq(users.id, link.userId)) : await findUser(db, eq(sql`lower(${users.email})`, email.address));
  if (existing && !link) {
    const [other] = await db
      .select({ subject: userIdentities.subject })
      .from(userIdentities)
      .where(and(eq(userIdentities.providerId, provider.id), eq(userIdentities.userId, existing.id)));
    if (other) return refuse("identity_conflict", { userId: existing.id });
  }
  if (existing && existing.status !== "active") return refuse("suspended", { userId: existing.id });

  const currentRole = existing
    ? await withContext(db, { userId: existing.id }, async (tx) => {
        const [row] = await tx
          .select({ role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.userId, existing.id), eq(memberships.orgId, provider.orgId)));
        return row?.role;
      })
    : undefined;
  const role = currentRole ?? provider.defaultRole;
  if (!role) return refuse("invitation_required", { userId: existing?.id });

  // One transaction: a new account, its link and its membership exist together or not at all.
  const userId = existing?.id ?? randomUUID();
  const actor = { userId, organisation: { id: provider.orgId } };
  const sessionToken = await withContext(db, { userId, orgId: provider.orgId }, async (tx) => {
    if (!existing) {
      await tx.insert(users).values({ id: userId, email: email.address, displayName: displayNameFrom(claims, email.address), passwordHash: null });
      await recordAudit(tx, auditEvent(actor, "user.created", { subject: { type: "user", id: userId }, client, details: { via: "sso", providerId } }));
    }
    if (link) {
      await tx
        .update(userIdentities)
        .set({ lastSignInAt: now })
        .where(and(eq(userIdentities.providerId, provider.id), eq(userIdentities.subject, subject)));
    } else {
      await tx.insert(userIdentities).values({ providerId: provider.id, subject, userId, lastSignInAt: now });
    }
    if (!currentRole) {
      // Row-level security admits this only for a user linked to the organisation's enabled
      // provider, with exactly its default role (never admin or auditor).
      await tx.insert(memberships).values({ userId, orgId: provider.orgId, role });
      await recordAudit(tx, auditEvent(actor, "membership.created", { subject: { type: "user", id: userId }, client, details: { via: "sso", providerId, role } }));
    }
    const token = await createSession(tx, { userId, orgId: provider.orgId, ...client }, policy, now);
    await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, userId));
    await recordAudit(tx, auditEvent(actor, "session.signed_in", { client, details: { method: "sso", providerId } }));
    return token;
  });
  return { ok: true, userId, orgId: provider.orgId, role, sessionToken, newAccount: !existing };
}

async function findUser(db: Database, where: SQL) {
  const [row] = await db.select({ id: users.id, status: users.status }).from(users).where(where);
  return row;
}

/** A name to show for a new account: the provider's `name`, else given and family names, else the address's local part. */
function displayNameFrom(claims: Record<string, unknown>, address: string): string {
  const clean = (value: unknown) =>
    typeof value === "string"
      ? value
          .replace(/[\p{Cc}\p{Cf}]/gu, "")
          .replace(/\s+/g, " ")
          .trim()
          .slice(0, 100)
      : "";
  return clean(claims.name) || clean(`${clean(claims.given_name)} ${clean(claims.family_name)}`) || address.split("@")[0]!;
}
