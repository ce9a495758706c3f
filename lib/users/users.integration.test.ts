import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import { Forbidden, NotFound } from "@/lib/errors";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { changeRole, endSessionsOf, listMembers, setUserStatus, unlockSecondFactor } from "./service";

let test: TestDatabase;
beforeAll(async () => {
  test = await openDemoDatabase();
});
afterAll(async () => {
  await test?.close();
});

const viewer = (email: string) => viewerFor(test.db, email);

async function sessionIsLive(sessionId: string) {
  const [row] = await test.db.select().from(t.sessions).where(eq(t.sessions.id, sessionId));
  return row !== undefined && row.endedAt === null;
}

describe("listing members", () => {
  it("shows a partner lead their own organisation's members with their roles", async () => {
    const manager = await viewer("manager@idva.example");
    const members = await listMembers(manager, manager.organisation.id);
    expect(members.map((member) => [member.email, member.role]).sort()).toEqual([
      ["caseworker@idva.example", "submitter"],
      ["manager@idva.example", "org_manager"],
    ]);
  });

  it("treats another organisation's list as not found for a partner lead", async () => {
    const manager = await viewer("manager@idva.example");
    const police = await viewer("analyst@police.example");
    await expect(listMembers(manager, police.organisation.id)).rejects.toBeInstanceOf(NotFound);
  });

  it("lets an admin list any organisation", async () => {
    const admin = await viewer("admin@national.example");
    const police = await viewer("analyst@police.example");
    const members = await listMembers(admin, police.organisation.id);
    expect(members.map((member) => member.email)).toContain("viewer@police.example");
  });

  it.each(["analyst@police.example", "viewer@police.example", "caseworker@idva.example", "auditor@national.example"])(
    "refuses %s, who may not list users",
    async (email) => {
      const someone = await viewer(email);
      await expect(listMembers(someone, someone.organisation.id)).rejects.toBeInstanceOf(Forbidden);
    },
  );
});

describe("changing a role", () => {
  it("changes the role and ends the member's sessions there at once", async () => {
    const manager = await viewer("manager@idva.example");
    const caseworker = await viewer("caseworker@idva.example");
    await changeRole(manager, { userId: caseworker.userId, orgId: manager.organisation.id, role: "viewer" });
    expect(await sessionIsLive(caseworker.sessionId)).toBe(false);
    const [membership] = await test.db.select().from(t.memberships).where(eq(t.memberships.userId, caseworker.userId));
    expect(membership!.role).toBe("viewer");
    await changeRole(manager, { userId: caseworker.userId, orgId: manager.organisation.id, role: "submitter" });
  });

  it("never lets a partner lead give the admin or auditor role", async () => {
    const manager = await viewer("manager@idva.example");
    const caseworker = await viewer("caseworker@idva.example");
    for (const role of ["admin", "auditor"] as const) {
      await expect(changeRole(manager, { userId: caseworker.userId, orgId: manager.organisation.id, role })).rejects.toBeInstanceOf(Forbidden);
    }
  });

  it("acts only on the partner lead's own organisation, whatever organisation the request names", async () => {
    const manager = await viewer("manager@idva.example");
    const policeViewer = await viewer("viewer@police.example");
    await expect(
      changeRole(manager, { userId: policeViewer.userId, orgId: policeViewer.organisation.id, role: "analyst" }),
    ).rejects.toBeInstanceOf(NotFound);
    await expect(
      changeRole(manager, { userId: policeViewer.userId, orgId: manager.organisation.id, role: "analyst" }),
    ).rejects.toBeInstanceOf(NotFound);
  });
});

describe("separation of duties in role changes", () => {
  it("refuses an administrator turning a partner organisation's member into an analyst, caseworker or second partner lead", async () => {
    const admin = await viewer("admin@national.example");
    const policeViewer = await viewer("viewer@police.example");
    const orgId = policeViewer.organisation.id;
    for (const role of ["analyst", "submitter"] as const) {
      const refusal = changeRole(admin, { userId: policeViewer.userId, orgId, role });
      await expect(refusal).rejects.toBeInstanceOf(Forbidden);
      await expect(refusal).rejects.toMatchObject({ message: expect.stringMatching(/^Only Demo Police West Yorkshire's partner lead can give its members that role/) });
    }
    await expect(changeRole(admin, { userId: policeViewer.userId, orgId, role: "org_manager" })).rejects.toMatchObject({
      message: expect.stringMatching(/^Demo Police West Yorkshire already has a partner lead/),
    });
    const [membership] = await test.db.select().from(t.memberships).where(eq(t.memberships.userId, policeViewer.userId));
    expect(membership!.role).toBe("viewer");
  });

  it("lets an administrator make a member of an organisation whose partner lead is suspended its partner lead", async () => {
    const admin = await viewer("admin@national.example");
    const lead = await viewer("manager@isva.example");
    const [member] = await test.db.insert(t.users).values({ email: "successor@isva.example", displayName: "Successor" }).returning();
    await test.db.insert(t.memberships).values({ userId: member!.id, orgId: lead.organisation.id, role: "viewer" });
    await expect(changeRole(admin, { userId: member!.id, orgId: lead.organisation.id, role: "org_manager" })).rejects.toBeInstanceOf(Forbidden);
    await setUserStatus(admin, { userId: lead.userId, status: "suspended" });
    // A live invitation to lead it, sent to someone else, counts as a lead until it is withdrawn.
    const [invited] = await test.db
      .insert(t.invitations)
      .values({ orgId: lead.organisation.id, email: "invited.lead@isva.example", role: "org_manager", tokenHash: "a".repeat(64), invitedBy: admin.userId, expiresAt: new Date(Date.now() + 3_600_000) })
      .returning();
    await expect(changeRole(admin, { userId: member!.id, orgId: lead.organisation.id, role: "org_manager" })).rejects.toMatchObject({
      message: expect.stringMatching(/^Demo ISVA Service Bradford already has a partner lead invited/),
    });
    await test.db.update(t.invitations).set({ revokedAt: new Date() }).where(eq(t.invitations.id, invited!.id));
    await changeRole(admin, { userId: member!.id, orgId: lead.organisation.id, role: "org_manager" });
    await expect(changeRole(admin, { userId: member!.id, orgId: lead.organisation.id, role: "analyst" })).rejects.toBeInstanceOf(Forbidden);
    await setUserStatus(admin, { userId: lead.userId, status: "active" });
  });

  it("still lets an administrator change roles in the national organisation", async () => {
    const admin = await viewer("admin@national.example");
    const auditor = await viewer("auditor@national.example");
    await changeRole(admin, { userId: auditor.userId, orgId: auditor.organisation.id, role: "admin" });
    await changeRole(admin, { userId: auditor.userId, orgId: auditor.organisation.id, role: "auditor" });
  });
});

describe("suspending and ending sessions", () => {
  it("lets an admin suspend an account, ending every session, and reactivate it", async () => {
    const admin = await viewer("admin@national.example");
    const target = await viewer("viewer@police.example");
    await setUserStatus(admin, { userId: target.userId, status: "suspended" });
    expect(await sessionIsLive(target.sessionId)).toBe(false);
    const [row] = await test.db.select().from(t.users).where(eq(t.users.id, target.userId));
    expect(row!.status).toBe("suspended");
    await setUserStatus(admin, { userId: target.userId, status: "active" });
  });

  it("refuses suspension to a partner lead", async () => {
    const manager = await viewer("manager@idva.example");
    const caseworker = await viewer("caseworker@idva.example");
    await expect(setUserStatus(manager, { userId: caseworker.userId, status: "suspended" })).rejects.toBeInstanceOf(Forbidden);
  });

  it("lets a partner lead end their own member's sessions but not another organisation's", async () => {
    const manager = await viewer("manager@idva.example");
    const caseworker = await viewer("caseworker@idva.example");
    expect(await endSessionsOf(manager, { userId: caseworker.userId, orgId: manager.organisation.id })).toBeGreaterThanOrEqual(1);
    expect(await sessionIsLive(caseworker.sessionId)).toBe(false);
    const analyst = await viewer("analyst@police.example");
    await expect(endSessionsOf(manager, { userId: analyst.userId, orgId: analyst.organisation.id })).rejects.toBeInstanceOf(NotFound);
    expect(await sessionIsLive(analyst.sessionId)).toBe(true);
  });
});

describe("unlocking the second factor", () => {
  async function lock(email: string) {
    await test.db.update(t.users).set({ mfaFailedAttempts: 10, mfaLockedAt: new Date() }).where(eq(t.users.email, email));
  }
  async function lockState(email: string) {
    const [row] = await test.db.select({ failures: t.users.mfaFailedAttempts, lockedAt: t.users.mfaLockedAt }).from(t.users).where(eq(t.users.email, email));
    return row!;
  }

  it("lets the partner lead unlock a member of their own organisation, audited", async () => {
    const manager = await viewer("manager@idva.example");
    const caseworker = await viewer("caseworker@idva.example");
    await lock("caseworker@idva.example");
    expect((await listMembers(manager, manager.organisation.id)).find((member) => member.userId === caseworker.userId)).toMatchObject({ mfaLocked: true });
    await unlockSecondFactor(manager, { userId: caseworker.userId, orgId: manager.organisation.id });
    expect(await lockState("caseworker@idva.example")).toEqual({ failures: 0, lockedAt: null });
    const [event] = await test.db
      .select()
      .from(t.auditEvents)
      .where(and(eq(t.auditEvents.action, "mfa.unlocked"), eq(t.auditEvents.subjectId, caseworker.userId)));
    expect(event).toMatchObject({ actorUserId: manager.userId, outcome: "success" });
    await expect(unlockSecondFactor(manager, { userId: caseworker.userId, orgId: manager.organisation.id })).rejects.toThrow("This account is not locked.");
  });

  it("refuses another organisation's partner lead, whichever organisation the request names", async () => {
    const otherManager = await viewer("manager@police.example");
    const caseworker = await viewer("caseworker@idva.example");
    await lock("caseworker@idva.example");
    await expect(unlockSecondFactor(otherManager, { userId: caseworker.userId, orgId: caseworker.organisation.id })).rejects.toBeInstanceOf(NotFound);
    await expect(unlockSecondFactor(otherManager, { userId: caseworker.userId, orgId: otherManager.organisation.id })).rejects.toThrow("No such member of this organisation.");
    expect((await lockState("caseworker@idva.example")).lockedAt).not.toBeNull();
  });

  it("lets an admin unlock anyone, and refuses members who may not manage users", async () => {
    const admin = await viewer("admin@national.example");
    const analyst = await viewer("analyst@police.example");
    const caseworker = await viewer("caseworker@idva.example");
    await lock("caseworker@idva.example");
    await expect(unlockSecondFactor(analyst, { userId: caseworker.userId, orgId: caseworker.organisation.id })).rejects.toBeInstanceOf(Forbidden);
    await unlockSecondFactor(admin, { userId: caseworker.userId, orgId: caseworker.organisation.id });
    expect((await lockState("caseworker@idva.example")).lockedAt).toBeNull();
  });
});
