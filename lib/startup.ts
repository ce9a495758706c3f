import "server-only";
import { getDatabaseHandle } from "@/db/client";
import { getEnv, isBuildPhase } from "./env";
import { installClientAddressStamp } from "./http/client-address";
import { startInsightFolding, type InsightFolding } from "./insights/folding";
import { portalJobs } from "./jobs/portal-jobs";
import { startJobRunner, type JobRunner } from "./jobs/runner";
import { log } from "./log";
import { createMailer } from "./mail/transport";
import { OperatorError } from "./operator-error";
import { installGracefulShutdown } from "./shutdown";

const JOBS_STARTED = Symbol.for("vawg-portal.jobs-started");

/**
 * Runs once when a server process starts: validates the configuration and opens the database
 * (migrating and seeding the embedded one), so a misconfigured portal stops with one clear line
 * instead of failing on its first request. Then starts the scheduled jobs and the folding of insight
 * changes (lib/insights/folding.ts), unless a worker runs them, and takes over SIGTERM and SIGINT so that the process stops gracefully (lib/shutdown.ts).
 */
export async function startPortal(): Promise<void> {
  try {
    const env = getEnv();
    if (isBuildPhase()) return;
    // First of all: every request's client address is taken from its socket, not from what the
    // caller says (lib/http/client-address.ts).
    installClientAddressStamp(env.TRUSTED_PROXY_HOPS);
    const handle = await getDatabaseHandle();
    log.info({ driver: handle.driver, location: handle.location }, "Database ready");
    // The embedded database has one owner process, so its jobs always run here; on a server,
    // JOBS_IN_PROCESS=false leaves them to `npm run worker`.
    const holder = globalThis as { [JOBS_STARTED]?: [JobRunner, InsightFolding] };
    if ((env.JOBS_IN_PROCESS || handle.driver === "pglite") && !holder[JOBS_STARTED]) {
      holder[JOBS_STARTED] = [startJobRunner(handle.db, portalJobs(env, createMailer(env))), startInsightFolding(handle.db)];
      log.info("Scheduled jobs and insight folding run in this process");
    }
    const background = holder[JOBS_STARTED];
    installGracefulShutdown({
      graceSeconds: env.SHUTDOWN_GRACE_SECONDS,
      stopJobs: background && (async () => void (await Promise.all(background.map((work) => work.stop())))),
      closeDatabase: () => handle.close(),
    });
  } catch (error) {
    console.error(`Cannot start the portal: ${error instanceof OperatorError ? error.message : "unexpected error"}`);
    if (!(error instanceof OperatorError)) console.error(error);
    process.exit(1);
  }
}
