import { sql } from "drizzle-orm";
import { withContext } from "@/db/context";
import { rowsOf, type Database } from "@/db/database";
import type { Mailer } from "@/lib/mail/transport";
import { verifyAndAnchor } from "./verification";
import type { ChainAnchor, ChainVerdict } from "./verify";

/**
 * The scheduled verification (the daily `audit.verify` job): a verification as the scheduler
 * (verified, anchored when intact, recorded: ./verification.ts), and on a break an e-mail to every
 * active auditor.
 */
export async function verifyAuditChainScheduled(
  db: Database,
  { mailer, portalUrl }: { mailer: Mailer | null; portalUrl: string | undefined },
): Promise<{ verdict: ChainVerdict; anchor: ChainAnchor | null; alerted: number; mailConfigured: boolean }> {
  const { verdict, anchor } = await verifyAndAnchor(db, {}, { actor: null, client: null });
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
