import type { Database } from "@/db/database";
import { auditEvents } from "@/db/schema";

export type AuditEvent = {
  action: string;
  outcome: "success" | "failure" | "denied";
  actorUserId?: string | null;
  actorOrgId?: string | null;
  subjectType?: string;
  subjectId?: string;
  ipAddress?: string | null;
  /** Never disclosure text, passwords, codes, tokens or session ids. */
  details?: Record<string, unknown>;
};

/**
 * The one door to the audit log: every sign-in, failure, denied decision and change goes
 * through here, in the same transaction as the change it records.
 */
export async function recordAudit(db: Database, event: AuditEvent): Promise<void> {
  await recordAudits(db, [event]);
}

/** Many events in one statement, for bulk changes (each still gets its own row). */
export async function recordAudits(db: Database, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.insert(auditEvents).values(
    events.map((event) => ({
      action: event.action,
      outcome: event.outcome,
      actorUserId: event.actorUserId ?? null,
      actorOrgId: event.actorOrgId ?? null,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      ipAddress: event.ipAddress ?? null,
      details: event.details ?? {},
    })),
  );
}
