import { and, asc, eq, gte, inArray, lte, or } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { agreementParties, agreementReminders, agreements, agreementVersions, memberships, organisations, users } from "@/db/schema";
import { contextOf } from "@/lib/access/guard";
import { can } from "@/lib/access/permissions";
import { agreementDay } from "@/lib/access/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import type { Mailer, MailMessage } from "@/lib/mail/transport";
import { longDate } from "./lifecycle";

// Reminders 30 days before an agreement's review date and before its end date: on the admin and
// partner-lead dashboards (remindersFor), and by e-mail once per date (sendAgreementReminders,
// the daily `agreements.remind` job) when SMTP is configured.

/** How far ahead a review or end date is reminded of. */
const REMINDER_DAYS = 30;

export type AgreementReminder = {
  agreementId: string;
  reference: string;
  title: string;
  kind: "review" | "expiry";
  /** The review or end date, a UK calendar day (YYYY-MM-DD). */
  date: string;
};

/**
 * The reminders the viewer should see at `now`: for administrators every agreement in force, for
 * a partner lead those their organisation is party to (row-level security decides which); nobody
 * else has any. Soonest first.
 */
export async function remindersFor(viewer: Viewer, now = new Date()): Promise<AgreementReminder[]> {
  if (!can(viewer.role, "agreements.manage") && !can(viewer.role, "agreements.sign")) return [];
  return withContext(await getDatabase(), contextOf(viewer), (tx) => dueReminders(tx, now));
}

/** Agreements in force (active or suspended) whose current version's review or end date is within REMINDER_DAYS of `now`'s UK day. */
async function dueReminders(tx: Database, now: Date): Promise<AgreementReminder[]> {
  const today = agreementDay(now);
  const until = addDays(today, REMINDER_DAYS);
  const within = (column: typeof agreementVersions.reviewDate | typeof agreementVersions.endDate) => and(gte(column, today), lte(column, until));
  const rows = await tx
    .select({ agreementId: agreements.id, reference: agreements.reference, title: agreements.title, reviewDate: agreementVersions.reviewDate, endDate: agreementVersions.endDate })
    .from(agreements)
    .innerJoin(agreementVersions, eq(agreementVersions.id, agreements.currentVersionId))
    .where(and(inArray(agreements.status, ["active", "suspended"]), or(within(agreementVersions.reviewDate), within(agreementVersions.endDate))))
    .orderBy(asc(agreements.reference));
  const reminders: AgreementReminder[] = [];
  for (const row of rows) {
    const base = { agreementId: row.agreementId, reference: row.reference, title: row.title };
    if (row.reviewDate >= today && row.reviewDate <= until) reminders.push({ ...base, kind: "review", date: row.reviewDate });
    if (row.endDate >= today && row.endDate <= until) reminders.push({ ...base, kind: "expiry", date: row.endDate });
  }
  return reminders.sort((a, b) => a.date.localeCompare(b.date) || a.reference.localeCompare(b.reference));
}

/** The reminder job acts as an administrator with no user: it reads every agreement, and the people to tell. */
const REMINDER_JOB = { role: "admin" } as const;

/**
 * E-mails each due reminder, once per agreement, kind and date, to the partner leads of every
 * party to the version in force and to the administrators; records it (agreement_reminders) and
 * audits it in the same transaction, so a reminder that could not be sent is tried again next
 * time. Without a mail server nothing is sent or recorded: the dashboards still show reminders.
 */
export async function sendAgreementReminders(
  db: Database,
  mailer: Mailer | null,
  { now = new Date(), portalUrl }: { now?: Date; portalUrl?: string | undefined } = {},
): Promise<{ sent: number; emails: number; mailConfigured: boolean }> {
  if (!mailer) return { sent: 0, emails: 0, mailConfigured: false };
  const due = await withContext(db, REMINDER_JOB, (tx) => dueReminders(tx, now));
  let sent = 0;
  let emails = 0;
  for (const reminder of due) {
    emails += await withContext(db, REMINDER_JOB, async (tx) => {
      const recipients = await reminderRecipients(tx, reminder.agreementId);
      const [claimed] = await tx
        .insert(agreementReminders)
        .values({ agreementId: reminder.agreementId, kind: reminder.kind, dueDate: reminder.date, recipients: recipients.length, sentAt: now })
        .onConflictDoNothing()
        .returning({ agreementId: agreementReminders.agreementId });
      if (!claimed) return 0;
      for (const recipient of recipients) await mailer.send(reminderMessage(recipient, reminder, portalUrl));
      await recordAudit(
        tx,
        auditEvent(null, "agreement.reminder_sent", {
          subject: { type: "agreement", id: reminder.agreementId },
          details: { reference: reminder.reference, kind: reminder.kind, date: reminder.date, recipients: recipients.length },
        }),
      );
      sent += 1;
      return recipients.length;
    });
  }
  return { sent, emails, mailConfigured: true };
}

/** Active partner leads of the parties to the agreement's version in force, and active administrators; each address once. */
async function reminderRecipients(tx: Database, agreementId: string): Promise<{ email: string; name: string }[]> {
  const people = { email: users.email, name: users.displayName };
  const leads = await tx
    .select(people)
    .from(agreements)
    .innerJoin(agreementParties, eq(agreementParties.versionId, agreements.currentVersionId))
    .innerJoin(organisations, and(eq(organisations.id, agreementParties.orgId), eq(organisations.status, "active")))
    .innerJoin(memberships, and(eq(memberships.orgId, agreementParties.orgId), eq(memberships.role, "org_manager")))
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.status, "active")))
    .where(eq(agreements.id, agreementId));
  const admins = await tx
    .select(people)
    .from(memberships)
    .innerJoin(organisations, and(eq(organisations.id, memberships.orgId), eq(organisations.status, "active")))
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.status, "active")))
    .where(eq(memberships.role, "admin"));
  const byAddress = new Map<string, { email: string; name: string }>();
  for (const person of [...leads, ...admins]) byAddress.set(person.email.toLowerCase(), person);
  return [...byAddress.values()].sort((a, b) => a.email.localeCompare(b.email));
}

function reminderMessage(to: { email: string; name: string }, reminder: AgreementReminder, portalUrl: string | undefined): MailMessage {
  const when = longDate(reminder.date);
  const what = reminder.kind === "review" ? `is due for review on ${when}` : `ends on ${when}`;
  const next =
    reminder.kind === "review"
      ? "Review its terms with the other parties; an administrator can draft an amendment for them to sign."
      : "Unless a new agreement is signed, sharing under it stops when that day begins: it is in force up to the day before.";
  return {
    to: to.email,
    subject: `${reminder.reference} ${reminder.kind === "review" ? "review due" : "ends"} ${when}`,
    text: [
      `Hello ${to.name},`,
      "",
      `The data-sharing agreement ${reminder.reference} (${reminder.title}) ${what}.`,
      next,
      ...(portalUrl ? ["", new URL(`/agreements/${reminder.agreementId}`, portalUrl).toString()] : []),
      "",
      "You receive this because you are a partner lead of a party to the agreement, or a national administrator.",
    ].join("\n"),
  };
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
