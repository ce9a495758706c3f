import "server-only";
import { getDatabaseHandle } from "@/db/client";
import { getEnv, isBuildPhase } from "./env";
import { OperatorError } from "./operator-error";

/**
 * Runs once when a server process starts: validates the configuration and opens the database
 * (migrating and seeding the embedded one), so a misconfigured portal stops with one clear line
 * instead of failing on its first request.
 */
export async function startPortal(): Promise<void> {
  try {
    getEnv();
    if (isBuildPhase()) return;
    const handle = await getDatabaseHandle();
    console.info(`Database ready (${handle.driver}, ${handle.location}).`);
  } catch (error) {
    console.error(`Cannot start the portal: ${error instanceof OperatorError ? error.message : "unexpected error"}`);
    if (!(error instanceof OperatorError)) console.error(error);
    process.exit(1);
  }
}
