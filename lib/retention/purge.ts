import { sql } from "drizzle-orm";
import { withContext } from "@/db/context";
import { rowsOf, type Database } from "@/db/database";
import { auditEvent, recordAudit } from "@/lib/audit/record";

/**
 * Rejected uploads are kept this many days after the upload was refused, dealt with or not
 * (docs/data-model.md#retention): a quarter, three monthly upload cycles to fix the file and send
 * it again; after that its error report has served, and the audit log still records the refusal.
 */
export const REJECTED_UPLOAD_DAYS = 90;

export type PurgeCertificate = {
  /** Disclosures deleted per organisation and disclosure month; `counted` of them were submitted and kept as counts. */
  purged: { orgId: string; month: string; deleted: number; counted: number }[];
  total: number;
  /** Rejected uploads deleted per organisation, and in all. */
  rejectedUploads: { purged: { orgId: string; deleted: number }[]; total: number };
};

/**
 * The retention job (docs/data-model.md#retention): deletes the disclosures whose retention has
 * run out, after folding the submitted ones into retained_disclosure_counts, through
 * app_purge_expired_disclosures(), and the rejected uploads refused more than REJECTED_UPLOAD_DAYS
 * ago, through app_purge_rejected_uploads(), both as the scheduler (no role), and records the
 * deletion certificate — what was deleted, per organisation (and month), and by which rule — in
 * the audit log in the same transaction. A run with nothing to purge still records its certificate.
 */
export async function purgeExpired(db: Database, { defaultMonths }: { defaultMonths: number }): Promise<PurgeCertificate> {
  return withContext(db, {}, async (tx) => {
    const rows = rowsOf<{ purged_org_id: string; purged_month: string | Date; deleted: number; counted: number }>(
      await tx.execute(sql`select purged_org_id, purged_month::text as purged_month, deleted, counted from app_purge_expired_disclosures(${defaultMonths}::integer)`),
    );
    const purged = rows.map((row) => ({ orgId: row.purged_org_id, month: String(row.purged_month), deleted: Number(row.deleted), counted: Number(row.counted) }));
    const rejected = rowsOf<{ purged_org_id: string; deleted: number }>(
      await tx.execute(sql`select purged_org_id, deleted from app_purge_rejected_uploads(${REJECTED_UPLOAD_DAYS}::integer)`),
    ).map((row) => ({ orgId: row.purged_org_id, deleted: Number(row.deleted) }));
    const certificate = {
      purged,
      total: sum(purged),
      rejectedUploads: { purged: rejected, total: sum(rejected) },
    };
    await recordAudit(
      tx,
      auditEvent(null, "retention.purged", {
        details: {
          ...certificate,
          rule: {
            retention: "the longest retention_months of any signed or superseded agreement version naming the organisation as a provider",
            defaultMonths,
            measuredFrom: "the end of the disclosure month",
            series: "a correction series is deleted whole, once every version is past its retention and none is a draft",
            rejectedUploadDays: REJECTED_UPLOAD_DAYS,
            rejectedUploads: "a rejected upload is deleted once that many days have passed since the upload was refused, whether or not it was dealt with",
          },
        },
      }),
    );
    return certificate;
  });
}

function sum(rows: { deleted: number }[]): number {
  return rows.reduce((total, row) => total + row.deleted, 0);
}
