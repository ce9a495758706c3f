import { getEnv } from "@/lib/env";
import { connectServer, openEmbedded } from "../connect";
import type { DatabaseHandle } from "../database";

/** The database the command line works on: the server in DATABASE_URL, or else the embedded folder. */
export function openForCli(): Promise<DatabaseHandle> {
  const env = getEnv();
  return env.DATABASE_URL ? connectServer(env.DATABASE_URL, { max: 2 }) : openEmbedded(env.PGLITE_DATA_DIR);
}
