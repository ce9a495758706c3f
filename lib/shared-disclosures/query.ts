import { z } from "zod";
import { ORGANISATION_TYPES } from "@/lib/access/organisation-types";
import { Invalid } from "@/lib/errors";
import { getLocalAuthority } from "@/lib/reference";
import { THREAT_AREAS } from "@/lib/taxonomy";

/**
 * The query of the Partner data page, its CSV export and GET /api/v1/shared-disclosures: one zod
 * schema for all three, so a bad filter or cursor is a 400 that says what is wrong, never a 500.
 */

export const SHARED_SORTS = ["newest", "oldest", "month_newest", "month_oldest"] as const;
export type SharedSort = (typeof SHARED_SORTS)[number];

export const SHARED_SORT_LABELS: Record<SharedSort, string> = {
  newest: "Submitted, newest first",
  oldest: "Submitted, oldest first",
  month_newest: "Month of disclosure, latest first",
  month_oldest: "Month of disclosure, earliest first",
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A blank form field is no filter at all. */
const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsAbsent, schema.optional());
const month = (message: string) => z.string(message).regex(MONTH, message);

const sharedQuerySchema = z
  .strictObject(
    {
      provider: optional(z.uuid("Choose a provider from the list")),
      partner_type: optional(z.enum(ORGANISATION_TYPES, "Choose a partner type from the list")),
      area: optional(z.enum(THREAT_AREAS.codes, "Choose a threat area from the list")),
      from: optional(month("Enter the first month as a year and month, like 2026-01")),
      to: optional(month("Enter the last month as a year and month, like 2026-03")),
      lad: optional(
        z.string("Choose a local authority from the list").refine((code) => getLocalAuthority(code) !== undefined, "Choose a local authority from the list"),
      ),
      sort: z.preprocess(blankIsAbsent, z.enum(SHARED_SORTS, "Choose how to sort from the list").default("newest")),
      cursor: optional(z.string("Use the link to the next or previous page").max(400, "Use the link to the next or previous page")),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown query parameter: ${issue.keys.join(", ")}` : undefined) },
  )
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ["to"], message: "The last month must be the same as or after the first month" });

/** Which way a cursor pages from the row it names: on past it, or back before it. */
type Direction = "after" | "before";

/** A position in the list: the sort key and id of a row, and which way to page from it. */
export type SharedCursor = { sort: SharedSort; key: string; id: string; direction: Direction };

type SharedFilter = {
  providerOrgId?: string;
  partnerType?: (typeof ORGANISATION_TYPES)[number];
  threatArea?: (typeof THREAT_AREAS.codes)[number];
  fromMonth?: string;
  toMonth?: string;
  ladCode?: string;
};

export type SharedQuery = { filter: SharedFilter; sort: SharedSort; cursor?: SharedCursor };

/**
 * A query from URL search parameters (a page's searchParams or a request's URLSearchParams).
 * A parameter given twice, an unknown one, or a value out of its list is refused as Invalid,
 * naming the parameter.
 */
export function parseSharedQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): SharedQuery {
  const entries = params instanceof URLSearchParams ? [...params.keys()].map((key) => [key, params.getAll(key)] as const) : Object.entries(params);
  const object: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (Array.isArray(value)) {
      if (value.length > 1) errors[key] = `Give ${key} once`;
      object[key] = value[0];
    } else if (value !== undefined) object[key] = value;
  }
  const parsed = sharedQuerySchema.safeParse(object);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join(".") || "query"] ??= issue.message;
  }
  if (!parsed.success || Object.keys(errors).length > 0) throw new Invalid(`There is a problem with the filters: ${Object.values(errors).join("; ")}.`, errors);
  const { provider, partner_type, area, from, to, lad, sort, cursor } = parsed.data;
  const filter: SharedFilter = {
    ...(provider ? { providerOrgId: provider } : {}),
    ...(partner_type ? { partnerType: partner_type } : {}),
    ...(area ? { threatArea: area } : {}),
    ...(from ? { fromMonth: from } : {}),
    ...(to ? { toMonth: to } : {}),
    ...(lad ? { ladCode: lad } : {}),
  };
  return { filter, sort, ...(cursor ? { cursor: decodeCursor(cursor, sort) } : {}) };
}

/** The query string of a filter and sort (no cursor), as the page's links and the form write it. */
export function queryStringOf({ filter, sort }: Pick<SharedQuery, "filter" | "sort">, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    ...(filter.providerOrgId ? { provider: filter.providerOrgId } : {}),
    ...(filter.partnerType ? { partner_type: filter.partnerType } : {}),
    ...(filter.threatArea ? { area: filter.threatArea } : {}),
    ...(filter.fromMonth ? { from: filter.fromMonth } : {}),
    ...(filter.toMonth ? { to: filter.toMonth } : {}),
    ...(filter.ladCode ? { lad: filter.ladCode } : {}),
    ...(sort === "newest" ? {} : { sort }),
    ...extra,
  }).toString();
}

const CURSOR_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const CURSOR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque cursor: base64url of [sort, key, id, direction]. */
export function encodeCursor(cursor: SharedCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id, cursor.direction])).toString("base64url");
}

function decodeCursor(text: string, sort: SharedSort): SharedCursor {
  const refuse = () =>
    new Invalid("The page link is not valid: it may be from another sort order. Start again from the first page.", {
      cursor: "Use the link to the next or previous page",
    });
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(value) || value.length !== 4) throw refuse();
  const [cursorSort, key, id, direction] = value as unknown[];
  const keyShape = sort === "newest" || sort === "oldest" ? CURSOR_TIMESTAMP : CURSOR_DATE;
  if (cursorSort !== sort || typeof key !== "string" || !keyShape.test(key) || !isRealMoment(key) || typeof id !== "string" || !UUID.test(id)) throw refuse();
  if (direction !== "after" && direction !== "before") throw refuse();
  return { sort, key, id, direction };
}

/** A date or UTC timestamp that names a real day and time (no 31 February, no hour 25). */
function isRealMoment(key: string): boolean {
  const iso = key.length === 10 ? `${key}T00:00:00Z` : `${key.replace(" ", "T")}Z`;
  const time = Date.parse(iso);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) === iso.slice(0, 19);
}
