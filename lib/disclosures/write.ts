import "server-only";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Database } from "@/db/database";
import { disclosures, disclosureThreatAreas } from "@/db/schema";
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

/** Writes a disclosure and its threat areas, new or over the viewer's draft, refusing a duplicate reference. */
export async function write(tx: Database, viewer: Viewer, parsed: ParsedDisclosure, target: Target, now: Date) {
  const referenceHash = parsed.partnerReference
    ? hashPartnerReference(viewer.organisation.id, parsed.partnerReference)
    : (target.keepReferenceHash ?? null);
  if (referenceHash) await refuseDuplicateReference(tx, viewer, referenceHash, target.id);
  const { disclosure, threatAreas } = toDisclosureRow(parsed.values);
  const values = {
    ...disclosure,
    partnerReferenceHash: referenceHash,
    status: target.status,
    submittedAt: target.status === "submitted" ? now : null,
    updatedAt: now,
  };
  if (target.existing) {
    await tx.update(disclosures).set(values).where(eq(disclosures.id, target.id));
    await tx.delete(disclosureThreatAreas).where(eq(disclosureThreatAreas.disclosureId, target.id));
  } else {
    await tx.insert(disclosures).values({
      ...values,
      id: target.id,
      orgId: viewer.organisation.id,
      createdBy: viewer.userId,
      threatAreas: threatAreaCopy(threatAreas),
      seriesId: target.seriesId ?? target.id,
      version: target.version ?? 1,
      supersedesId: target.supersedesId ?? null,
      createdAt: now,
    });
  }
  if (threatAreas.length > 0) {
    await tx.insert(disclosureThreatAreas).values(threatAreas.map((area) => ({ ...area, disclosureId: target.id })));
  }
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

