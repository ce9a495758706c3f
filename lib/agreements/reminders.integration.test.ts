import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/db/client";
import type { DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import type { Role } from "@/lib/access/roles";
import { agreementDay } from "@/lib/access/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { parseEnv } from "@/lib/env";
import { portalJobs } from "@/lib/jobs/portal-jobs";
import type { Mailer, MailMessage } from "@/lib/mail/transport";
import { insertActiveAgreement } from "@/lib/testing/agreements";
import { remindersFor, sendAgreementReminders } from "./reminders";

// Reminders 30 days before an agreement's review date and end date: on the dashboards of the
// administrators and the parties' partner leads, and e-mailed to them once, when SMTP is configured.

const now = new Date();
const today = agreementDay(now);
const portalUrl = "https://portal.example";

function day(offset: number): string {
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

let handle: TestDatabase;
let app: DatabaseHandle;
const orgs: Record<"provider" | "recipient" | "elsewhere" | "national", { id: string; name: string }> = {} as never;
const people = new Map<string, Viewer>();
const agreementIds: Record<"review" | "expiry" | "later" | "elsewhere", string> = {} as never;

async function person(email: string, organisation: keyof typeof orgs, role: Role, status: "active" | "suspended" = "active"): Promise<void> {
  const [user] = await handle.db.insert(t.users).values({ email, displayName: email.split("@")[0]!, status }).returning({ id: t.users.id });
  await handle.db.insert(t.memberships).values({ userId: user!.id, orgId: orgs[organisation].id, role });
  people.set(email, {
    userId: user!.id,
    email,
    displayName: email,
    organisation: { ...orgs[organisation], type: organisation === "national" ? "national" : "third_sector" },
    role,
    sessionId: "not-used-here",
  });
}

function recordingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (message) => void sent.push(message), close: () => {} };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  app = await handle.connectAsApp();
  useDatabase(app);
  const rows = await handle.db
    .insert(t.organisations)
    .values([
      { name: "Reminder provider", type: "idva_service" },
      { name: "Reminder police", type: "police_force" },
      { name: "Reminder elsewhere", type: "third_sector" },
      { name: "Reminder national", type: "national" },
    ])
    .returning({ id: t.organisations.id, name: t.organisations.name });
  [orgs.provider, orgs.recipient, orgs.elsewhere, orgs.national] = rows as [never, never, never, never];
  await person("lead@provider.example", "provider", "org_manager");
  await person("lead@police.example", "recipient", "org_manager");
  await person("former.lead@police.example", "recipient", "org_manager", "suspended");
  await person("analyst@police.example", "recipient", "analyst");
  await person("lead@elsewhere.example", "elsewhere", "org_manager");
  await person("admin@national.example", "national", "admin");

  const [place] = await handle.db.select({ forceAreaCode: t.policeForceAreas.code }).from(t.policeForceAreas).limit(1);
  const terms = (reference: string, providers: string[], startDate: string, endDate: string) => ({
    reference,
    providers,
    recipients: [orgs.recipient.id],
    threatAreas: { domestic_abuse: "record" as const },
    geography: [{ forceAreaCode: place!.forceAreaCode }],
    startDate,
    endDate,
  });
  // The test helper's review date is the start date.
  agreementIds.review = await insertActiveAgreement(handle.db, terms("DSA-REMIND-REVIEW", [orgs.provider.id], day(10), day(400)));
  agreementIds.expiry = await insertActiveAgreement(handle.db, terms("DSA-REMIND-EXPIRY", [orgs.provider.id], day(-100), day(30)));
  agreementIds.later = await insertActiveAgreement(handle.db, terms("DSA-REMIND-LATER", [orgs.provider.id], day(-100), day(31)));
  agreementIds.elsewhere = await insertActiveAgreement(handle.db, terms("DSA-REMIND-ELSEWHERE", [orgs.elsewhere.id], day(5), day(300)));
});
afterAll(async () => {
  await handle?.close();
});

describe("reminders on the dashboards", () => {
  it("show an administrator every review or end date within 30 days, soonest first", async () => {
    expect(await remindersFor(people.get("admin@national.example")!, now)).toEqual([
      { agreementId: agreementIds.elsewhere, reference: "DSA-REMIND-ELSEWHERE", title: "Test agreement DSA-REMIND-ELSEWHERE", kind: "review", date: day(5) },
      { agreementId: agreementIds.review, reference: "DSA-REMIND-REVIEW", title: "Test agreement DSA-REMIND-REVIEW", kind: "review", date: day(10) },
      { agreementId: agreementIds.expiry, reference: "DSA-REMIND-EXPIRY", title: "Test agreement DSA-REMIND-EXPIRY", kind: "expiry", date: day(30) },
    ]);
  });

  it("show a partner lead only the agreements their organisation is party to, and nobody else any", async () => {
    const provider = await remindersFor(people.get("lead@provider.example")!, now);
    expect(provider.map((reminder) => [reminder.reference, reminder.kind])).toEqual([
      ["DSA-REMIND-REVIEW", "review"],
      ["DSA-REMIND-EXPIRY", "expiry"],
    ]);
    expect((await remindersFor(people.get("lead@police.example")!, now)).map((reminder) => reminder.reference)).toEqual([
      "DSA-REMIND-ELSEWHERE",
      "DSA-REMIND-REVIEW",
      "DSA-REMIND-EXPIRY",
    ]);
    expect(await remindersFor(people.get("analyst@police.example")!, now)).toEqual([]);
  });
});

describe("reminder e-mails", () => {
  it("are neither sent nor recorded without a mail server", async () => {
    const job = portalJobs(parseEnv({}), null).find((candidate) => candidate.name === "agreements.remind")!;
    expect(await job.run(app.db, now)).toBe("SMTP_URL is unset: no reminder e-mailed (the dashboards show them)");
    expect(await sendAgreementReminders(app.db, null, { now, portalUrl })).toEqual({ sent: 0, emails: 0, mailConfigured: false });
    expect(await handle.db.select().from(t.agreementReminders)).toEqual([]);
  });

  it("go once per agreement and date to the parties' active partner leads and the administrators", async () => {
    const mailer = recordingMailer();
    expect(await sendAgreementReminders(app.db, mailer, { now, portalUrl })).toEqual({ sent: 3, emails: 9, mailConfigured: true });

    const to = (reference: string) => mailer.sent.filter((message) => message.subject.startsWith(reference)).map((message) => message.to);
    expect(to("DSA-REMIND-REVIEW")).toEqual(["admin@national.example", "lead@police.example", "lead@provider.example"]);
    expect(to("DSA-REMIND-EXPIRY")).toEqual(["admin@national.example", "lead@police.example", "lead@provider.example"]);
    expect(to("DSA-REMIND-ELSEWHERE")).toEqual(["admin@national.example", "lead@elsewhere.example", "lead@police.example"]);
    expect(to("DSA-REMIND-LATER")).toEqual([]);
    const expiry = mailer.sent.find((message) => message.subject.startsWith("DSA-REMIND-EXPIRY") && message.to === "lead@provider.example")!;
    expect(expiry.text).toContain(`The data-sharing agreement DSA-REMIND-EXPIRY (Test agreement DSA-REMIND-EXPIRY) ends on`);
    expect(expiry.text).toContain(`${portalUrl}/agreements/${agreementIds.expiry}`);

    const recorded = await handle.db.select().from(t.agreementReminders).where(eq(t.agreementReminders.agreementId, agreementIds.expiry));
    expect(recorded).toMatchObject([{ kind: "expiry", dueDate: day(30), recipients: 3 }]);
    const audited = await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "agreement.reminder_sent"));
    expect(audited).toHaveLength(3);

    const again = recordingMailer();
    expect(await sendAgreementReminders(app.db, again, { now, portalUrl })).toEqual({ sent: 0, emails: 0, mailConfigured: true });
    expect(again.sent).toEqual([]);

    // The next day one more end date comes within 30 days; only it is reminded of.
    const tomorrow = recordingMailer();
    expect(await sendAgreementReminders(app.db, tomorrow, { now: new Date(now.getTime() + 86_400_000), portalUrl })).toEqual({ sent: 1, emails: 3, mailConfigured: true });
    expect(new Set(tomorrow.sent.map((message) => message.subject.split(" ")[0]))).toEqual(new Set(["DSA-REMIND-LATER"]));
  });

  it("are not recorded when sending fails, so the next run tries again", async () => {
    const later = await insertActiveAgreement(handle.db, {
      reference: "DSA-REMIND-RETRY",
      providers: [orgs.provider.id],
      recipients: [orgs.recipient.id],
      threatAreas: { domestic_abuse: "aggregate" },
      geography: [{ forceAreaCode: (await handle.db.select({ code: t.policeForceAreas.code }).from(t.policeForceAreas).limit(1))[0]!.code }],
      startDate: day(3),
      endDate: day(500),
    });
    const broken: Mailer = { send: async () => Promise.reject(new Error("SMTP server refused the connection")), close: () => {} };
    await expect(sendAgreementReminders(app.db, broken, { now, portalUrl })).rejects.toThrow(/^SMTP server refused the connection$/);
    expect(await handle.db.select().from(t.agreementReminders).where(eq(t.agreementReminders.agreementId, later))).toEqual([]);

    const mailer = recordingMailer();
    expect(await sendAgreementReminders(app.db, mailer, { now, portalUrl })).toMatchObject({ sent: 1 });
    expect(new Set(mailer.sent.map((message) => message.subject.split(" ")[0]))).toEqual(new Set(["DSA-REMIND-RETRY"]));
  });
});
