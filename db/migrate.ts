import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { rowsOf, type DatabaseHandle } from "./database";
import { sealStoredTotpSecrets } from "@/lib/auth/totp-secret";
import { loadReferenceData } from "./reference-data";

const MIGRATIONS_FOLDER = join(process.cwd(), "db/migrations");

/**
 * Applies every committed migration not yet applied, loads the reference data, and seals any
 * authenticator secret still stored in plain text or under a rotated key (in TypeScript, as SQL
 * cannot encrypt with the secret box).
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, config);
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, config);
  }
  await loadReferenceData(handle.db);
  await sealStoredTotpSecrets(handle.db);
}

/** How many committed migrations the database has not applied yet. */
export async function countPendingMigrations(handle: DatabaseHandle): Promise<number> {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  // The app role may not read the migrator's schema; the row-level security migration gives it
  // a function that counts instead.
  const counter = await handle.db.execute(sql`select to_regprocedure('public.app_applied_migrations()') is not null as present`);
  if (rowsOf<{ present: boolean }>(counter)[0]?.present) {
    const applied = await handle.db.execute(sql`select app_applied_migrations() as count`);
    return Math.max(0, journal.entries.length - (rowsOf<{ count: number }>(applied)[0]?.count ?? 0));
  }
  const exists = await handle.db.execute(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!rowsOf<{ present: boolean }>(exists)[0]?.present) return journal.entries.length;
  const applied = await handle.db.execute(sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
  return Math.max(0, journal.entries.length - (rowsOf<{ count: number }>(applied)[0]?.count ?? 0));
}
