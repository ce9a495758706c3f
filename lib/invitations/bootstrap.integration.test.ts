import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { verifyPasswordStep } from "@/lib/auth/sign-in";
import { parseAdminCreateArguments } from "@/scripts/admin-arguments";
import { acceptWithNewAccount } from "./acceptance";
import { AdminExists, DEFAULT_NATIONAL_ORGANISATION, bootstrapAdmin, type BootstrapAdminInput } from "./bootstrap";
import { findInvitation } from "./token";

// A production database starts migrated and empty: `npm run admin:create` must get its first
// administrator in, through an ordinary invitation, and refuse to do it again by accident.

const linkBase = "https://portal.example";
const client = { ipAddress: "192.0.2.20" };
const PASSWORD = "copper kettle meadow lighthouse";

let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

function input(overrides: Partial<BootstrapAdminInput> = {}): BootstrapAdminInput {
  const parsed = parseAdminCreateArguments(["--email", "First.Admin@National.example", "--name", "Ada First"]);
  if (!parsed.ok) throw new Error(parsed.problem);
  return { ...parsed.input, ...overrides };
}

const tokenOf = (link: string) => link.split("/").pop()!;

describe("admin:create on a migrated database with no demo data", () => {
  it("creates the national organisation and an admin invitation whose link makes a working administrator", async () => {
    expect(await handle.db.select().from(t.organisations)).toEqual([]);

    const result = await bootstrapAdmin(handle.db, input(), { linkBase });

    expect(result.link).toMatch(/^https:\/\/portal\.example\/invitations\/[A-Za-z0-9_-]{43}$/);
    expect(result.organisation).toMatchObject({ name: DEFAULT_NATIONAL_ORGANISATION, created: true });
    const [organisation] = await handle.db.select().from(t.organisations);
    expect(organisation).toMatchObject({ name: DEFAULT_NATIONAL_ORGANISATION, type: "national", status: "active" });

    const invitation = await findInvitation(handle.db, tokenOf(result.link));
    expect(invitation).toMatchObject({ email: "first.admin@national.example", role: "admin", accountExists: false });

    const accepted = await acceptWithNewAccount(handle.db, tokenOf(result.link), { displayName: "Ada First", password: PASSWORD }, client);
    expect(accepted).toMatchObject({ role: "admin", organisation: { id: organisation!.id } });
    const [membership] = await handle.db.select().from(t.memberships).where(eq(t.memberships.userId, accepted.userId));
    expect(membership).toMatchObject({ orgId: organisation!.id, role: "admin" });

    // The password works; the authenticator app is set up at this first sign-in.
    const step = await verifyPasswordStep(handle.db, { email: "first.admin@national.example", password: PASSWORD }, client);
    expect(step.next).toBe("enrol");

    const [audit] = await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "admin.bootstrapped"));
    expect(audit).toMatchObject({
      outcome: "success",
      actorUserId: null,
      subjectType: "invitation",
      subjectId: result.invitationId,
      details: expect.objectContaining({ email: "first.admin@national.example", name: "Ada First", orgId: organisation!.id, forced: false }),
    });
    const created = await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "organisation.created"));
    expect(created).toHaveLength(1);
  });

  it("refuses while an active administrator exists, and writes nothing", async () => {
    const before = await handle.db.select().from(t.invitations);
    await expect(bootstrapAdmin(handle.db, input({ email: "second@national.example" }), { linkBase })).rejects.toMatchObject({
      name: "AdminExists",
      message: expect.stringMatching(/An active administrator already exists \(1\).*--force/),
    });
    await expect(bootstrapAdmin(handle.db, input({ email: "second@national.example" }), { linkBase })).rejects.toBeInstanceOf(AdminExists);
    expect(await handle.db.select().from(t.invitations)).toHaveLength(before.length);
  });

  it("with --force invites another administrator to the existing national organisation", async () => {
    const result = await bootstrapAdmin(handle.db, input({ email: "second@national.example", force: true }), { linkBase });

    expect(result.organisation.created).toBe(false);
    expect(await handle.db.select().from(t.organisations)).toHaveLength(1);
    const accepted = await acceptWithNewAccount(handle.db, tokenOf(result.link), { displayName: "Second Admin", password: PASSWORD }, client);
    expect(accepted.role).toBe("admin");
    const audits = await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "admin.bootstrapped"));
    expect(audits.map((event) => (event.details as { forced: boolean }).forced)).toEqual([false, true]);
  });
});
