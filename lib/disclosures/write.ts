import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import { affectedRows, type Database } from "@/db/database";
import { disclosures, disclosureThreatAreas, liveReference } from "@/db/schema";
import { recordAudit, type AuditEvent } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { Conflict } from "@/lib/errors";
import type { ParsedDisclosure } from "./parse";
import { hashPartnerReference } from "./partner-reference";
import { threatAreaCopy, toDisclosureRow } from "./rows";

/** A partner reference already names a live disclosure of the organisation: offer a correction instead. */
export class DuplicateReference extends Conflict {
  override name = "DuplicateReference";
  constructor(readonly existingId: string) {
    super("A disclosure with this partner reference already exists. Correct that disclosure instead of submitting it again.");
  }
}

export type Target = {
  id: string;
  status: "draft" | "submitted";
  existing: boolean;
  seriesId?: string;
  version?: number;
  supersedesId?: string;
  /** A correction without a reference of its own keeps the one it replaces. */
  keepReferenceHash?: string | null;
};

/**
 * Writes a disclosure and its threat areas, new or over the viewer's draft, refusing a duplicate
 * reference, and records `event` with them: the threat areas and the audit event go to the database
 * together, one round trip between them rather than one each.
 */
export async function write(tx: Database, viewer: Viewer, parsed: ParsedDisclosure, target: Target, now: Date, event: AuditEvent) {
  const referenceHash = parsed.partnerReference
    ? hashPartnerReference(viewer.organisation.id, parsed.partnerReference)
    : (target.keepReferenceHash ?? null);
  const { disclosure, threatAreas } = toDisclosureRow(parsed.values);
  const values = {
    ...disclosure,
    partnerReferenceHash: referenceHash,
    status: target.status,
    submittedAt: target.status === "submitted" ? now : null,
    updatedAt: now,
  };
  if (target.existing) {
    if (referenceHash) await refuseDuplicateReference(tx, viewer, referenceHash, target.id);
    await tx.update(disclosures).set(values).where(eq(disclosures.id, target.id));
    await tx.delete(disclosureThreatAreas).where(eq(disclosureThreatAreas.disclosureId, target.id));
  } else {
    // The unique index over live references is the check: a new row that would break it is not
    // inserted, and only then is the disclosure holding the reference looked up to name it.
    const inserted = await tx
      .insert(disclosures)
      .values({
        ...values,
        id: target.id,
        orgId: viewer.organisation.id,
        createdBy: viewer.userId,
        threatAreas: threatAreaCopy(threatAreas),
        seriesId: target.seriesId ?? target.id,
        version: target.version ?? 1,
        supersedesId: target.supersedesId ?? null,
        createdAt: now,
      })
      .onConflictDoNothing({ target: [disclosures.orgId, disclosures.partnerReferenceHash], where: liveReference(disclosures) });
    if (referenceHash && affectedRows(inserted) === 0) {
      await refuseDuplicateReference(tx, viewer, referenceHash, target.id);
      // The disclosure that held the reference stopped being live in between: nothing was written.
      throw new Conflict("Another disclosure with this partner reference was being written at the same time. Try again.");
    }
  }
  await Promise.all([
    threatAreas.length > 0 ? tx.insert(disclosureThreatAreas).values(threatAreas.map((area) => ({ ...area, disclosureId: target.id }))) : undefined,
    recordAudit(tx, event),
  ]);
}

async function refuseDuplicateReference(tx: Database, viewer: Viewer, referenceHash: string, selfId: string) {
  // The database also holds the rule (a unique index over live rows); this check names the existing one.
  const [existing] = await tx
    .select({ id: disclosures.id })
    .from(disclosures)
    .where(
      and(
        eq(disclosures.orgId, viewer.organisation.id),
        eq(disclosures.partnerReferenceHash, referenceHash),
        inArray(disclosures.status, ["draft", "submitted"]),
        ne(disclosures.id, selfId),
      ),
    );
  if (existing) throw new DuplicateReference(existing.id);
}
