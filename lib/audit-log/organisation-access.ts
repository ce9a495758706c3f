import "server-only";
import { inArray, sql } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import { rowsOf } from "@/db/database";
import { agreements } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import type { Viewer } from "@/lib/access/viewer";
import { Invalid } from "@/lib/errors";

/**
 * Who read the partner lead's organisation's shared records (docs/security.md#audit-log): every
 * record view, list page, API page and export by a recipient, with how many of the organisation's
 * records it held and under which agreements, newest first. Read through
 * app_organisation_access_log, which gives out only the organisation's own share of each event.
 */

const ACCESS_PAGE_SIZE = 50;

export type AccessEvent = {
  seq: number;
  occurredAt: Date;
  action: "shared_disclosure.viewed" | "shared_disclosures.listed" | "shared_disclosures.exported";
  actor: { id: string; name: string | null } | null;
  organisation: { id: string; name: string | null } | null;
  records: number;
  agreements: { id: string; reference: string | null }[];
};

export type AccessPage = { items: AccessEvent[]; older: number | null };

/** The `before` search parameter: an event number, or nothing for the newest page; anything else is refused. */
export function parseAccessCursor(value: string | string[] | undefined): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  const seq = Number(text);
  if (!/^\d{1,15}$/.test(text) || !Number.isSafeInteger(seq) || seq < 1) {
    throw new Invalid("That page of the access log does not exist: start again from the first page", { before: "That page of the access log does not exist" });
  }
  return seq;
}

type Row = {
  seq: string | number;
  occurred_at: Date | string;
  action: AccessEvent["action"];
  actor_user_id: string | null;
  actor_name: string | null;
  actor_org_id: string | null;
  actor_org_name: string | null;
  records: number;
  agreement_ids: string[] | null;
};

export async function listOrganisationAccess(viewer: Viewer, before?: number): Promise<AccessPage> {
  await authorise(viewer, "audit.read_org_access");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const rows = rowsOf<Row>(await tx.execute(sql`select * from app_organisation_access_log(${before ?? null}::bigint, ${ACCESS_PAGE_SIZE + 1}::integer)`));
    const page = rows.slice(0, ACCESS_PAGE_SIZE);
    const agreementIds = [...new Set(page.flatMap((row) => row.agreement_ids ?? []))];
    // The organisation is party to each of these agreements, so row-level security lets its lead read them.
    const references = new Map(
      agreementIds.length === 0
        ? []
        : (await tx.select({ id: agreements.id, reference: agreements.reference }).from(agreements).where(inArray(agreements.id, agreementIds))).map((row) => [row.id, row.reference] as const),
    );
    const items = page.map((row) => ({
      seq: Number(row.seq),
      occurredAt: new Date(row.occurred_at),
      action: row.action,
      actor: row.actor_user_id ? { id: row.actor_user_id, name: row.actor_name } : null,
      organisation: row.actor_org_id ? { id: row.actor_org_id, name: row.actor_org_name } : null,
      records: Number(row.records),
      agreements: (row.agreement_ids ?? []).map((id) => ({ id, reference: references.get(id) ?? null })),
    }));
    return { items, older: rows.length > ACCESS_PAGE_SIZE ? (items.at(-1)?.seq ?? null) : null };
  });
}
