import { existsSync, readdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { openEmbedded } from "@/db/connect";
import type { Env } from "@/lib/env";
import { OperatorError } from "@/lib/operator-error";

/** The one file argument of `db:export` / `db:import`; a server is backed up with pg_dump instead. */
export function embeddedOnly(env: Env, args: readonly string[], command: string): string {
  if (env.DATABASE_URL || env.DATABASE_MIGRATION_URL) {
    throw new OperatorError(`npm run ${command} is for the embedded database; back up a PostgreSQL server with pg_dump and pg_restore (README, "Backup and restore").`);
  }
  if (args.length !== 1 || !args[0]) throw new OperatorError(`Name one file: npm run ${command} -- backup.tar.gz`);
  return args[0];
}

/**
 * Backup and restore of the embedded database (docs/operations.md): the whole PGlite data folder
 * as one gzipped tarball (PGlite's dumpDataDir), and a new folder started from one (loadDataDir).
 * Both open the folder as its one owner, so the portal must be stopped first.
 */
export async function exportEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!existsSync(dataDir)) throw new OperatorError(`There is no embedded database in ${dataDir} to export.`);
  if (!existsSync(dirname(file) || ".")) throw new OperatorError(`The folder of ${file} does not exist.`);
  if (existsSync(file)) throw alreadyExists(file);
  const handle = await openEmbedded(dataDir);
  try {
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir("gzip");
    const bytes = Buffer.from(await dump.arrayBuffer());
    await writeFile(file, bytes, { flag: "wx" }).catch((error: NodeJS.ErrnoException) => {
      throw error.code === "EEXIST" ? alreadyExists(file) : error;
    });
    return { bytes: bytes.length };
  } finally {
    await handle.close();
  }
}

/** Starts the embedded database in `dataDir`, which must not hold one yet, from an export. */
export async function importEmbedded(file: string, dataDir: string): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new OperatorError(`${dataDir} already holds a database: move it aside (keep it until the import is checked), then import again.`);
  }
  const tarball = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw error.code === "ENOENT" ? new OperatorError(`There is no backup file ${file}.`) : error;
  });
  const handle = await openEmbedded(dataDir, { loadDataDir: new Blob([tarball], { type: "application/x-gzip" }) });
  try {
    // Proves the copy opens and reads, so a truncated file fails here rather than at the portal's start.
    await handle.ping();
  } finally {
    await handle.close();
  }
}

function alreadyExists(file: string): OperatorError {
  return new OperatorError(`${file} already exists: choose a new file name, so no backup is overwritten.`);
}
