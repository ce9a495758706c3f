import "server-only";
import { and, asc, eq, getTableColumns, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import { inIndexOrder } from "@/db/planner";
import type { Database } from "@/db/database";
import { agreements, disclosures, disclosureThreatAreas, organisations } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import type { OrganisationType } from "@/lib/access/organisation-types";
import type { Viewer } from "@/lib/access/viewer";
import { agreementDay, listGrants, visibleDisclosuresCondition, visibleThreatAreasCondition, type Grant } from "@/lib/access/visibility";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { isUuid } from "@/lib/uuid";
import { toDisclosureInput } from "@/lib/disclosures/rows";
import { Invalid, NotFound } from "@/lib/errors";
import { forceAreaOfLocalAuthority, listLocalAuthoritiesInForceArea } from "@/lib/reference";
import { SHAREABLE_FIELDS, type DisclosureField, type ThreatArea } from "@/lib/taxonomy";
import { encodeCursor, type SharedCursor, type SharedQuery, type SharedSort } from "./query";

/**
 * Partner data: the disclosures other organisations share with the viewer's at record
 * granularity under active agreements (docs/access.md#agreement-access-rule). Which rows, which of
 * their threat areas and which fields all follow from the viewer's grants (lib/access/visibility.ts,
 * the one rule); row-level security applies the same rule again inside every transaction.
 */

export { parseSharedQuery, queryStringOf, SHARED_SORTS, SHARED_SORT_LABELS, type SharedQuery } from "./query";

export const SHARED_PAGE_SIZE = 50;
/** An export holds at most this many rows; more is refused with a message to narrow the filters. */
export const SHARED_EXPORT_LIMIT = 100_000;
const EXPORT_BATCH = 2_000;

type Provider = { id: string; name: string; type: OrganisationType };

export type SharedDisclosure = {
  id: string;
  provider: Provider;
  submittedAt: Date;
  /** The disclosure's threat areas that a record grant covers; its others are not shown. */
  threatAreas: ThreatArea[];
  /** The fields the grants covering this row share, in taxonomy order. */
  fields: DisclosureField[];
  /** The answers to those fields only, keyed by field code as a submission writes them. */
  answers: Partial<Record<DisclosureField, unknown>>;
  /** The agreements this row is shared under. */
  agreementIds: string[];
};

/** What the viewer's record grants reach: the choices a filter form may offer. */
export type SharedScope = {
  providers: Provider[];
  threatAreas: ThreatArea[];
  localAuthorityCodes: string[];
  /** Every field some record grant shares: the columns of a table or export. */
  fields: DisclosureField[];
};

export type SharedPage = {
  /** False when no agreement shares records with the viewer's organisation (aggregates only, or nothing). */
  recordAccess: boolean;
  /** Whether some agreement in force shares aggregate figures with the organisation (shown elsewhere, not here). */
  aggregateAccess: boolean;
  items: SharedDisclosure[];
  /** Cursors of the next and previous pages, when there are such pages. */
  next: string | null;
  previous: string | null;
  scope: SharedScope;
};

export type SharedDisclosureDetail = SharedDisclosure & { agreements: { id: string; reference: string; title: string }[] };

/** The disclosures shared with the viewer's organisation, a page of 50 at a time after a keyset cursor. */
export async function listSharedDisclosures(viewer: Viewer, query: SharedQuery, now = new Date()): Promise<SharedPage> {
  await authorise(viewer, "records.read");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const access = await accessOf(tx, viewer, now);
    if (access.grants.length === 0) return { recordAccess: false, aggregateAccess: access.aggregateAccess, items: [], next: null, previous: null, scope: access.scope };
    const cursor = query.cursor;
    const fetched = await fetchRows(tx, access, query, cursor, SHARED_PAGE_SIZE + 1, now);
    const more = fetched.length > SHARED_PAGE_SIZE;
    const rows = fetched.slice(0, SHARED_PAGE_SIZE);
    if (cursor?.direction === "before") rows.reverse();
    const items = await project(tx, access, rows);
    // Every record-level read is audited with the ids shown, in the same transaction as the read.
    await recordAudit(
      tx,
      auditEvent(viewer, "shared_disclosures.listed", { details: { count: items.length, ids: items.map((item) => item.id), providers: byProvider(items), filter: query.filter, sort: query.sort } }),
    );
    const first = rows[0];
    const last = rows.at(-1);
    const hasNext = cursor?.direction === "before" ? true : more;
    const hasPrevious = cursor === undefined ? false : cursor.direction === "after" ? true : more;
    return {
      recordAccess: true,
      aggregateAccess: access.aggregateAccess,
      items,
      next: hasNext && last ? encodeCursor({ sort: query.sort, key: last.sortKey, id: last.id, direction: "after" }) : null,
      previous: hasPrevious && first ? encodeCursor({ sort: query.sort, key: first.sortKey, id: first.id, direction: "before" }) : null,
      scope: access.scope,
    };
  });
}

/** What the viewer's record grants reach, for a filter form shown without a list (when its filters were refused). */
export async function getSharedScope(viewer: Viewer, now = new Date()): Promise<SharedScope> {
  await authorise(viewer, "records.read");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => (await accessOf(tx, viewer, now)).scope);
}

/** One shared disclosure, with the agreements it is shared under; audited as a record-level read. */
export async function getSharedDisclosure(viewer: Viewer, id: string, now = new Date()): Promise<SharedDisclosureDetail> {
  await authorise(viewer, "records.read");
  if (!isUuid(id)) throw new NotFound("No such shared disclosure.");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const access = await accessOf(tx, viewer, now);
    const rows = access.grants.length === 0 ? [] : await tx.select(SELECTED).from(disclosures).where(and(eq(disclosures.id, id), visibleDisclosuresCondition(access.grants, { granularity: "record" })));
    const [item] = await project(tx, access, rows);
    if (!item) throw new NotFound("No such shared disclosure.");
    const shared = await tx
      .select({ id: agreements.id, reference: agreements.reference, title: agreements.title })
      .from(agreements)
      .where(inArray(agreements.id, item.agreementIds))
      .orderBy(asc(agreements.reference));
    await recordAudit(tx, auditEvent(viewer, "shared_disclosure.viewed", { subject: { type: "disclosure", id: item.id }, details: { provider: item.provider.id, providers: byProvider([item]) } }));
    return { ...item, agreements: shared };
  });
}

/**
 * Every row of a filtered list, for a CSV export: read in batches within one transaction and
 * held in memory (bounded, not streamed), refused beyond SHARED_EXPORT_LIMIT rows. The export
 * is audited with the ids it holds in the same transaction as the read.
 */
export async function exportSharedDisclosures(
  viewer: Viewer,
  query: Pick<SharedQuery, "filter" | "sort">,
  now = new Date(),
): Promise<{ fields: DisclosureField[]; threatAreas: ThreatArea[]; items: SharedDisclosure[] }> {
  await authorise(viewer, "records.read");
  return withContext(await getDatabase(), contextOf(viewer), async (tx) => {
    const access = await accessOf(tx, viewer, now);
    const items: SharedDisclosure[] = [];
    let cursor: SharedCursor | undefined;
    while (access.grants.length > 0) {
      const rows = await fetchRows(tx, access, query, cursor, EXPORT_BATCH, now);
      items.push(...(await project(tx, access, rows)));
      if (items.length > SHARED_EXPORT_LIMIT) {
        throw new Invalid(`More than ${SHARED_EXPORT_LIMIT.toLocaleString("en-GB")} rows match these filters, more than one download holds. Narrow the filters, for example to fewer months, and download each part.`);
      }
      const last = rows.at(-1);
      if (rows.length < EXPORT_BATCH || !last) break;
      cursor = { sort: query.sort, key: last.sortKey, id: last.id, direction: "after" };
    }
    await recordAudit(
      tx,
      auditEvent(viewer, "shared_disclosures.exported", {
        details: { count: items.length, ids: items.map((item) => item.id), providers: byProvider(items), filter: query.filter, sort: query.sort },
      }),
    );
    return { fields: access.scope.fields, threatAreas: access.scope.threatAreas, items };
  });
}

/**
 * Each provider's share of a read: how many of its records, under which agreements. A partner lead
 * sees their own organisation's entry and nothing else of the event (app_organisation_access_log).
 */
function byProvider(items: readonly SharedDisclosure[]): Record<string, { count: number; agreements: string[] }> {
  const shares: Record<string, { count: number; agreements: string[] }> = {};
  for (const item of items) {
    const share = (shares[item.provider.id] ??= { count: 0, agreements: [] });
    share.count += 1;
    for (const agreementId of item.agreementIds) if (!share.agreements.includes(agreementId)) share.agreements.push(agreementId);
  }
  for (const share of Object.values(shares)) share.agreements.sort();
  return shares;
}

type Access = {
  /** The viewer's record grants in force now; empty under aggregate-only agreements. */
  grants: Grant[];
  aggregateAccess: boolean;
  providers: Map<string, Provider>;
  scope: SharedScope;
};

async function accessOf(tx: Database, viewer: Viewer, now: Date): Promise<Access> {
  const all = await listGrants(tx, viewer, now);
  const grants = all.filter((grant) => grant.granularity === "record");
  const providerIds = [...new Set(grants.map((grant) => grant.providerOrgId))];
  const providerRows =
    providerIds.length === 0
      ? []
      : await tx.select({ id: organisations.id, name: organisations.name, type: organisations.type }).from(organisations).where(inArray(organisations.id, providerIds)).orderBy(asc(organisations.name));
  const providers = new Map(providerRows.map((row) => [row.id, row]));
  const ladCodes = new Set<string>();
  for (const grant of grants) {
    if (grant.ladCode) ladCodes.add(grant.ladCode);
    else for (const authority of listLocalAuthoritiesInForceArea(grant.forceAreaCode)) ladCodes.add(authority.code);
  }
  return {
    grants,
    aggregateAccess: all.some((grant) => grant.granularity === "aggregate"),
    providers,
    scope: {
      providers: providerRows,
      threatAreas: [...new Set(grants.map((grant) => grant.threatArea))],
      localAuthorityCodes: [...ladCodes].sort(),
      fields: sharedFields(grants),
    },
  };
}

/** The fields a set of grants shares, in taxonomy order; never free text or the partner reference. */
function sharedFields(grants: readonly Grant[]): DisclosureField[] {
  const granted = new Set(grants.flatMap((grant) => grant.fields));
  return SHAREABLE_FIELDS.filter((field) => granted.has(field));
}

/** Grants narrowed by the filter: a filter never widens what the grants show, it picks among them. */
function narrowed(access: Access, { filter, sort }: Pick<SharedQuery, "filter" | "sort">): Grant[] {
  const ladForce = filter.ladCode ? forceAreaOfLocalAuthority(filter.ladCode) : undefined;
  // A filter or an order on a field searches only rows whose agreement shares that field, so a
  // page never reveals a value the agreement withholds by which rows it holds or where.
  const needed: DisclosureField[] = [
    ...(filter.fromMonth || filter.toMonth || sort === "month_newest" || sort === "month_oldest" ? (["disclosure_month"] as const) : []),
    ...(filter.ladCode ? (["lad_code"] as const) : []),
  ];
  return access.grants.filter(
    (grant) =>
      needed.every((field) => grant.fields.includes(field)) &&
      (!filter.providerOrgId || grant.providerOrgId === filter.providerOrgId) &&
      (!filter.partnerType || access.providers.get(grant.providerOrgId)?.type === filter.partnerType) &&
      (!filter.threatArea || grant.threatArea === filter.threatArea) &&
      (!filter.ladCode || (grant.forceAreaCode === ladForce && (grant.ladCode === null || grant.ladCode === filter.ladCode))),
  );
}

/** Every column but free text and the partner reference's hash, which never leave the provider. */
const { context: _context, partnerReferenceHash: _hash, ...READABLE } = getTableColumns(disclosures);
const SELECTED = { ...READABLE, sortKey: sql<string>`''` };

type Row = Omit<typeof disclosures.$inferSelect, "context" | "partnerReferenceHash"> & { sortKey: string };

/** `indexed`: the index disclosures_submitted_newest gives this order, forwards or backwards. */
const SORTS: Record<SharedSort, { key: SQL<string>; column: SQL; descending: boolean; indexed: boolean }> = {
  newest: { key: sql<string>`to_char(${disclosures.submittedAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`, column: sql`${disclosures.submittedAt}`, descending: true, indexed: true },
  oldest: { key: sql<string>`to_char(${disclosures.submittedAt} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`, column: sql`${disclosures.submittedAt}`, descending: false, indexed: true },
  month_newest: { key: sql<string>`to_char(${disclosures.disclosureMonth}, 'YYYY-MM-DD')`, column: sql`${disclosures.disclosureMonth}`, descending: true, indexed: false },
  month_oldest: { key: sql<string>`to_char(${disclosures.disclosureMonth}, 'YYYY-MM-DD')`, column: sql`${disclosures.disclosureMonth}`, descending: false, indexed: false },
};

/**
 * Submitted rows always have both keys, so nulls never sort; they are placed as the index has them
 * (descending, nulls last) so that it can serve the order both ways.
 */
function orderOf(column: SQL, descending: boolean): SQL {
  return descending ? sql`${column} desc nulls last` : sql`${column} asc nulls first`;
}

function cursorValue(sort: SharedSort, key: string): SQL {
  return sort === "newest" || sort === "oldest" ? sql`(${key}::timestamp at time zone 'UTC')` : sql`${key}::date`;
}

/** A page of rows in the sort order, after (or, reversed, before) the cursor. */
async function fetchRows(
  tx: Database,
  access: Access,
  query: Pick<SharedQuery, "filter" | "sort">,
  cursor: SharedCursor | undefined,
  limit: number,
  now: Date,
): Promise<Row[]> {
  const grants = narrowed(access, query);
  if (grants.length === 0) return [];
  const sort = SORTS[query.sort];
  const backwards = cursor?.direction === "before";
  const descending = sort.descending !== backwards;
  const { filter } = query;
  const where = and(
    visibleDisclosuresCondition(grants, { granularity: "record" }),
    filter.fromMonth ? gte(disclosures.disclosureMonth, `${filter.fromMonth}-01`) : undefined,
    filter.toMonth ? lte(disclosures.disclosureMonth, `${filter.toMonth}-01`) : undefined,
    filter.ladCode ? eq(disclosures.ladCode, filter.ladCode) : undefined,
    cursor
      ? descending
        ? sql`(${sort.column}, ${disclosures.id}) < (${cursorValue(query.sort, cursor.key)}, ${cursor.id}::uuid)`
        : sql`(${sort.column}, ${disclosures.id}) > (${cursorValue(query.sort, cursor.key)}, ${cursor.id}::uuid)`
      : undefined,
  );
  const read = () =>
    tx
      .select({ ...SELECTED, sortKey: sort.key })
      .from(disclosures)
      .where(where)
      .orderBy(orderOf(sort.column, descending), orderOf(sql`${disclosures.id}`, descending))
      .limit(limit);
  // The planner misjudges pages under row-level security (db/planner.ts): walk the index unless
  // the months asked for lie so far back that reading just them and sorting is quicker.
  return sort.indexed && walkFindsPageSooner(query, now) ? inIndexOrder(tx, read) : read();
}

/**
 * Whether walking the submitted-date index fills a page sooner than reading every row of the
 * month range and sorting them. Disclosures are submitted soon after their month, so a walk
 * newest first passes the months after the range before it reaches it: worth it unless the range
 * is shorter than the months since. Oldest first, how much lies before the range is unknown.
 */
function walkFindsPageSooner({ sort, filter }: Pick<SharedQuery, "filter" | "sort">, now: Date): boolean {
  if (sort === "oldest") return !filter.fromMonth;
  if (!filter.fromMonth && !filter.toMonth) return true;
  const current = monthNumber(agreementDay(now).slice(0, 7));
  const end = filter.toMonth ? monthNumber(filter.toMonth) : current;
  const start = filter.fromMonth ? monthNumber(filter.fromMonth) : Number.NEGATIVE_INFINITY;
  return current - end <= end - start + 1;
}

function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/**
 * Rows as the viewer may see them: the threat areas a record grant covers (read through
 * visibleThreatAreasCondition, which row-level security repeats) and, of the answers, only the
 * fields the grants covering each row share.
 */
async function project(tx: Database, access: Access, rows: readonly Row[]): Promise<SharedDisclosure[]> {
  if (rows.length === 0) return [];
  const areaRows = await tx
    .select({ disclosureId: disclosureThreatAreas.disclosureId, threatArea: disclosureThreatAreas.threatArea, subTypes: disclosureThreatAreas.subTypes })
    .from(disclosureThreatAreas)
    .innerJoin(disclosures, eq(disclosures.id, disclosureThreatAreas.disclosureId))
    .where(and(inArray(disclosureThreatAreas.disclosureId, rows.map((row) => row.id)), visibleThreatAreasCondition(access.grants, { granularity: "record" })))
    .orderBy(asc(disclosureThreatAreas.threatArea));
  const areasOf = new Map<string, typeof areaRows>();
  for (const area of areaRows) areasOf.set(area.disclosureId, [...(areasOf.get(area.disclosureId) ?? []), area]);
  return rows.flatMap((row) => {
    const areas = areasOf.get(row.id) ?? [];
    const covering = access.grants.filter(
      (grant) =>
        grant.providerOrgId === row.orgId &&
        grant.forceAreaCode === row.forceAreaCode &&
        (grant.ladCode === null || grant.ladCode === row.ladCode) &&
        areas.some((area) => area.threatArea === grant.threatArea),
    );
    const provider = access.providers.get(row.orgId);
    if (covering.length === 0 || !provider || !row.submittedAt) return [];
    const fields = sharedFields(covering);
    const input = toDisclosureInput(row, fields.includes("sub_types") ? areas : areas.map((area) => ({ threatArea: area.threatArea })));
    // The force area is derived from the district, so the input shape leaves it out; shared, it is shown.
    // The sub-types, a field of their own, are also given by area on their own.
    const values: Record<string, unknown> = {
      ...input,
      force_area_code: row.forceAreaCode ?? undefined,
      sub_types: Object.fromEntries(areas.map((area) => [area.threatArea, [...area.subTypes]])),
    };
    const answers = Object.fromEntries(fields.flatMap((field) => (values[field] === undefined ? [] : [[field, values[field]]]))) as SharedDisclosure["answers"];
    return [
      {
        id: row.id,
        provider,
        submittedAt: row.submittedAt,
        threatAreas: areas.map((area) => area.threatArea),
        fields,
        answers,
        agreementIds: [...new Set(covering.map((grant) => grant.agreementId))],
      },
    ];
  });
}
