import "server-only";
import { and, desc, eq, gt, gte, lt, sql, type SQL } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import { rowsOf, type Database } from "@/db/database";
import { auditChain, auditEvents, organisations, users } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import type { Viewer } from "@/lib/access/viewer";
import { isUuid } from "@/lib/uuid";
import { Invalid } from "@/lib/errors";
import { currentClient } from "@/lib/http/request";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from "@/lib/audit/events";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { enforceExportLimits } from "@/lib/http/rate-limit";
import { toCsv } from "@/lib/uploads/csv-write";
import { verifyAndAnchor } from "@/lib/audit/verification";
import type { ChainVerdict } from "@/lib/audit/verify";

/**
 * The auditor's view of the audit log (docs/security.md#audit-log): the events, filtered and
 * paged newest first, the chain's last verification, and verification on demand.
 */

export const AUDIT_PAGE_SIZE = 50;

export type AuditQuery = {
  filter: { from?: string; to?: string; actor?: string; organisation?: string; action?: AuditAction; outcome?: AuditOutcome };
  /** Keyset paging on the event number: the page of events before (older) or after (newer) it. */
  cursor?: { direction: "before" | "after"; seq: number };
};

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The query in a page's search parameters; anything malformed is refused by name (400). */
export function parseAuditQuery(params: Params): AuditQuery {
  const get = (name: string): string => {
    const raw = params instanceof URLSearchParams ? params.get(name) : params[name];
    return ((Array.isArray(raw) ? raw[0] : raw) ?? "").trim();
  };
  const errors: Record<string, string> = {};
  const filter: AuditQuery["filter"] = {};
  for (const [name, label] of [
    ["from", "From"],
    ["to", "To"],
  ] as const) {
    const value = get(name);
    if (!value) continue;
    if (isDay(value)) filter[name] = value;
    else errors[name] = `${label} date must be a real date, like 2026-03-31`;
  }
  if (filter.from && filter.to && filter.from > filter.to) errors.to = "To date must be the same as or after the From date";
  const actor = get("actor");
  if (actor) {
    if (actor.length > 320) errors.actor = "Actor must be an e-mail address or a user id of at most 320 characters";
    else filter.actor = actor;
  }
  const organisation = get("organisation");
  if (organisation) {
    if (isUuid(organisation)) filter.organisation = organisation;
    else errors.organisation = "Select an organisation from the list";
  }
  const action = get("action");
  if (action) {
    if ((AUDIT_ACTIONS as readonly string[]).includes(action)) filter.action = action as AuditAction;
    else errors.action = "Select an action from the list";
  }
  const outcome = get("outcome");
  if (outcome) {
    if ((AUDIT_OUTCOMES as readonly string[]).includes(outcome)) filter.outcome = outcome as AuditOutcome;
    else errors.outcome = "Select an outcome from the list";
  }
  let cursor: AuditQuery["cursor"];
  for (const direction of ["before", "after"] as const) {
    const value = get(direction);
    if (!value) continue;
    const seq = Number(value);
    if (!/^\d{1,15}$/.test(value) || !Number.isSafeInteger(seq) || seq < 1) errors.cursor = "That page of the audit log does not exist: start again from the first page";
    else if (cursor) errors.cursor = "Ask for the events before or after one event, not both";
    else cursor = { direction, seq };
  }
  if (Object.keys(errors).length > 0) throw new Invalid("There is a problem with the filters", errors);
  return { filter, ...(cursor ? { cursor } : {}) };
}

/** The query string of a query, for links to other pages of the same filter. */
export function auditQueryString({ filter }: AuditQuery, cursor?: AuditQuery["cursor"]): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  if (cursor) params.set(cursor.direction, String(cursor.seq));
  return params.toString();
}

type AuditRow = {
  seq: number;
  position: number | null;
  occurredAt: Date;
  action: string;
  outcome: AuditOutcome;
  actor: { id: string; email: string | null; name: string | null } | null;
  organisation: { id: string; name: string | null } | null;
  subject: { type: string; id: string } | null;
  ipAddress: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
};

export type AuditPage = { items: AuditRow[]; newer: number | null; older: number | null };

/** The condition for a filter, or null when it names an actor who does not exist (so nothing matches). */
async function filterCondition(tx: Database, filter: AuditQuery["filter"]): Promise<SQL | undefined | null> {
  let actorCondition: SQL | undefined;
  if (filter.actor) {
    if (isUuid(filter.actor)) actorCondition = eq(auditEvents.actorUserId, filter.actor);
    else {
      const found = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${filter.actor})`);
      if (found.length === 0) return null;
      actorCondition = eq(auditEvents.actorUserId, found[0]!.id);
    }
  }
  return and(
    filter.from ? gte(auditEvents.occurredAt, sql`(${filter.from}::date)::timestamp at time zone 'Europe/London'`) : undefined,
    filter.to ? lt(auditEvents.occurredAt, sql`(${filter.to}::date + 1)::timestamp at time zone 'Europe/London'`) : undefined,
    actorCondition,
    filter.organisation ? eq(auditEvents.actorOrgId, filter.organisation) : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    filter.outcome ? eq(auditEvents.outcome, filter.outcome) : undefined,
  );
}

/** Events with their chain position, actor and organisation, newest first unless asked otherwise. */
async function selectEvents(tx: Database, where: SQL | undefined, { newerFirst, limit }: { newerFirst: boolean; limit: number }): Promise<AuditRow[]> {
  const rows = await tx
    .select({
      event: auditEvents,
      position: auditChain.position,
      email: users.email,
      name: users.displayName,
      organisationName: organisations.name,
    })
    .from(auditEvents)
    .leftJoin(auditChain, eq(auditChain.eventSeq, auditEvents.seq))
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(organisations, eq(organisations.id, auditEvents.actorOrgId))
    .where(where)
    .orderBy(newerFirst ? desc(auditEvents.seq) : auditEvents.seq)
    .limit(limit);
  return rows.map(({ event, position, email, name, organisationName }) => ({
    seq: event.seq,
    position,
    occurredAt: event.occurredAt,
    action: event.action,
    outcome: event.outcome,
    actor: event.actorUserId ? { id: event.actorUserId, email, name } : null,
    organisation: event.actorOrgId ? { id: event.actorOrgId, name: organisationName } : null,
    subject: event.subjectType && event.subjectId ? { type: event.subjectType, id: event.subjectId } : null,
    ipAddress: event.ipAddress,
    requestId: event.requestId,
    details: event.details,
  }));
}

/** A page of the log, newest first, after the filters. */
export async function listAuditEvents(viewer: Viewer, query: AuditQuery): Promise<AuditPage> {
  await authorise(viewer, "audit.read");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const { filter, cursor } = query;
    const condition = await filterCondition(tx, filter);
    if (condition === null) return { items: [], newer: null, older: null };
    const newerFirst = cursor?.direction !== "after";
    const where = and(condition, cursor ? (cursor.direction === "before" ? lt(auditEvents.seq, cursor.seq) : gt(auditEvents.seq, cursor.seq)) : undefined);
    const rows = await selectEvents(tx, where, { newerFirst, limit: AUDIT_PAGE_SIZE + 1 });
    const more = rows.length > AUDIT_PAGE_SIZE;
    const items = rows.slice(0, AUDIT_PAGE_SIZE);
    if (!newerFirst) items.reverse();
    const first = items[0];
    const last = items.at(-1);
    const hasOlder = newerFirst ? more : true;
    const hasNewer = cursor === undefined ? false : newerFirst ? true : more;
    return { items, newer: hasNewer && first ? first.seq : null, older: hasOlder && last ? last.seq : null };
  });
}

/** The most events one export holds: a longer period is exported in parts, by date. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

/**
 * Every event the filters match, newest first, for an auditor's CSV download. It counts against
 * the auditor's and their organisation's hourly export limits like any export, and is itself
 * audited (`audit_log.exported`, with the filters, the count and the range of event numbers) in
 * the same transaction as the read.
 */
export async function exportAuditEvents(viewer: Viewer, query: AuditQuery, now = new Date()): Promise<AuditRow[]> {
  await authorise(viewer, "audit.read");
  await enforceExportLimits(viewer, now);
  const client = await currentClient();
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const condition = await filterCondition(tx, query.filter);
    const rows = condition === null ? [] : await selectEvents(tx, condition, { newerFirst: true, limit: AUDIT_EXPORT_MAX_ROWS + 1 });
    if (rows.length > AUDIT_EXPORT_MAX_ROWS) {
      throw new Invalid(`More than ${AUDIT_EXPORT_MAX_ROWS.toLocaleString("en-GB")} events match these filters: narrow the dates and export the period in parts.`, {
        from: "Choose a shorter period",
      });
    }
    await recordAudit(
      tx,
      auditEvent(viewer, "audit_log.exported", {
        client,
        details: { filter: query.filter, rows: rows.length, ...(rows.length > 0 ? { newest: rows[0]!.seq, oldest: rows.at(-1)!.seq } : {}) },
      }),
    );
    return rows;
  });
}

const EXPORT_COLUMNS = [
  "event",
  "chain_position",
  "time_utc",
  "action",
  "outcome",
  "actor_user_id",
  "actor_email",
  "actor_name",
  "organisation_id",
  "organisation_name",
  "subject_type",
  "subject_id",
  "client_address",
  "request_id",
  "details",
];

/** The export as CSV: one row an event, every cell escaped so a spreadsheet never runs one as a formula. */
export function auditEventsCsv(rows: readonly AuditRow[]): string {
  return toCsv([
    EXPORT_COLUMNS,
    ...rows.map((row) => [
      row.seq,
      row.position,
      row.occurredAt.toISOString(),
      row.action,
      row.outcome,
      row.actor?.id,
      row.actor?.email,
      row.actor?.name,
      row.organisation?.id,
      row.organisation?.name,
      row.subject?.type,
      row.subject?.id,
      row.ipAddress,
      row.requestId,
      JSON.stringify(row.details),
    ]),
  ]);
}

/** The organisations an auditor may filter by. */
export async function listAuditOrganisations(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  await authorise(viewer, "audit.read");
  return withContext(await getDatabase(), contextOf(viewer), (tx) => tx.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(organisations.name));
}

export type ChainStatus = {
  head: { position: number; hash: string };
  /** The newest recorded verification (scheduled or asked for), if any. */
  lastVerification: { at: Date; intact: boolean; checked: number; broken: ChainVerdict["broken"]; byScheduler: boolean } | null;
};

/** The chain's head and its last verification, as recorded in the log itself. */
export async function auditChainStatus(viewer: Viewer): Promise<ChainStatus> {
  await authorise(viewer, "audit.verify");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const [head] = rowsOf<{ position: string | number; hash: string }>(await tx.execute(sql`select position, hash from audit_chain_head`));
    const [last] = await tx
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} in ('audit.verified', 'audit.chain_broken')`)
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    return {
      head: { position: Number(head?.position ?? 0), hash: head?.hash ?? "" },
      lastVerification: last
        ? {
            at: last.occurredAt,
            intact: last.action === "audit.verified",
            checked: Number(last.details.checked ?? 0),
            broken: (last.details.broken as ChainVerdict["broken"]) ?? null,
            byScheduler: last.actorUserId === null,
          }
        : null,
    };
  });
}

/** When the latest verification (scheduled or asked for) found the chain broken: when, and where. */
export type ChainAlert = { verifiedAt: Date; message: string };

/**
 * The alert for administrators' and auditors' dashboards: the latest verification's verdict when
 * it was a break, else null. Read through app_audit_chain_alert, which gives nothing else of the log.
 */
export async function auditChainAlert(viewer: Viewer): Promise<ChainAlert | null> {
  await authorise(viewer, "audit.chain_alert");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const [row] = rowsOf<{ verified_at: string | Date; intact: boolean; message: string | null }>(await tx.execute(sql`select * from app_audit_chain_alert()`));
    if (!row || row.intact) return null;
    return { verifiedAt: new Date(row.verified_at), message: row.message ?? "The audit log's hash chain did not verify." };
  });
}

/**
 * Verifies the whole chain now, for an auditor, as the daily verification does: the head found
 * intact is anchored, and the verdict recorded in the log as the auditor's.
 */
export async function verifyAuditChainNow(viewer: Viewer): Promise<ChainVerdict> {
  await authorise(viewer, "audit.verify");
  const { verdict } = await verifyAndAnchor(await getDatabase(), contextOf(viewer), { actor: viewer, client: await currentClient() });
  return verdict;
}
