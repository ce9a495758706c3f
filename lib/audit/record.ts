import type { Database } from "@/db/database";
import { insertRows } from "@/db/bulk-insert";
import { auditEvents } from "@/db/schema";
import { validAddress } from "@/lib/http/client-address";
import { currentRequestId } from "@/lib/http/request-id";
import { isUuid } from "@/lib/uuid";
import type { AuditEvent } from "./events";

export { auditEvent, type AuditAction, type AuditEvent, type AuditSubject } from "./events";

/**
 * The one door to the audit log: every sign-in, failure, denied decision and change goes
 * through here, in the same transaction as the change it records. Build the event with
 * `auditEvent`. Each event names the request it came from: the writer takes the id of the request
 * being served when the event carries none, so no caller can leave it out.
 */
export async function recordAudit(db: Database, event: AuditEvent): Promise<void> {
  await recordAudits(db, [event]);
}

/** Many events in one statement, for bulk changes (each still gets its own row). */
export async function recordAudits(db: Database, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const ambient = events.some((event) => !event.requestId) ? await currentRequestId() : null;
  await insertRows(
    db,
    auditEvents,
    events.map((event) => ({
      action: event.action,
      outcome: event.outcome,
      actorUserId: event.actorUserId,
      actorOrgId: event.actorOrgId,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      // Only a real IP address is stored: never a forged or malformed string a caller sent.
      ipAddress: validAddress(event.ipAddress),
      requestId: validRequestId(event.requestId) ?? ambient,
      details: event.details,
    })),
  );
}

const validRequestId = (value: string | null | undefined) => (value && isUuid(value) ? value.toLowerCase() : null);
