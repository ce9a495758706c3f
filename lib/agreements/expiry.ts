import { sql } from "drizzle-orm";
import { withContext } from "@/db/context";
import { rowsOf, type Database } from "@/db/database";
import { auditEvent, recordAudits } from "@/lib/audit/record";

/**
 * Records as expired the agreements whose end date has come (UK day), as the scheduler: no user
 * and no role, which app_expire_agreements() allows. Access ended at the end date already
 * (docs/access.md#agreement-access-rule); this makes the status say so. Each expiry is audited in
 * the same transaction. Returns what expired.
 */
export async function expireAgreements(db: Database): Promise<{ agreementId: string; reference: string }[]> {
  return withContext(db, {}, async (tx) => {
    const expired = rowsOf<{ agreement_id: string; reference: string }>(await tx.execute(sql`select agreement_id, reference from app_expire_agreements()`));
    await recordAudits(
      tx,
      expired.map((row) =>
        auditEvent(null, "agreement.expired", { subject: { type: "agreement", id: row.agreement_id }, details: { reference: row.reference, by: "scheduler" } }),
      ),
    );
    return expired.map((row) => ({ agreementId: row.agreement_id, reference: row.reference }));
  });
}
