import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/database";
import { hashToken } from "./tokens";

/**
 * Sign-in throttling, counted in Postgres so every portal instance shares it. Failures are
 * limited per account from one address, and per address overall. There is deliberately no
 * account-wide lock on passwords: anyone could keep a victim locked out with one, and guessing an
 * account from many addresses still meets the mandatory second factor, which has its own
 * account-wide limit (MFA_FAILURE_LIMIT in sign-in.ts).
 */
const THROTTLE_RULES = {
  accountFromAddress: { limit: 5, windowSeconds: 15 * 60 },
  address: { limit: 100, windowSeconds: 15 * 60 },
} as const;

type Rule = { key: string; limit: number; windowSeconds: number };

export function throttleRules(email: string, address: string): Rule[] {
  const account = hashToken(email.trim().toLowerCase());
  return [
    { key: `account-address:${account}:${address}`, ...THROTTLE_RULES.accountFromAddress },
    { key: `address:${address}`, ...THROTTLE_RULES.address },
  ];
}

/** Seconds until the first of these rules would allow another attempt; 0 when all allow one now. */
export async function secondsUntilAllowed(db: Database, rules: Rule[], now = new Date()): Promise<number> {
  let wait = 0;
  for (const rule of rules) {
    const result = await db.execute(
      sql`select count, window_started_at as "startedAt" from throttle_counters where key = ${rule.key}`,
    );
    const row = rowsOf<{ count: number; startedAt: Date | string }>(result)[0];
    if (!row) continue;
    const endsAt = new Date(row.startedAt).getTime() + rule.windowSeconds * 1000;
    if (endsAt > now.getTime() && row.count >= rule.limit) {
      wait = Math.max(wait, Math.ceil((endsAt - now.getTime()) / 1000));
    }
  }
  return wait;
}

/** Counts one failure against every rule, atomically: concurrent failures are all counted. */
export async function recordFailure(db: Database, rules: Rule[], now = new Date()): Promise<void> {
  for (const rule of rules) {
    // Raw SQL parameters go to the driver as they are: pass times as ISO strings, which both drivers accept.
    const started = now.toISOString();
    const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000).toISOString();
    await db.execute(sql`
      insert into throttle_counters (key, window_started_at, count) values (${rule.key}, ${started}, 1)
      on conflict (key) do update set
        count = case when throttle_counters.window_started_at <= ${windowStart} then 1 else throttle_counters.count + 1 end,
        window_started_at = case when throttle_counters.window_started_at <= ${windowStart} then ${started} else throttle_counters.window_started_at end`);
  }
}

/** A successful sign-in clears the account's count from that address (not the address's). */
export async function clearAccountFailures(db: Database, email: string, address: string): Promise<void> {
  const [accountRule] = throttleRules(email, address);
  await db.execute(sql`delete from throttle_counters where key = ${accountRule!.key}`);
}
