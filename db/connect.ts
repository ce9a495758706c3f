import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { OperatorError } from "@/lib/operator-error";
import type { Database, DatabaseHandle } from "./database";
import { acquireEmbeddedLock } from "./embedded-lock";
import { hideQueryParametersInErrors } from "./errors";
import * as schema from "./schema";

// A failed query never carries its parameters (password hashes, disclosure text) into a log.
hideQueryParametersInErrors();

const options = { schema, casing: "snake_case" } as const;

/** A database problem described in one line, safe to print: no password, no stack. */
export class DatabaseUnavailableError extends OperatorError {
  override name = "DatabaseUnavailableError";
}

/** Where a server URL points, without its credentials. */
export function describeServer(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

/**
 * How long the pool waits before connecting again after failed attempts, in seconds. postgres.js
 * counts failures across the whole pool and by default waits up to 20 s, so a few seconds' restart
 * under load left the portal refusing requests long after the server was back; a second at most
 * keeps the retries cheap and the recovery prompt.
 */
export function reconnectDelaySeconds(failures: number): number {
  return Math.min(0.05 * 2 ** failures, 1);
}

/** Connects to a PostgreSQL server and proves it answers before handing the connection out. */
export async function connectServer(url: string, { max = 10 }: { max?: number } = {}): Promise<DatabaseHandle> {
  const location = describeServer(url);
  const client = postgres(url, { max, connect_timeout: 5, idle_timeout: 30, backoff: reconnectDelaySeconds, onnotice: () => {} });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new DatabaseUnavailableError(`Cannot reach the database server at ${location}: ${reason(error)}`);
  }
  // Opened on the first ping and kept, apart from the pool; gives up quickly, as the health check does.
  const pinger = postgres(url, { max: 1, connect_timeout: 2, idle_timeout: 60, onnotice: () => {} });
  return {
    db: drizzlePostgres(client, options) as unknown as Database,
    driver: "postgres",
    location,
    ping: async () => void (await pinger`select 1`),
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), pinger.end({ timeout: 1 })]);
    },
  };
}

/**
 * Opens the embedded PGlite database: in memory (`memory://`) for tests, or in a folder that
 * this process then owns until it closes it. `loadDataDir`, a tarball from `dumpDataDir()`,
 * starts a new database as a copy of another (how tests skip migrating each of theirs).
 */
export async function openEmbedded(dataDir: string, { loadDataDir }: { loadDataDir?: Blob } = {}): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith("memory://");
  const release = inMemory ? () => {} : acquireEmbeddedLock(dataDir);
  try {
    const client = await PGlite.create(dataDir, loadDataDir ? { loadDataDir } : {});
    return {
      db: drizzlePglite(client, options) as unknown as Database,
      driver: "pglite",
      location: inMemory ? "in memory" : dataDir,
      ping: async () => void (await client.query("select 1")),
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw new DatabaseUnavailableError(`Cannot open the embedded database in ${dataDir}: ${reason(error)}`);
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message || String(code);
  }
  return String(error);
}
