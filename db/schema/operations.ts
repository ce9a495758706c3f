import { date, index, integer, pgEnum, pgTable, primaryKey, text, uuid, varchar } from "drizzle-orm/pg-core";
import { agreements } from "./agreements";
import { createdAt, moment, updatedAt } from "./columns";
import { threatArea } from "./disclosures";
import { organisations } from "./organisations";
import { localAuthorities, policeForceAreas } from "./reference";

// What running the portal keeps: the scheduled jobs' state, the reminders already sent, and the
// counts that outlive purged disclosures (docs/architecture.md#scheduled-jobs).

/**
 * One row per scheduled job (lib/jobs/runner.ts): when it next runs, and who holds it while it
 * runs. An instance claims a due job by setting `locked_until` in one UPDATE, so of several
 * portal instances exactly one runs it; a lease that ran out (its instance died) may be taken over.
 */
export const scheduledJobs = pgTable("scheduled_jobs", {
  name: text().primaryKey(),
  nextRunAt: moment().notNull(),
  lockedUntil: moment(),
  lockedBy: text(),
  /** Failures in a row since the last success; retried with a growing delay. */
  attempts: integer().notNull().default(0),
  lastStartedAt: moment(),
  lastFinishedAt: moment(),
  lastOutcome: text(),
  /** The last failure's message, never a stack or query parameters. */
  lastError: text(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const reminderKind = pgEnum("reminder_kind", ["review", "expiry"]);

/** A reminder e-mailed for an agreement's review or end date: each date is reminded of once. */
export const agreementReminders = pgTable(
  "agreement_reminders",
  {
    agreementId: uuid()
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    kind: reminderKind().notNull(),
    /** The review or end date reminded of; a new date (an amendment) is reminded of again. */
    dueDate: date({ mode: "string" }).notNull(),
    recipients: integer().notNull(),
    sentAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.kind, t.dueDate] })],
);

/**
 * Submitted disclosures counted before the retention job deleted them, by organisation, month,
 * threat area and place, so that counts over time survive the records (docs/data-model.md#retention).
 */
export const retainedDisclosureCounts = pgTable(
  "retained_disclosure_counts",
  {
    orgId: uuid()
      .notNull()
      .references(() => organisations.id),
    month: date({ mode: "string" }).notNull(),
    threatArea: threatArea().notNull(),
    forceAreaCode: varchar({ length: 9 })
      .notNull()
      .references(() => policeForceAreas.code),
    ladCode: varchar({ length: 9 })
      .notNull()
      .references(() => localAuthorities.code),
    count: integer().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.month, t.threatArea, t.forceAreaCode, t.ladCode] }), index().on(t.forceAreaCode, t.month)],
);
