import { getEnv } from "@/lib/env";
import { connectServer, openEmbedded } from "../connect";
import type { DatabaseHandle } from "../database";

/**
 * The database the command line migrates and seeds, as its owner: the server in
 * DATABASE_MIGRATION_URL, else the one in DATABASE_URL, else the embedded folder.
 */
export function openForCli(): Promise<DatabaseHandle> {
  const env = getEnv();
  const url = env.DATABASE_MIGRATION_URL ?? env.DATABASE_URL;
  return url ? connectServer(url, { max: 2 }) : openEmbedded(env.PGLITE_DATA_DIR);
}
