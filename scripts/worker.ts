// `npm run worker`: runs the scheduled jobs (lib/jobs) and the folding of insight changes
// (lib/insights/folding.ts) outside the portal, for a deployment whose
// portal instances set JOBS_IN_PROCESS=false. Connects as the portal does (DATABASE_URL, vawg_app);
// any number of workers and portal instances may run: each job, and each fold, runs on one of them
// at a time.
import { getDatabaseHandle } from "@/db/client";
import { getEnv } from "@/lib/env";
import { startInsightFolding } from "@/lib/insights/folding";
import { log } from "@/lib/log";
import { portalJobs } from "@/lib/jobs/portal-jobs";
import { startJobRunner } from "@/lib/jobs/runner";
import { createMailer } from "@/lib/mail/transport";
import { OperatorError } from "@/lib/operator-error";
import { installGracefulShutdown } from "@/lib/shutdown";

try {
  const env = getEnv();
  if (!env.DATABASE_URL) {
    throw new OperatorError("npm run worker needs DATABASE_URL: the embedded database has one owner process, and the portal runs its jobs itself.");
  }
  const handle = await getDatabaseHandle();
  const runner = startJobRunner(handle.db, portalJobs(env, createMailer(env)), { keepAlive: true });
  const folding = startInsightFolding(handle.db);
  log.info({ location: handle.location }, "Worker running the scheduled jobs and insight folding; stop it with Ctrl+C or SIGTERM");
  // SIGTERM or SIGINT: the job and fold running finish (within SHUTDOWN_GRACE_SECONDS), no other starts, the pool closes, exit 0.
  installGracefulShutdown({
    graceSeconds: env.SHUTDOWN_GRACE_SECONDS,
    stopJobs: async () => void (await Promise.all([runner.stop(), folding.stop()])),
    closeDatabase: () => handle.close(),
  });
} catch (error) {
  console.error(error instanceof OperatorError ? error.message : error);
  process.exit(1);
}
