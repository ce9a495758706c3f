import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { rejectedUploads } from "@/db/schema";
import { contextOf } from "@/lib/access/guard";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { NotFound } from "@/lib/errors";
import { toCsv } from "./csv-write";
import { errorReportRows, type UploadEvent } from "./events";

/** The kinds of CSV upload whose refusals are kept. */
export type UploadKind = "disclosures" | "recorded_crime";

/** At most this many errors of a refused file are kept for its report; the count says how many there were. */
const KEPT_ERRORS = 100;

const KIND_NAMES: Record<UploadKind, string> = { disclosures: "disclosures", recorded_crime: "recorded-crime returns" };

/** A refused upload still waiting on its uploader, as the dashboard lists it. */
export type OpenRejection = { id: string; kind: UploadKind; kindName: string; fileName: string; message: string; errorCount: number; createdAt: Date };

type Failed = Extract<UploadEvent, { phase: "failed" }>;

/** A file name fit to show and keep: its last path part, printable characters only, 255 at most. */
function cleanFileName(name: string | null | undefined): string {
  const last = (name ?? "").split(/[\\/]/).pop() ?? "";
  const printable = last.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return printable || "upload.csv";
}

/**
 * Keeps a refused upload for the viewer's organisation, with the place and message of its first
 * errors (never the cells, which may hold personal data), and audits it.
 */
export async function recordRejection(viewer: Viewer, kind: UploadKind, fileName: string | undefined, failed: Failed, now: Date): Promise<void> {
  await withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const [row] = await tx
      .insert(rejectedUploads)
      .values({
        orgId: viewer.organisation.id,
        uploadedBy: viewer.userId,
        kind,
        fileName: cleanFileName(fileName),
        message: failed.message,
        errorCount: Math.max(failed.errorCount, failed.errors.length),
        errors: failed.errors.slice(0, KEPT_ERRORS).map(({ row, column, message }) => ({ row, column, message })),
        createdAt: now,
      })
      .returning({ id: rejectedUploads.id });
    await recordAudit(tx, auditEvent(viewer, "upload.rejected", { subject: { type: "organisation", id: viewer.organisation.id }, details: { rejectedUploadId: row!.id, kind, errors: failed.errorCount } }));
  });
}

/** A successful upload deals with the organisation's refused uploads of the same kind; inside its own transaction. */
export async function resolveRejections(tx: Database, viewer: Viewer, kind: UploadKind, now: Date): Promise<void> {
  await tx
    .update(rejectedUploads)
    .set({ resolvedAt: now, resolution: "succeeded" })
    .where(and(eq(rejectedUploads.orgId, viewer.organisation.id), eq(rejectedUploads.kind, kind), isNull(rejectedUploads.resolvedAt)));
}

/** The refused uploads the viewer may see (their own; a partner lead's organisation's) not yet dealt with, newest first. */
export async function listOpenRejections(viewer: Viewer): Promise<OpenRejection[]> {
  const rows = await withContext(await getDatabase(), contextOf(viewer), (tx) =>
    tx
      .select({ id: rejectedUploads.id, kind: rejectedUploads.kind, fileName: rejectedUploads.fileName, message: rejectedUploads.message, errorCount: rejectedUploads.errorCount, createdAt: rejectedUploads.createdAt })
      .from(rejectedUploads)
      .where(and(eq(rejectedUploads.orgId, viewer.organisation.id), isNull(rejectedUploads.resolvedAt)))
      .orderBy(desc(rejectedUploads.createdAt)),
  );
  return rows.map((row) => ({ ...row, kindName: KIND_NAMES[row.kind] }));
}

/** Marks a refused upload as dealt with by the viewer; one they cannot see does not exist. */
export async function dismissRejection(viewer: Viewer, id: string, now = new Date()): Promise<void> {
  await withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const dismissed = await tx
      .update(rejectedUploads)
      .set({ resolvedAt: now, resolution: "dismissed" })
      .where(and(eq(rejectedUploads.id, id), eq(rejectedUploads.orgId, viewer.organisation.id), isNull(rejectedUploads.resolvedAt)))
      .returning({ id: rejectedUploads.id });
    if (dismissed.length === 0) throw new NotFound("That rejected upload was not found, or has already been dealt with.");
    await recordAudit(tx, auditEvent(viewer, "rejected_upload.dismissed", { subject: { type: "organisation", id: viewer.organisation.id }, details: { rejectedUploadId: id } }));
  });
}

/** The kept error report of a refused upload as CSV (row, column, message), safe to open in a spreadsheet. */
export async function rejectionReportCsv(viewer: Viewer, id: string): Promise<{ csv: string; fileName: string }> {
  const [row] = await withContext(await getDatabase(), contextOf(viewer), (tx) =>
    tx.select({ errors: rejectedUploads.errors, fileName: rejectedUploads.fileName, message: rejectedUploads.message }).from(rejectedUploads).where(eq(rejectedUploads.id, id)),
  );
  if (!row) throw new NotFound("That rejected upload was not found.");
  const errors = row.errors.length > 0 ? row.errors : [{ row: null, column: "", message: row.message }];
  return { csv: toCsv(errorReportRows(errors)), fileName: `errors-${row.fileName.replace(/\.csv$/i, "").replace(/[^A-Za-z0-9_.-]/g, "_")}.csv` };
}
