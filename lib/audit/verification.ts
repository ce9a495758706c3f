import { withContext, type DbContext } from "@/db/context";
import type { Database } from "@/db/database";
import { log } from "@/lib/log";
import { auditEvent, type AuditActor } from "./events";
import { recordAudit } from "./record";
import { anchorHead, verifyChain, type ChainAnchor, type ChainVerdict } from "./verify";

/** The audit event recording a verification: `audit.verified` (with the anchor it took), or `audit.chain_broken` naming the break. */
function verdictEvent(actor: AuditActor, verdict: ChainVerdict, client: { ipAddress: string } | null, anchor: ChainAnchor | null) {
  return auditEvent(actor, verdict.intact ? "audit.verified" : "audit.chain_broken", {
    outcome: verdict.intact ? "success" : "failure",
    client,
    details: { checked: verdict.checked, head: verdict.head, ...(anchor ? { anchor } : {}), ...(verdict.broken ? { broken: verdict.broken } : {}) },
  });
}

/**
 * One verification of the audit chain, the daily job's (as the scheduler: no actor, no context)
 * or an auditor's from the audit page (docs/security.md#verification): verifies the whole chain
 * under `context`, anchors the head it found intact (in audit_chain_anchors and as a line in the
 * portal's log, outside the database), logs an error line on a break, and records the verdict in
 * the audit log. A chain found broken is anchored nowhere. The log lines name the job, or the
 * auditor who asked.
 */
export async function verifyAndAnchor(
  db: Database,
  context: DbContext,
  { actor, client }: { actor: AuditActor; client: { ipAddress: string } | null },
): Promise<{ verdict: ChainVerdict; anchor: ChainAnchor | null }> {
  const by = actor ? { userId: actor.userId } : { job: "audit.verify" };
  const verdict = await verifyChain(db, context);
  const anchor = await anchorHead(db, context, verdict);
  if (anchor) log.info({ ...by, anchor }, "Audit chain anchored");
  else if (!verdict.intact) log.error({ ...by, head: verdict.head, broken: verdict.broken }, "Audit chain broken");
  await withContext(db, context, (tx) => recordAudit(tx, verdictEvent(actor, verdict, client, anchor)));
  return { verdict, anchor };
}
