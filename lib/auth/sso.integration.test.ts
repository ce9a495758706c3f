import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withContext } from "@/db/context";
import type { Database, DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { createTestDatabase, refusedWith, type TestDatabase } from "@/db/testing";
import type { Role } from "@/lib/access/roles";
import { sealClientSecret } from "@/lib/auth/sso-secret";
import { resolveSession } from "./sessions";
import { completeSsoSignIn, getSsoProviderConfig, listSignInProviders, type SsoOutcome } from "./sso";

const POLICY = { idleMinutes: 30, absoluteHours: 12 };
const T0 = new Date("2026-11-29T10:00:00Z");
const client = { ipAddress: "192.0.2.44", userAgent: "sso test" };

let handle: TestDatabase;
let app: DatabaseHandle;
/** The portal's own connection: the app role, as in production (on PGlite, withContext switches to it). */
let db: Database;
let forceId: string;
let counter = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  app = await handle.connectAsApp();
  db = app.db;
  forceId = await organisation("SSO test police force");
});
afterAll(async () => {
  await handle?.close();
});

async function organisation(name: string, status: "active" | "suspended" = "active"): Promise<string> {
  const [row] = await handle.db.insert(t.organisations).values({ name, type: "police_force", status }).returning({ id: t.organisations.id });
  return row!.id;
}

async function provider(options: { orgId?: string; defaultRole?: Role | null; enabled?: boolean; domains?: string[] } = {}): Promise<string> {
  const orgId = options.orgId ?? (await organisation(`SSO test organisation ${++counter}`));
  const id = randomUUID();
  await handle.db.insert(t.identityProviders).values({
    id,
    orgId,
    displayName: "Test force account",
    issuer: "https://login.police.example",
    clientId: "portal",
    clientSecretEncrypted: sealClientSecret(id, "client secret"),
    allowedDomains: options.domains ?? ["police.example"],
    defaultRole: options.defaultRole === undefined ? "viewer" : options.defaultRole,
    enabled: options.enabled ?? true,
  });
  return id;
}

async function user(email: string, options: { orgId?: string; role?: Role; status?: "active" | "suspended" } = {}): Promise<string> {
  const [row] = await handle.db
    .insert(t.users)
    .values({ email, displayName: email, status: options.status ?? "active" })
    .returning({ id: t.users.id });
  if (options.orgId) await handle.db.insert(t.memberships).values({ userId: row!.id, orgId: options.orgId, role: options.role ?? "analyst" });
  return row!.id;
}

const claims = (email: unknown, extra: Record<string, unknown> = {}) => ({ sub: `subject-${++counter}`, email, email_verified: true, name: "New Officer", ...extra });

function signIn(providerId: string, tokenClaims: Record<string, unknown>): Promise<SsoOutcome> {
  return completeSsoSignIn(db, { providerId, claims: tokenClaims }, client, POLICY, T0);
}

async function success(outcome: SsoOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome;
}

async function usersWithEmail(email: string) {
  return handle.db.select().from(t.users).where(eq(sql`lower(${t.users.email})`, email.toLowerCase()));
}

async function audit(action: string, providerId: string) {
  const rows = await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, action));
  return rows.filter((row) => row.details.providerId === providerId);
}

describe("a first sign-in through an organisation's provider", () => {
  it("creates the user with the provider's default role in its organisation and starts a session there", async () => {
    const providerId = await provider({ orgId: forceId });
    const outcome = await success(await signIn(providerId, claims("NewOfficer@Police.Example", { sub: "officer-1" })));
    expect(outcome).toMatchObject({ orgId: forceId, role: "viewer", newAccount: true });

    const [created] = await usersWithEmail("newofficer@police.example");
    expect(created).toMatchObject({ email: "newofficer@police.example", displayName: "New Officer", passwordHash: null, status: "active" });
    const session = await withContext(db, { userId: outcome.userId }, (tx) => resolveSession(tx, outcome.sessionToken, POLICY, T0));
    expect(session).toMatchObject({ userId: outcome.userId, role: "viewer", organisation: { id: forceId, name: "SSO test police force" } });
    const [link] = await handle.db.select().from(t.userIdentities).where(eq(t.userIdentities.userId, outcome.userId));
    expect(link).toMatchObject({ providerId, subject: "officer-1" });

    expect((await audit("session.signed_in", providerId)).map((row) => [row.outcome, row.actorUserId, row.actorOrgId, row.details.method])).toEqual([
      ["success", outcome.userId, forceId, "sso"],
    ]);
    expect(await audit("user.created", providerId)).toHaveLength(1);
    expect((await audit("membership.created", providerId))[0]?.details.role).toBe("viewer");
  });

  it("finds the same user by subject next time, even after the address changed", async () => {
    const providerId = await provider();
    const first = await success(await signIn(providerId, claims("renamed@police.example", { sub: "stable-subject" })));
    const second = await success(await signIn(providerId, claims("renamed.again@police.example", { sub: "stable-subject" })));
    expect(second.userId).toBe(first.userId);
    expect(second.newAccount).toBe(false);
    expect(await audit("membership.created", providerId)).toHaveLength(1);
  });

  it("links an existing account by e-mail address, keeping the role it already has there", async () => {
    const orgId = await organisation("SSO test force with members");
    const providerId = await provider({ orgId, defaultRole: "viewer" });
    const existing = await user("Analyst.Member@police.example", { orgId, role: "analyst" });
    const outcome = await success(await signIn(providerId, claims("analyst.member@police.example")));
    expect(outcome).toMatchObject({ userId: existing, role: "analyst", newAccount: false });
    expect(await usersWithEmail("analyst.member@police.example")).toHaveLength(1);
  });

  it("gives an existing user of another organisation the default role here", async () => {
    const other = await organisation("SSO test other partner");
    const existing = await user("moved@police.example", { orgId: other, role: "submitter" });
    const orgId = await organisation("SSO test second force");
    const providerId = await provider({ orgId, defaultRole: "submitter" });
    const outcome = await success(await signIn(providerId, claims("moved@police.example")));
    expect(outcome).toMatchObject({ userId: existing, orgId, role: "submitter" });
  });

  it("accepts a provider that sends no email_verified claim at all", async () => {
    const providerId = await provider();
    await success(await signIn(providerId, claims("unverified.claim@police.example", { email_verified: undefined })));
  });
});

describe("refusals", () => {
  async function expectRefused(providerId: string, tokenClaims: Record<string, unknown>, reason: string) {
    const before = (await audit("sign_in.failed", providerId)).length;
    expect(await signIn(providerId, tokenClaims)).toEqual({ ok: false, reason });
    const after = await audit("sign_in.failed", providerId);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ outcome: "denied", details: { step: "sso", reason } });
    return after.at(-1)!;
  }

  it.each([
    ["another domain", "other@evil.example"],
    ["a domain ending with the allowed one", "x@evil-police.example"],
    ["the allowed domain inside another", "x@police.example.evil.com"],
    ["a subdomain", "x@sub.police.example"],
    ["a look-alike Unicode domain", "x@pоlice.example"],
    ["a full-width @", "x＠police.example"],
  ])("refuses an address in %s, creating nothing", async (_name, email) => {
    const providerId = await provider();
    await expectRefused(providerId, claims(email), "email_not_allowed");
    expect(await usersWithEmail(String(email))).toHaveLength(0);
  });

  it("records the refused domain but not the address", async () => {
    const providerId = await provider();
    const event = await expectRefused(providerId, claims("other@evil.example"), "email_not_allowed");
    expect(event.details.emailDomain).toBe("evil.example");
    expect(JSON.stringify(event)).not.toContain("other@");
  });

  it.each([false, "false", 0, null])("refuses an e-mail address the provider marks unverified (%j)", async (verified) => {
    const providerId = await provider();
    await expectRefused(providerId, claims("unverified@police.example", { email_verified: verified }), "email_unverified");
    expect(await usersWithEmail("unverified@police.example")).toHaveLength(0);
  });

  it("refuses claims without an e-mail address or a subject", async () => {
    const providerId = await provider();
    await expectRefused(providerId, claims(undefined), "email_missing");
    await expectRefused(providerId, claims("a@police.example", { sub: "" }), "claims_invalid");
    await expectRefused(providerId, claims("a@police.example", { sub: 42 }), "claims_invalid");
  });

  it("refuses a suspended user", async () => {
    const orgId = await organisation("SSO test force with a suspended member");
    const providerId = await provider({ orgId });
    const suspended = await user("suspended@police.example", { orgId, status: "suspended" });
    const event = await expectRefused(providerId, claims("suspended@police.example"), "suspended");
    expect(event.actorUserId).toBe(suspended);
  });

  it("refuses a newcomer when the provider is invitation only, but lets members in", async () => {
    const orgId = await organisation("SSO test invitation-only force");
    const providerId = await provider({ orgId, defaultRole: null });
    await expectRefused(providerId, claims("newcomer@police.example"), "invitation_required");
    expect(await usersWithEmail("newcomer@police.example")).toHaveLength(0);
    await user("outsider@police.example");
    await expectRefused(providerId, claims("outsider@police.example"), "invitation_required");

    const member = await user("member@police.example", { orgId, role: "org_manager" });
    expect(await signIn(providerId, claims("member@police.example"))).toMatchObject({ ok: true, userId: member, role: "org_manager" });
  });

  it("refuses through a disabled provider, an unknown one, or for a suspended organisation", async () => {
    await expectRefused(await provider({ enabled: false }), claims("a@police.example"), "provider_unavailable");
    expect(await signIn(randomUUID(), claims("a@police.example"))).toEqual({ ok: false, reason: "provider_unavailable" });
    const suspendedOrg = await organisation("SSO test suspended force", "suspended");
    await expectRefused(await provider({ orgId: suspendedOrg }), claims("a@police.example"), "organisation_unavailable");
  });

  it("refuses a second subject for an account already linked at the provider", async () => {
    const providerId = await provider();
    await success(await signIn(providerId, claims("linked@police.example", { sub: "first-subject" })));
    await expectRefused(providerId, claims("linked@police.example", { sub: "second-subject" }), "identity_conflict");
  });
});

describe("providers for Auth.js", () => {
  it("lists enabled providers only, and opens the client secret of an enabled one", async () => {
    const enabled = await provider();
    const disabled = await provider({ enabled: false });
    const listed = (await listSignInProviders(db)).map((row) => row.id);
    expect(listed).toContain(enabled);
    expect(listed).not.toContain(disabled);
    expect(await getSsoProviderConfig(db, enabled)).toMatchObject({ key: `sso-${enabled}`, clientId: "portal", clientSecret: "client secret" });
    expect(await getSsoProviderConfig(db, disabled)).toBeNull();
  });

  it("relies on row-level security that admits a membership only with the provider's default role", async () => {
    const orgId = await organisation("SSO test policy check");
    const providerId = await provider({ orgId, defaultRole: "viewer" });
    const userId = await user("policy@police.example");
    await handle.db.insert(t.userIdentities).values({ providerId, subject: "policy-subject", userId });
    const join = (role: Role) => withContext(db, { userId, orgId }, (tx) => tx.insert(t.memberships).values({ userId, orgId, role }));
    await expect(join("analyst")).rejects.toMatchObject(refusedWith("42501", /new row violates row-level security policy for table "memberships"/));
    await expect(join("viewer")).resolves.toBeDefined();
  });
});
