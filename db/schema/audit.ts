import { bigint, index, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { moment } from "./columns";

export const auditOutcome = pgEnum("audit_outcome", ["success", "failure", "denied"]);

/**
 * The audit log: who did what, to what, and how it ended. Rows carry no foreign keys so they
 * outlive what they describe; each row's hash covers the previous one's, making a chain.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: moment().notNull().defaultNow(),
    actorUserId: uuid(),
    actorOrgId: uuid(),
    action: text().notNull(),
    outcome: auditOutcome().notNull(),
    subjectType: text(),
    subjectId: text(),
    ipAddress: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text(),
    hash: text(),
  },
  (t) => [index().on(t.actorUserId, t.occurredAt), index().on(t.subjectType, t.subjectId)],
);
