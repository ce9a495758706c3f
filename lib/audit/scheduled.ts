import { sql } from "drizzle-orm";
import { withContext } from "@/db/context";
import { rowsOf, type Database } from "@/db/database";
import type { Mailer } from "@/lib/mail/transport";
import { auditEvent, type AuditActor } from "./events";
import { recordAudit } from "./record";
import { log } from "@/lib/log";
import { anchorHead, verifyChain, type ChainAnchor, type ChainVerdict } from "./verify";

/** The audit event recording a verification: `audit.verified`, or `audit.chain_broken` naming the break. */
export function verdictEvent(actor: AuditActor, verdict: ChainVerdict, client: { ipAddress: string } | null = null, anchor: ChainAnchor | null = null) {
  return auditEvent(actor, verdict.intact ? "audit.verified" : "audit.chain_broken", {
    outcome: verdict.intact ? "success" : "failure",
    client,
    details: { checked: verdict.checked, head: verdict.head, ...(anchor ? { anchor } : {}), ...(verdict.broken ? { broken: verdict.broken } : {}) },
  });
}

/**
 * The scheduled verification (the daily `audit.verify` job): verifies the whole chain as the
 * scheduler, anchors the head it found intact (in audit_chain_anchors and as a line in the portal's
 * log, outside the database), records the verdict in the audit log, and on a break e-mails every
 * active auditor.
 */
export async function verifyAuditChainScheduled(
  db: Database,
  { mailer, portalUrl }: { mailer: Mailer | null; portalUrl: string | undefined },
): Promise<{ verdict: ChainVerdict; anchor: ChainAnchor | null; alerted: number; mailConfigured: boolean }> {
  const verdict = await verifyChain(db, {});
  const anchor = await anchorHead(db, {}, verdict);
  if (anchor) log.info({ job: "audit.verify", anchor }, "Audit chain anchored");
  else if (!verdict.intact) log.error({ job: "audit.verify", head: verdict.head, broken: verdict.broken }, "Audit chain broken");
  await withContext(db, {}, (tx) => recordAudit(tx, verdictEvent(null, verdict, null, anchor)));
  if (verdict.intact || !mailer) return { verdict, anchor, alerted: 0, mailConfigured: mailer !== null };
  const auditors = await withContext(db, {}, async (tx) => rowsOf<{ email: string; display_name: string }>(await tx.execute(sql`select email, display_name from app_audit_alert_recipients()`)));
  const broken = verdict.broken;
  for (const auditor of auditors) {
    await mailer.send({
      to: auditor.email,
      subject: "Audit log: the hash chain is broken",
      text: [
        `Hello ${auditor.display_name},`,
        "",
        "The scheduled verification of the portal's audit log found a break in its hash chain.",
        broken ? broken.message : "",
        broken ? `Link ${broken.position}${broken.eventSeq === null ? "" : `, audit event ${broken.eventSeq}`}: expected ${broken.expected}, found ${broken.found}.` : "",
        "",
        "Someone may have changed or removed audit records directly in the database. Investigate before anything else changes.",
        ...(portalUrl ? ["", new URL("/audit", portalUrl).toString()] : []),
        "",
        "You receive this because you are an auditor of the portal.",
      ].join("\n"),
    });
  }
  return { verdict, anchor, alerted: auditors.length, mailConfigured: true };
}
