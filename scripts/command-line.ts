import { connectServer, openEmbedded } from "@/db/connect";
import type { DatabaseHandle } from "@/db/database";
import { getEnv } from "@/lib/env";
import { OperatorError } from "@/lib/operator-error";

/**
 * The database the command line migrates and seeds, as its owner: the server in
 * DATABASE_MIGRATION_URL, else the one in DATABASE_URL, else the embedded folder.
 */
export function openForCli(): Promise<DatabaseHandle> {
  const env = getEnv();
  const url = env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL;
  return url ? connectServer(url, { max: 2 }) : openEmbedded(env.PGLITE_DATA_DIR);
}

/** Runs a command-line task: its outcome in one line, and a non-zero exit on failure. */
export async function runCli(task: () => Promise<string>): Promise<void> {
  try {
    console.info(await task());
    process.exit(0);
  } catch (error) {
    console.error(error instanceof OperatorError ? error.message : error);
    process.exit(1);
  }
}
