import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/** The drizzle database, whichever driver is behind it. A transaction is one too, so pass `tx` down. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

type Driver = "postgres" | "pglite";

/** An open database with what it takes to migrate and close it. */
export type DatabaseHandle = {
  db: Database;
  driver: Driver;
  /** Where it lives, safe to print: a host and database name, or the embedded folder. */
  location: string;
  /**
   * Proves the database answers, for the health check. On a server it has a connection of its
   * own, so a pool busy with requests is not mistaken for a database that is down.
   */
  ping(): Promise<void>;
  close(): Promise<void>;
};

/** Rows of a raw `db.execute`: postgres.js returns an array, PGlite wraps it in `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

/** Rows an INSERT, UPDATE or DELETE without RETURNING changed: postgres.js counts them on the result, PGlite as `affectedRows`. */
export function affectedRows(result: unknown): number {
  const counted = result as { count?: number; affectedRows?: number };
  return counted.count ?? counted.affectedRows ?? 0;
}
