import { sql } from "drizzle-orm";
import { withContext } from "@/db/context";
import { rowsOf, type Database } from "@/db/database";
import type { Asker } from "@/lib/access/authorise";
import { auditEvent, recordAudits } from "@/lib/audit/record";

export type Expired = { agreementId: string; reference: string };

/**
 * Records as expired the agreements whose end date has come (UK day), inside the caller's
 * transaction: the scheduler's (no user, no role) or an administrator's, which is all
 * app_expire_agreements() allows. Access ended at the end date already
 * (docs/access.md#agreement-access-rule); this makes the status say so. Each expiry is audited in
 * the same transaction, as the administrator's act or the scheduler's.
 */
export async function expireDueAgreements(tx: Database, actor: Asker | null): Promise<Expired[]> {
  const expired = rowsOf<{ agreement_id: string; reference: string }>(await tx.execute(sql`select agreement_id, reference from app_expire_agreements()`));
  await recordAudits(
    tx,
    expired.map((row) =>
      auditEvent(actor, "agreement.expired", {
        subject: { type: "agreement", id: row.agreement_id },
        details: { reference: row.reference, by: actor ? "administrator" : "scheduler" },
      }),
    ),
  );
  return expired.map((row) => ({ agreementId: row.agreement_id, reference: row.reference }));
}

/** The scheduler's daily run: expiry with no user and no role. */
export function expireAgreements(db: Database): Promise<Expired[]> {
  return withContext(db, {}, (tx) => expireDueAgreements(tx, null));
}
