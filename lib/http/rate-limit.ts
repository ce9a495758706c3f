import { sql } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { rowsOf, type Database } from "@/db/database";
import { getEnv, type Env } from "@/lib/env";
import { RateLimited } from "@/lib/errors";

/**
 * Request rate limits on the API and on exports (docs/security.md#rate-limits), counted in the
 * same Postgres table as sign-in throttling (lib/auth/throttle.ts), so that any number of portal
 * instances share one count. Windows are fixed and aligned to the epoch (a minute starts on the
 * minute, an hour on the hour), so one upsert per request both counts it and tells whether it is
 * over a limit: every instance computes the same window start, and a row from an earlier window
 * starts again at 1. Keys name a token, user or organisation by id, never by anything the caller
 * sends: a forged X-Forwarded-For or another address changes nothing.
 */
export type RateRule = {
  /** What is counted, such as `api-token:<id>`; the limit's own namespace keeps it apart from sign-in keys. */
  key: string;
  limit: number;
  windowSeconds: number;
  /** Says what was exceeded, in words for the person or system refused. */
  refusal: string;
};

/**
 * Counts one request against every rule in one statement and refuses it if any is over its
 * limit, saying when the earliest window that allows it again ends. A refused request still
 * counts, so hammering does not get through sooner; every window ends on its own.
 */
export async function enforceRateLimits(db: Database, rules: readonly RateRule[], now = new Date()): Promise<void> {
  if (rules.length === 0) return;
  const starts = rules.map((rule) => windowStart(now, rule.windowSeconds));
  const values = sql.join(
    rules.map((rule, index) => sql`(${rule.key}, ${starts[index]!.toISOString()}::timestamptz, 1)`),
    sql`, `,
  );
  // A slower clock on another instance may send an earlier window start: it counts in the later one.
  const result = await db.execute(sql`
    insert into throttle_counters (key, window_started_at, count) values ${values}
    on conflict (key) do update set
      count = case when excluded.window_started_at > throttle_counters.window_started_at then 1 else throttle_counters.count + 1 end,
      window_started_at = greatest(excluded.window_started_at, throttle_counters.window_started_at)
    returning key, count`);
  const counts = new Map(rowsOf<{ key: string; count: number | string }>(result).map((row) => [row.key, Number(row.count)]));
  let refused: { rule: RateRule; wait: number } | null = null;
  rules.forEach((rule, index) => {
    if ((counts.get(rule.key) ?? 0) <= rule.limit) return;
    const wait = Math.max(1, Math.ceil((starts[index]!.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000));
    if (!refused || wait > refused.wait) refused = { rule, wait };
  });
  if (refused) {
    const { rule, wait } = refused as { rule: RateRule; wait: number };
    throw new RateLimited(`${rule.refusal} Try again in ${describeWait(wait)}.`, wait);
  }
}

/** The start of the fixed window of `windowSeconds` that `now` falls in. */
function windowStart(now: Date, windowSeconds: number): Date {
  const length = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / length) * length);
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

type Limits = Pick<Env, "API_RATE_LIMIT_PER_TOKEN" | "API_RATE_LIMIT_PER_ORGANISATION" | "EXPORT_RATE_LIMIT_PER_USER" | "EXPORT_RATE_LIMIT_PER_ORGANISATION">;

const MINUTE = 60;
const HOUR = 60 * 60;

/** An API request: per token and per organisation, each a minute. */
export function apiRules(client: { tokenId: string; organisationId: string }, env: Limits): RateRule[] {
  return [
    {
      key: `rate:api-token:${client.tokenId}`,
      limit: env.API_RATE_LIMIT_PER_TOKEN,
      windowSeconds: MINUTE,
      refusal: `This token has made ${env.API_RATE_LIMIT_PER_TOKEN} requests this minute, its limit.`,
    },
    {
      key: `rate:api-org:${client.organisationId}`,
      limit: env.API_RATE_LIMIT_PER_ORGANISATION,
      windowSeconds: MINUTE,
      refusal: `Your organisation's tokens have made ${env.API_RATE_LIMIT_PER_ORGANISATION} requests this minute, its limit.`,
    },
  ];
}

/** An export of records (a CSV download): per user and per organisation, each an hour. */
export function exportRules(viewer: { userId: string; organisation: { id: string } }, env: Limits): RateRule[] {
  return [
    {
      key: `rate:export-user:${viewer.userId}`,
      limit: env.EXPORT_RATE_LIMIT_PER_USER,
      windowSeconds: HOUR,
      refusal: `You have downloaded ${env.EXPORT_RATE_LIMIT_PER_USER} exports this hour, the limit.`,
    },
    {
      key: `rate:export-org:${viewer.organisation.id}`,
      limit: env.EXPORT_RATE_LIMIT_PER_ORGANISATION,
      windowSeconds: HOUR,
      refusal: `People in your organisation have downloaded ${env.EXPORT_RATE_LIMIT_PER_ORGANISATION} exports this hour, its limit.`,
    },
  ];
}

/** Counts one record export by the viewer against their own and their organisation's hourly limits. */
export async function enforceExportLimits(viewer: { userId: string; organisation: { id: string } }, now = new Date()): Promise<void> {
  await enforceRateLimits(await getDatabase(), exportRules(viewer, getEnv()), now);
}
