import "server-only";
import { and, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/database";
import { disclosures, disclosureThreatAreas } from "@/db/schema";
import { can } from "@/lib/access/permissions";
import { isUuid } from "@/lib/uuid";
import type { Viewer } from "@/lib/auth/viewer";
import { Conflict, NotFound } from "@/lib/errors";
import type { ThreatArea } from "@/lib/taxonomy";
import type { DisclosureSummary } from "./types";

/** The queries the disclosures service shares: who sees which rows, and the rows it acts on. */

/** Caseworkers see the series they started (drafts only their own); partner leads every series, drafts only their own. */
export function visibleTo(viewer: Viewer): SQL | undefined {
  const ownDrafts = or(ne(disclosures.status, "draft"), eq(disclosures.createdBy, viewer.userId));
  if (can(viewer.role, "disclosures.read_org")) return ownDrafts;
  return and(
    ownDrafts,
    sql`${disclosures.seriesId} in (select d.series_id from disclosures d where d.created_by = ${viewer.userId} and d.version = 1)`,
  );
}

/** The viewer's own draft of a new disclosure; a correction in progress is not one (it is submitted as a correction). */
export async function ownDraft(tx: Database, viewer: Viewer, id: string) {
  if (!isUuid(id)) throw new NotFound("No such draft.");
  const [row] = await tx
    .select({ id: disclosures.id })
    .from(disclosures)
    .where(
      and(
        eq(disclosures.id, id),
        eq(disclosures.orgId, viewer.organisation.id),
        eq(disclosures.status, "draft"),
        eq(disclosures.createdBy, viewer.userId),
        isNull(disclosures.supersedesId),
      ),
    );
  if (!row) throw new NotFound("No such draft.");
  return row;
}

export async function currentSubmitted(tx: Database, viewer: Viewer, id: string) {
  if (!isUuid(id)) throw new NotFound("No such disclosure.");
  const [row] = await tx
    .select()
    .from(disclosures)
    .where(and(eq(disclosures.id, id), eq(disclosures.orgId, viewer.organisation.id), visibleTo(viewer)));
  if (!row) throw new NotFound("No such disclosure.");
  if (row.status !== "submitted") throw new Conflict("Only the current submitted version of a disclosure can be corrected or withdrawn.");
  return row;
}

export async function threatAreasOf(tx: Database, ids: string[]): Promise<Map<string, ThreatArea[]>> {
  const map = new Map<string, ThreatArea[]>();
  if (ids.length === 0) return map;
  const rows = await tx.select().from(disclosureThreatAreas).where(inArray(disclosureThreatAreas.disclosureId, ids));
  for (const row of rows) map.set(row.disclosureId, [...(map.get(row.disclosureId) ?? []), row.threatArea]);
  return map;
}

export function summarise(row: typeof disclosures.$inferSelect, createdByName: string | null, threatAreas: ThreatArea[]): DisclosureSummary {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    disclosureMonth: row.disclosureMonth?.slice(0, 7) ?? null,
    threatAreas,
    ladCode: row.ladCode,
    createdByName,
    submittedAt: row.submittedAt,
    updatedAt: row.updatedAt,
  };
}

