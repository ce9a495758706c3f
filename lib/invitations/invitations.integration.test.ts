import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { seedDemo } from "@/scripts/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import type { Role } from "@/lib/access/roles";
import { verifyPassword } from "@/lib/auth/password";
import { hashToken } from "@/lib/auth/tokens";
import { parseEnv } from "@/lib/env";
import { Conflict, Forbidden, Invalid } from "@/lib/errors";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/mail/testing";
import { createMailer, type Mailer } from "@/lib/mail/transport";
import { acceptAsMember, acceptWithNewAccount } from "./acceptance";
import { createInvitation, getInviteOptions } from "./creation";
import { InvitationAlreadyUsed, InvitationNotDelivered, InvitationUnavailable } from "./errors";
import type { InvitationInput } from "./schema";
import { findInvitation } from "./token";
import type { Inviter } from "./types";
import { withoutQueryParameters } from "@/db/errors";

const HOUR = 3_600_000;
const PASSWORD = "amber lantern orchid harbour";
const client = { ipAddress: "192.0.2.10" };
const linkBase = "https://portal.example";

let handle: TestDatabase;
/** The app role's connection, as the portal uses: row-level security binds every query. */
let app: DatabaseHandle;
let db: Database;
const orgs = new Map<string, string>();
const people = new Map<string, { id: string; displayName: string }>();

function actor(email: string, organisation: string, role: Role): Inviter {
  const person = people.get(email)!;
  return { userId: person.id, displayName: person.displayName, role, organisation: { id: orgs.get(organisation)! } };
}

const admin = () => actor("admin@national.example", "National VAWG Coordination", "admin");
const idvaManager = () => actor("manager@idva.example", "Demo IDVA Service Leeds", "org_manager");

/** Invites without a mail server, returning the link's token. */
async function invite(by: Inviter, input: InvitationInput, now = new Date()): Promise<string> {
  const sent = await createInvitation(db, by, input, { linkBase, mailer: null, client }, now);
  expect(sent.link).toMatch(/^https:\/\/portal\.example\/invitations\/[A-Za-z0-9_-]{43}$/);
  return sent.link!.split("/").pop()!;
}

async function auditOf(action: string) {
  return handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, action));
}

async function membershipsOf(email: string) {
  return handle.db
    .select({ orgId: t.memberships.orgId, role: t.memberships.role })
    .from(t.memberships)
    .innerJoin(t.users, eq(t.users.id, t.memberships.userId))
    .where(eq(sql`lower(${t.users.email})`, email));
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, parseEnv({ SEED_DISCLOSURES_PER_PARTNER: "0" }));
  for (const row of await handle.db.select({ id: t.organisations.id, name: t.organisations.name }).from(t.organisations)) orgs.set(row.name, row.id);
  for (const row of await handle.db.select({ id: t.users.id, email: t.users.email, displayName: t.users.displayName }).from(t.users)) {
    people.set(row.email, { id: row.id, displayName: row.displayName });
  }
  app = await handle.connectAsApp();
  db = app.db;
});

afterAll(async () => {
  await handle?.close();
});

describe("inviting", () => {
  it("lets an administrator invite to the national organisation, storing only the token's hash, for 72 hours", async () => {
    const now = new Date();
    const sent = await createInvitation(db, admin(), { email: "analyst.two@national.example", role: "analyst", organisation: orgs.get("National VAWG Coordination") }, { linkBase, mailer: null, client }, now);
    const token = sent.link!.split("/").pop()!;
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(sent).toMatchObject({ email: "analyst.two@national.example", role: "analyst", organisation: { name: "National VAWG Coordination" } });

    const [row] = await handle.db.select().from(t.invitations).where(eq(t.invitations.id, sent.invitationId));
    expect(row).toMatchObject({ orgId: orgs.get("National VAWG Coordination"), role: "analyst", tokenHash: hashToken(token), invitedBy: admin().userId, acceptedAt: null });
    expect(row!.expiresAt.getTime() - now.getTime()).toBe(72 * HOUR);
    const stored = JSON.stringify(await handle.db.select().from(t.invitations));
    expect(stored).not.toContain(token);

    const [event] = (await auditOf("invitation.created")).filter((audit) => audit.subjectId === sent.invitationId);
    expect(event).toMatchObject({ outcome: "success", actorUserId: admin().userId, subjectType: "invitation" });
    expect(event!.details).toMatchObject({ email: "analyst.two@national.example", role: "analyst", delivery: "shown_to_inviter" });
    expect(JSON.stringify(event)).not.toContain(token);
    expect(JSON.stringify(event)).not.toContain(hashToken(token));
  });

  it("offers administrators every active organisation and role, partner leads only their own and roles below admin", async () => {
    const forAdmin = await getInviteOptions(db, admin());
    expect(forAdmin.fixedOrganisation).toBeNull();
    expect(forAdmin.organisations.map((organisation) => organisation.name)).toContain("Demo Police Greater Manchester");
    expect(forAdmin.roles).toContain("auditor");
    const forManager = await getInviteOptions(db, idvaManager());
    expect(forManager.fixedOrganisation?.name).toBe("Demo IDVA Service Leeds");
    expect(forManager.organisations).toHaveLength(1);
    expect(forManager.roles).toEqual(["submitter", "org_manager", "analyst", "viewer"]);
    await expect(getInviteOptions(db, actor("caseworker@idva.example", "Demo IDVA Service Leeds", "submitter"))).rejects.toBeInstanceOf(Forbidden);
  });

  it("lets an administrator make administrators and auditors only in the national organisation", async () => {
    await invite(admin(), { email: "second.auditor@national.example", role: "auditor", organisation: orgs.get("National VAWG Coordination") });
    const refusal = createInvitation(db, admin(), { email: "rogue.admin@police.example", role: "admin", organisation: orgs.get("Demo Police West Yorkshire") }, { linkBase, mailer: null, client });
    await expect(refusal).rejects.toBeInstanceOf(Invalid);
    await expect(refusal).rejects.toMatchObject({ fieldErrors: { role: expect.stringContaining("national organisation only") } });
  });

  it("refuses an administrator inviting an account they control into a partner organisation with any role but its first partner lead", async () => {
    const police = orgs.get("Demo Police West Yorkshire");
    for (const role of ["analyst", "submitter", "viewer"] as const) {
      const refusal = createInvitation(db, admin(), { email: `controlled.${role}@example.net`, role, organisation: police }, { linkBase, mailer: null, client });
      await expect(refusal).rejects.toBeInstanceOf(Forbidden);
      await expect(refusal).rejects.toMatchObject({ message: expect.stringMatching(/^Only Demo Police West Yorkshire's partner lead can give its members that role/) });
    }
    const secondLead = createInvitation(db, admin(), { email: "controlled.lead@example.net", role: "org_manager", organisation: police }, { linkBase, mailer: null, client });
    await expect(secondLead).rejects.toMatchObject({ message: "Demo Police West Yorkshire already has a partner lead: its partner lead gives every other membership, including another partner lead" });

    const [row] = await handle.db.select().from(t.invitations).where(sql`${t.invitations.email} like 'controlled.%'`);
    expect(row).toBeUndefined();
    const denied = (await auditOf("invitation.created")).filter((event) => (event.details as { reason?: string }).reason === "separation_of_duties");
    expect(denied).toHaveLength(4);
    expect(denied.every((event) => event.outcome === "denied" && event.actorUserId === admin().userId)).toBe(true);
  });

  it("lets an administrator invite the first partner lead of an organisation without one, and then nobody else", async () => {
    const [organisation] = await handle.db.insert(t.organisations).values({ name: "Demo Refuge Without A Lead", type: "idva_service" }).returning();
    const to = { linkBase, mailer: null, client };
    await invite(admin(), { email: "first.lead@refuge.example", role: "org_manager", organisation: organisation!.id });
    // Sent again to the same address, it replaces the first; to another address, it would be a second lead.
    await invite(admin(), { email: "first.lead@refuge.example", role: "org_manager", organisation: organisation!.id });
    await expect(
      createInvitation(db, admin(), { email: "other.lead@refuge.example", role: "org_manager", organisation: organisation!.id }, to),
    ).rejects.toMatchObject({ message: "Demo Refuge Without A Lead already has a partner lead invited: its partner lead gives every other membership, including another partner lead" });
    await expect(createInvitation(db, admin(), { email: "analyst@refuge.example", role: "analyst", organisation: organisation!.id }, to)).rejects.toBeInstanceOf(Forbidden);
  });

  it("asks an administrator to choose an organisation that exists", async () => {
    for (const organisation of [undefined, "not-a-uuid", "00000000-0000-4000-8000-000000000000"]) {
      const refusal = createInvitation(db, admin(), { email: "someone@police.example", role: "viewer", organisation }, { linkBase, mailer: null, client });
      await expect(refusal).rejects.toMatchObject({ fieldErrors: { organisation: expect.stringMatching(/^Choose/) } });
    }
  });

  it("lets a partner lead invite to their own organisation only, and never as admin or auditor", async () => {
    const token = await invite(idvaManager(), { email: "lead.invite@idva.example", role: "org_manager" });
    expect((await findInvitation(db, token)).organisation.name).toBe("Demo IDVA Service Leeds");
    const ownOrgNamed = await invite(idvaManager(), { email: "named.own@idva.example", role: "viewer", organisation: orgs.get("Demo IDVA Service Leeds") });
    expect((await findInvitation(db, ownOrgNamed)).organisation.name).toBe("Demo IDVA Service Leeds");

    await expect(
      createInvitation(db, idvaManager(), { email: "x@police.example", role: "analyst", organisation: orgs.get("Demo Police West Yorkshire") }, { linkBase, mailer: null, client }),
    ).rejects.toBeInstanceOf(Forbidden);
    for (const role of ["admin", "auditor"] as const) {
      await expect(createInvitation(db, idvaManager(), { email: `${role}@idva.example`, role }, { linkBase, mailer: null, client })).rejects.toBeInstanceOf(Forbidden);
    }
    const denied = (await auditOf("invitation.created")).filter((event) => event.outcome === "denied" && event.actorUserId === idvaManager().userId);
    expect(denied.map((event) => (event.details as { reason: string }).reason).sort()).toEqual(["other_organisation", "restricted_role", "restricted_role"]);
    const [row] = await handle.db.select().from(t.invitations).where(eq(t.invitations.email, "x@police.example"));
    expect(row).toBeUndefined();
  });

  it("refuses roles that may not invite at all", async () => {
    for (const [email, organisation, role] of [
      ["caseworker@idva.example", "Demo IDVA Service Leeds", "submitter"],
      ["analyst@police.example", "Demo Police West Yorkshire", "analyst"],
      ["auditor@national.example", "National VAWG Coordination", "auditor"],
    ] as const) {
      await expect(createInvitation(db, actor(email, organisation, role), { email: "new@idva.example", role: "viewer" }, { linkBase, mailer: null, client })).rejects.toBeInstanceOf(Forbidden);
    }
  });

  it("refuses to invite someone who is already a member, whatever the address's case", async () => {
    const refusal = createInvitation(db, idvaManager(), { email: "caseworker@idva.example", role: "viewer" }, { linkBase, mailer: null, client });
    await expect(refusal).rejects.toBeInstanceOf(Invalid);
    await expect(refusal).rejects.toMatchObject({ fieldErrors: { email: "caseworker@idva.example is already a member of Demo IDVA Service Leeds" } });
    await expect(
      createInvitation(db, admin(), { email: "auditor@national.example", role: "viewer", organisation: orgs.get("National VAWG Coordination") }, { linkBase, mailer: null, client }),
    ).rejects.toMatchObject({ fieldErrors: { email: expect.stringContaining("already a member") } });
    const failures = (await auditOf("invitation.created")).filter((event) => event.outcome === "failure" && (event.details as { reason: string }).reason === "already_member");
    expect(failures).toHaveLength(2);
  });

  it("withdraws an earlier invitation to the same address when a new one is sent", async () => {
    const first = await invite(idvaManager(), { email: "twice@idva.example", role: "viewer" });
    const second = await invite(idvaManager(), { email: "twice@idva.example", role: "analyst" });
    await expect(findInvitation(db, first)).rejects.toBeInstanceOf(InvitationUnavailable);
    expect((await findInvitation(db, second)).role).toBe("analyst");
  });
});

describe("accepting", () => {
  it("creates the account and the membership, and the link then stops working", async () => {
    const token = await invite(idvaManager(), { email: "newcaseworker@idva.example", role: "submitter" });
    const details = await findInvitation(db, token);
    expect(details).toMatchObject({ email: "newcaseworker@idva.example", role: "submitter", accountExists: false, organisation: { name: "Demo IDVA Service Leeds", active: true } });

    const accepted = await acceptWithNewAccount(db, token, { displayName: "Sam Taylor", password: PASSWORD }, client);
    expect(accepted.organisation.name).toBe("Demo IDVA Service Leeds");
    const [user] = await handle.db.select().from(t.users).where(eq(t.users.id, accepted.userId));
    expect(user).toMatchObject({ email: "newcaseworker@idva.example", displayName: "Sam Taylor", totpSecret: null, mfaEnrolledAt: null, status: "active" });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user!.passwordHash!, PASSWORD)).toBe(true);
    expect(await membershipsOf("newcaseworker@idva.example")).toEqual([{ orgId: orgs.get("Demo IDVA Service Leeds"), role: "submitter" }]);
    const [row] = await handle.db.select().from(t.invitations).where(eq(t.invitations.tokenHash, hashToken(token)));
    expect(row).toMatchObject({ acceptedBy: accepted.userId });
    expect(row!.acceptedAt).not.toBeNull();

    await expect(findInvitation(db, token)).rejects.toBeInstanceOf(InvitationUnavailable);
    await expect(acceptWithNewAccount(db, token, { displayName: "Sam Again", password: PASSWORD }, client)).rejects.toBeInstanceOf(InvitationUnavailable);

    const accepts = await auditOf("invitation.accepted");
    expect(accepts.filter((event) => event.subjectId === row!.id).map((event) => event.outcome)).toEqual(["success"]);
    // A used link no longer leads to its invitation, so the refusal names none.
    expect(accepts.filter((event) => event.outcome === "failure" && (event.details as { reason: string }).reason === "unavailable")).toHaveLength(1);
    const everything = JSON.stringify(await handle.db.select().from(t.auditEvents));
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(PASSWORD);
  });

  it("accepts one of two acceptances raced on the same link", async () => {
    const token = await invite(idvaManager(), { email: "racer@idva.example", role: "viewer" });
    const results = await Promise.allSettled([
      acceptWithNewAccount(db, token, { displayName: "Racer One", password: PASSWORD }, client),
      acceptWithNewAccount(db, token, { displayName: "Racer Two", password: PASSWORD }, client),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [loser] = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect([InvitationAlreadyUsed, InvitationUnavailable].some((kind) => loser!.reason instanceof kind), String(loser!.reason)).toBe(true);
    expect(await handle.db.select().from(t.users).where(eq(t.users.email, "racer@idva.example"))).toHaveLength(1);
    expect(await membershipsOf("racer@idva.example")).toHaveLength(1);
  });

  it("accepts one of two joins raced by the same signed-in member", async () => {
    const token = await invite(actor("manager@council.example", "Demo Council Wakefield", "org_manager"), { email: "caseworker@isva.example", role: "viewer" });
    const invitee = { userId: people.get("caseworker@isva.example")!.id, email: "caseworker@isva.example" };
    const results = await Promise.allSettled([acceptAsMember(db, invitee, token, client), acceptAsMember(db, invitee, token, client)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((await membershipsOf("caseworker@isva.example")).filter((row) => row.orgId === orgs.get("Demo Council Wakefield"))).toEqual([
      { orgId: orgs.get("Demo Council Wakefield"), role: "viewer" },
    ]);
  });

  it("works until 72 hours have passed, and not a moment after", async () => {
    const issued = new Date();
    const token = await invite(idvaManager(), { email: "late@idva.example", role: "viewer" }, issued);
    const deadline = new Date(issued.getTime() + 72 * HOUR);
    expect((await findInvitation(db, token, new Date(deadline.getTime() - 1_000))).email).toBe("late@idva.example");
    await expect(findInvitation(db, token, deadline)).rejects.toBeInstanceOf(InvitationUnavailable);
    await expect(acceptWithNewAccount(db, token, { displayName: "Late Comer", password: PASSWORD }, client, deadline)).rejects.toBeInstanceOf(InvitationUnavailable);
    expect(await handle.db.select().from(t.users).where(eq(t.users.email, "late@idva.example"))).toHaveLength(0);
  });

  it("refuses an invitation that expired by the database's own clock", async () => {
    const token = await invite(idvaManager(), { email: "stale@idva.example", role: "viewer" }, new Date(Date.now() - 73 * HOUR));
    await expect(findInvitation(db, token)).rejects.toBeInstanceOf(InvitationUnavailable);
    await expect(acceptWithNewAccount(db, token, { displayName: "Stale", password: PASSWORD }, client)).rejects.toBeInstanceOf(InvitationUnavailable);
  });

  it("refuses unknown and malformed links alike", async () => {
    for (const token of ["", "short", "x".repeat(43), "../../etc/passwd", `${"a".repeat(42)}=`]) {
      await expect(findInvitation(db, token)).rejects.toBeInstanceOf(InvitationUnavailable);
    }
  });

  it("applies the password policy, and leaves the invitation usable when it refuses", async () => {
    const token = await invite(idvaManager(), { email: "policy.person@idva.example", role: "viewer" });
    for (const [password, reason] of [
      ["short", /at least 12 characters/],
      ["password1234", /commonly used|name of this service/],
      ["policy.person-2026", /e-mail address/],
      ["Pat Morgan Pat Morgan", /your name/],
    ] as const) {
      const refusal = acceptWithNewAccount(db, token, { displayName: "Pat Morgan", password }, client);
      await expect(refusal).rejects.toBeInstanceOf(Invalid);
      await expect(refusal).rejects.toMatchObject({ fieldErrors: { password: expect.stringMatching(reason) } });
    }
    expect((await findInvitation(db, token)).email).toBe("policy.person@idva.example");
  });

  it("asks someone with an account to sign in, then adds the membership to it", async () => {
    const token = await invite(actor("manager@police.example", "Demo Police West Yorkshire", "org_manager"), { email: "Caseworker@Council.example", role: "viewer" });
    expect((await findInvitation(db, token)).accountExists).toBe(true);
    await expect(acceptWithNewAccount(db, token, { displayName: "Impostor", password: PASSWORD }, client)).rejects.toBeInstanceOf(Conflict);

    const someoneElse = { userId: people.get("caseworker@health.example")!.id, email: "caseworker@health.example" };
    await expect(acceptAsMember(db, someoneElse, token, client)).rejects.toBeInstanceOf(Forbidden);

    const invitee = { userId: people.get("caseworker@council.example")!.id, email: "caseworker@council.example" };
    const joined = await acceptAsMember(db, invitee, token, client);
    expect(joined).toMatchObject({ organisation: { name: "Demo Police West Yorkshire" }, role: "viewer" });
    expect(await membershipsOf("caseworker@council.example")).toEqual(
      expect.arrayContaining([
        { orgId: orgs.get("Demo Council Wakefield"), role: "submitter" },
        { orgId: orgs.get("Demo Police West Yorkshire"), role: "viewer" },
      ]),
    );
    await expect(acceptAsMember(db, invitee, token, client)).rejects.toBeInstanceOf(InvitationUnavailable);
    const denied = (await auditOf("invitation.accepted")).filter((event) => event.outcome === "denied");
    expect(denied.map((event) => (event.details as { reason: string }).reason)).toContain("wrong_account");
  });

  it("refuses a member who joined some other way meanwhile", async () => {
    const token = await invite(actor("manager@health.example", "Demo NHS Trust Kirklees", "org_manager"), { email: "caseworker@charity.example", role: "viewer" });
    const invitee = { userId: people.get("caseworker@charity.example")!.id, email: "caseworker@charity.example" };
    await handle.db.insert(t.memberships).values({ userId: invitee.userId, orgId: orgs.get("Demo NHS Trust Kirklees")!, role: "submitter" });
    await expect(acceptAsMember(db, invitee, token, client)).rejects.toThrow("You already belong to Demo NHS Trust Kirklees.");
    const [row] = await handle.db.select().from(t.invitations).where(and(eq(t.invitations.tokenHash, hashToken(token))));
    expect(row!.acceptedAt).toBeNull();
  });

  it("refuses while the organisation is suspended", async () => {
    const [organisation] = await handle.db
      .insert(t.organisations)
      .values({ name: "Invitation test charity", type: "third_sector" })
      .returning({ id: t.organisations.id });
    const token = await invite(admin(), { email: "joiner@charity.example", role: "org_manager", organisation: organisation!.id });
    await handle.db.update(t.organisations).set({ status: "suspended" }).where(eq(t.organisations.id, organisation!.id));
    expect((await findInvitation(db, token)).organisation.active).toBe(false);
    await expect(acceptWithNewAccount(db, token, { displayName: "Joiner", password: PASSWORD }, client)).rejects.toBeInstanceOf(Conflict);
    await expect(
      createInvitation(db, admin(), { email: "another@charity.example", role: "viewer", organisation: organisation!.id }, { linkBase, mailer: null, client }),
    ).rejects.toMatchObject({ fieldErrors: { organisation: expect.stringContaining("is suspended") } });
  });
});

describe("sending the invitation by e-mail", () => {
  let smtp: TestSmtpServer;
  let mailer: Mailer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    mailer = createMailer(parseEnv({ SMTP_URL: smtp.url, MAIL_FROM: "VAWG partner portal <no-reply@vawg-portal.example>" }))!;
  });

  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
  });

  it("e-mails the link through the SMTP server and does not hand it back", async () => {
    const sent = await createInvitation(db, idvaManager(), { email: "emailed@idva.example", role: "analyst" }, { linkBase, mailer, client });
    expect(sent.link).toBeNull();
    const mail = await smtp.waitForMail("emailed@idva.example");
    expect(mail.envelopeTo).toEqual(["emailed@idva.example"]);
    expect(mail.envelopeFrom).toBe("no-reply@vawg-portal.example");
    expect(mail.subject).toBe("Invitation to join Demo IDVA Service Leeds on the VAWG partner portal");
    const link = mail.text.split("\n").find((line) => line.startsWith(`${linkBase}/invitations/`));
    expect(link).toMatch(/^https:\/\/portal\.example\/invitations\/[A-Za-z0-9_-]{43}$/);
    expect(mail.text).toContain(`${people.get("manager@idva.example")!.displayName} has invited you`);
    expect(mail.text).toContain("as an analyst");
    const details = await findInvitation(db, link!.split("/").pop()!);
    expect(details).toMatchObject({ invitationId: sent.invitationId, email: "emailed@idva.example", role: "analyst" });
  });

  it("returns the link to show the inviter when SMTP_URL is unset", async () => {
    const noMail = createMailer(parseEnv({}));
    expect(noMail).toBeNull();
    const sent = await createInvitation(db, idvaManager(), { email: "shown@idva.example", role: "viewer" }, { linkBase, mailer: noMail, client });
    expect(sent.link).toMatch(/^https:\/\/portal\.example\/invitations\//);
    expect(smtp.received.some((mail) => mail.envelopeTo.includes("shown@idva.example"))).toBe(false);
  });

  it("withdraws the invitation when the e-mail cannot be sent", async () => {
    const gone = await startTestSmtpServer();
    await gone.close();
    const broken = createMailer(parseEnv({ SMTP_URL: gone.url }))!;
    try {
      await expect(createInvitation(db, idvaManager(), { email: "undelivered@idva.example", role: "viewer" }, { linkBase, mailer: broken, client })).rejects.toBeInstanceOf(
        InvitationNotDelivered,
      );
    } finally {
      broken.close();
    }
    const rows = await handle.db.select().from(t.invitations).where(eq(t.invitations.email, "undelivered@idva.example"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.revokedAt).not.toBeNull();
    const [event] = (await auditOf("invitation.revoked")).filter((audit) => audit.subjectId === rows[0]!.id);
    expect(event?.details).toMatchObject({ reason: "email_not_sent" });
  });
});

describe("errors that reach the logs", () => {
  it("keep a failed query's SQLSTATE but never its parameters", async () => {
    const secretHash = hashToken("a token nobody may see");
    // The same e-mail twice breaks users_email_key, as a raced acceptance would.
    const caught: unknown = await handle.db
      .insert(t.users)
      .values([
        { email: "dupe@idva.example", displayName: "One", passwordHash: secretHash },
        { email: "DUPE@idva.example", displayName: "Two", passwordHash: secretHash },
      ])
      .then(
        () => "the insert succeeded",
        (error: unknown) => error,
      );
    expect(caught).toBeInstanceOf(Error);
    // Rewritten where drizzle throws it (db/errors.ts): not even the raw error quotes the hash.
    expect((caught as Error).message).toBe("A database query failed (SQLSTATE 23505, constraint users_email_key).");
    const cleaned = withoutQueryParameters(caught) as Error;
    expect(cleaned.message).toBe("A database query failed (SQLSTATE 23505, constraint users_email_key).");
    expect(JSON.stringify(cleaned)).not.toContain(secretHash);
    expect(cleaned.cause).toBeUndefined();
    const plain = new Invalid("Nothing secret here.");
    expect(withoutQueryParameters(plain)).toBe(plain);
  });
});
