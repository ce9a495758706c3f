import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import { disclosures } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { hashPartnerReference } from "@/lib/disclosures/partner-reference";
import { disclosureParser, type ParsedDisclosure } from "@/lib/disclosures/parse";
import { submitParsedBatch } from "@/lib/disclosures/service";
import { checkDisclosureHeader, columnOfPath, rowToInput } from "./disclosure-columns";
import type { UploadEvent } from "./events";
import { recordRejection, resolveRejections } from "./rejected";
import { UploadReport, readUpload, type UploadOptions } from "./upload-file";

type Row = { row: number; parsed: ParsedDisclosure; referenceHash: string | null };

/**
 * Rows written per statement, and between progress reports. Each statement carries its rows as one
 * JSON parameter (db/bulk-insert.ts), and its statement triggers (the threat-area copy, the insight
 * change log) run once for all of them, so larger statements save faster; a thousand rows keep the
 * progress bar moving every second or so.
 */
const SAVE_BATCH = 1_000;

/**
 * Imports a CSV of disclosures for the viewer's organisation (partner leads only), all or nothing.
 * Every row is checked with the submission schema (the personal-data scan included) while the file
 * streams in; any error and nothing is saved, every error is reported by row and column. Otherwise
 * every row is submitted in one transaction. A row whose partner reference already names a live
 * disclosure of the organisation is skipped as already submitted, so a file uploaded twice adds nothing.
 * A refused file is kept (without its cells) for the dashboard until a later upload succeeds.
 */
export async function importDisclosures(viewer: Viewer, stream: ReadableStream<Uint8Array>, options: UploadOptions = {}): Promise<UploadEvent & { phase: "done" | "failed" }> {
  await authorise(viewer, "disclosures.upload");
  const now = options.now ?? new Date();
  const report = new UploadReport();
  const rows: Row[] = [];
  const references = new Map<string, number>();
  const parseRow = disclosureParser("submit", now);

  const read = await readUpload(stream, report, options, {
    checkHeader: checkDisclosureHeader,
    row: (line, cells) => {
      const { input, errors } = rowToInput(cells);
      for (const error of errors) report.add({ row: line, ...error });
      const result = parseRow(input);
      if (!result.ok) {
        for (const [path, message] of Object.entries(result.fieldErrors)) report.add({ row: line, column: columnOfPath(path), message });
        return;
      }
      const parsed = result.parsed;
      if (errors.length > 0) return;
      const reference = parsed.partnerReference;
      if (reference !== undefined) {
        const earlier = references.get(reference);
        if (earlier !== undefined) {
          report.add({ row: line, column: "partner_reference", message: `The same partner reference is on row ${earlier}: give each disclosure its own` });
          return;
        }
        references.set(reference, line);
      }
      rows.push({ row: line, parsed, referenceHash: reference === undefined ? null : hashPartnerReference(viewer.organisation.id, reference) });
    },
  });
  if (read.phase === "failed") {
    await recordRejection(viewer, "disclosures", options.fileName, read, now);
    return read;
  }

  const saved = await withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const existing = new Set<string>();
    const hashes = rows.flatMap((row) => (row.referenceHash ? [row.referenceHash] : []));
    for (let i = 0; i < hashes.length; i += 1_000) {
      const found = await tx
        .select({ hash: disclosures.partnerReferenceHash })
        .from(disclosures)
        // One array parameter (the hashes are hex), not a thousand.
        .where(and(eq(disclosures.orgId, viewer.organisation.id), inArray(disclosures.status, ["draft", "submitted"]), sql`${disclosures.partnerReferenceHash} = any(${`{${hashes.slice(i, i + 1_000).join(",")}}`}::text[])`));
      for (const { hash } of found) if (hash) existing.add(hash);
    }
    const toAdd = rows.filter((row) => !row.referenceHash || !existing.has(row.referenceHash));
    const alreadySubmitted = rows.filter((row) => row.referenceHash && existing.has(row.referenceHash)).map((row) => row.row);
    let added = 0;
    for (let start = 0; start < toAdd.length; start += SAVE_BATCH) {
      const batch = toAdd.slice(start, start + SAVE_BATCH);
      added += (await submitParsedBatch(tx, viewer, batch.map((row) => row.parsed), now)).length;
      await options.onProgress?.({ phase: "saving", saved: added, total: toAdd.length });
    }
    await resolveRejections(tx, viewer, "disclosures", now);
    await recordAudit(tx, auditEvent(viewer, "disclosure.bulk_uploaded", { subject: { type: "organisation", id: viewer.organisation.id }, details: { rows: rows.length, added, alreadySubmitted: alreadySubmitted.length } }));
    return { added, alreadySubmitted: alreadySubmitted.sort((a, b) => a - b) };
  });
  return { phase: "done", rows: rows.length, added: saved.added, updated: 0, alreadySubmitted: saved.alreadySubmitted };
}

