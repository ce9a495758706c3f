import { sql } from "drizzle-orm";
import type { Role } from "@/lib/access/roles";
import { APP_ROLE } from "./app-role";
import type { Database } from "./database";

/** Who a transaction acts for; row-level security policies read it. */
export type DbContext = { userId?: string; orgId?: string; role?: Role };

/**
 * Runs `work` in a transaction whose settings name the user, organisation and role, so that
 * row-level security sees them. The settings are transaction-local: they end with it, and a
 * pooled connection never carries them into the next request. Use `tx` inside, never `db`.
 *
 * The transaction also switches to the app role (`set_config('role', …, true)` is SET LOCAL
 * ROLE), so policies bind even on a superuser connection — PGlite is always one, and so are the
 * tests' owner connections. On a server connection that already is the app role it changes nothing.
 */
export function withContext<T>(db: Database, context: DbContext, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select
      set_config('app.user_id', ${context.userId ?? ""}, true),
      set_config('app.org_id', ${context.orgId ?? ""}, true),
      set_config('app.role', ${context.role ?? ""}, true),
      set_config('role', ${APP_ROLE}, true)`);
    return work(tx as unknown as Database);
  });
}
