import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db/database";
import { describeFailure } from "@/db/errors";
import { scheduledJobs } from "@/db/schema";
import { log as portalLog } from "@/lib/log";
import { startTicker, type Ticker } from "./ticker";

// docs/architecture.md#scheduled-jobs: a small job runner on the portal's own database, so that
// nothing else has to be run. Each job has a row in scheduled_jobs; every instance ticks once a
// minute and claims a due job with one conditional UPDATE (a lease), so of several instances
// exactly one runs it. A failed run is logged and retried later, never thrown at the caller.

export type JobLog = { info(message: string): void; error(message: string): void };

/** The runner's lines in the portal's structured log. */
const structuredLog: JobLog = {
  info: (message) => portalLog.info({ component: "jobs" }, message),
  error: (message) => portalLog.error({ component: "jobs" }, message),
};

export type Job = {
  name: string;
  /** The UK time of day ("HH:MM", Europe/London) it runs, once a day. */
  dailyAt: string;
  /** Does the work (in transactions of its own) and says in one line what it did. */
  run(db: Database, now: Date): Promise<string>;
};

export type JobOutcome = { name: string; outcome: "succeeded" | "failed"; summary: string };

/** How long a claim holds: an instance that died mid-run gives the job up after this. */
const LEASE_MINUTES = 30;
/** Failures in a row retried within the day, after 5, 10, 20… minutes; then the next daily run. */
const RETRIES = 4;
const RETRY_BASE_MINUTES = 5;

/**
 * Gives each job its row, first due at its next daily time after `now`, unless it has one:
 * registering again (another instance, a restart) changes nothing, so a schedule exists once and
 * keeps its next run.
 */
export async function registerJobs(db: Database, jobs: readonly Job[], now = new Date()): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insert(scheduledJobs)
    .values(jobs.map((job) => ({ name: job.name, nextRunAt: nextDailyRun(now, job.dailyAt), createdAt: now, updatedAt: now })))
    .onConflictDoNothing({ target: scheduledJobs.name });
}

/**
 * Runs, one after another, the jobs due at `now` that this instance manages to claim; once
 * `stopping` says so, it claims no more (the job running then finishes).
 */
export async function runDueJobs(
  db: Database,
  jobs: readonly Job[],
  { now = new Date(), instance, log, stopping = () => false }: { now?: Date; instance: string; log: JobLog; stopping?: () => boolean },
): Promise<JobOutcome[]> {
  const due = await db
    .select({ name: scheduledJobs.name })
    .from(scheduledJobs)
    .where(and(inArray(scheduledJobs.name, jobs.map((job) => job.name)), lte(scheduledJobs.nextRunAt, now)));
  const outcomes: JobOutcome[] = [];
  for (const job of jobs.filter((candidate) => due.some((row) => row.name === candidate.name))) {
    if (stopping()) break;
    const claim = await claimJob(db, job.name, instance, now);
    if (!claim) continue;
    outcomes.push(await runClaimed(db, job, claim.attempts, instance, now, log));
  }
  return outcomes;
}

/** Takes the job for `instance` if it is due and nobody holds a live lease on it; null otherwise. */
async function claimJob(db: Database, name: string, instance: string, now: Date): Promise<{ attempts: number } | null> {
  const [row] = await db
    .update(scheduledJobs)
    .set({ lockedUntil: new Date(now.getTime() + LEASE_MINUTES * 60_000), lockedBy: instance, lastStartedAt: now, updatedAt: now })
    .where(and(eq(scheduledJobs.name, name), lte(scheduledJobs.nextRunAt, now), or(isNull(scheduledJobs.lockedUntil), lte(scheduledJobs.lockedUntil, now))))
    .returning({ attempts: scheduledJobs.attempts });
  return row ?? null;
}

async function runClaimed(db: Database, job: Job, attempts: number, instance: string, now: Date, log: JobLog): Promise<JobOutcome> {
  const held = and(eq(scheduledJobs.name, job.name), eq(scheduledJobs.lockedBy, instance));
  try {
    const summary = await job.run(db, now);
    await db
      .update(scheduledJobs)
      .set({ nextRunAt: nextDailyRun(now, job.dailyAt), lockedUntil: null, lockedBy: null, attempts: 0, lastFinishedAt: new Date(), lastOutcome: "succeeded", lastError: null, updatedAt: new Date() })
      .where(held);
    log.info(`Job ${job.name}: ${summary}`);
    return { name: job.name, outcome: "succeeded", summary };
  } catch (error) {
    const failures = attempts + 1;
    const message = describeFailure(error);
    const retryAt = failures <= RETRIES ? new Date(now.getTime() + RETRY_BASE_MINUTES * 2 ** (failures - 1) * 60_000) : null;
    await db
      .update(scheduledJobs)
      .set({
        nextRunAt: retryAt ?? nextDailyRun(now, job.dailyAt),
        lockedUntil: null,
        lockedBy: null,
        attempts: retryAt ? failures : 0,
        lastFinishedAt: new Date(),
        lastOutcome: "failed",
        lastError: message,
        updatedAt: new Date(),
      })
      .where(held);
    log.error(`Job ${job.name} failed (${failures} in a row): ${message}. ${retryAt ? `Retrying at ${retryAt.toISOString()}.` : "Next try at its next daily run."}`);
    return { name: job.name, outcome: "failed", summary: message };
  }
}

/** The next `at` (UK time, "HH:MM") after `now`, as PostgreSQL reckons it across clock changes. */
function nextDailyRun(now: Date, at: string) {
  const moment = now.toISOString();
  return sql`(select case when s.today > ${moment}::timestamptz then s.today else s.tomorrow end from (select
      ((${moment}::timestamptz at time zone 'Europe/London')::date + ${at}::time) at time zone 'Europe/London' as today,
      ((${moment}::timestamptz at time zone 'Europe/London')::date + 1 + ${at}::time) at time zone 'Europe/London' as tomorrow) s)`;
}

export type JobRunner = Ticker;

/**
 * Registers the jobs and ticks every `intervalMs` until stopped; a tick never overlaps the last
 * one, and stopping starts no further job. `keepAlive: false` (the portal) lets the process exit
 * without stopping it first.
 */
export function startJobRunner(
  db: Database,
  jobs: readonly Job[],
  { intervalMs = 60_000, log = structuredLog, keepAlive = false }: { intervalMs?: number; log?: JobLog; keepAlive?: boolean } = {},
): JobRunner {
  const instance = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  return startTicker((stopping) => runDueJobs(db, jobs, { instance, log, stopping }), {
    intervalMs,
    keepAlive,
    first: registerJobs(db, jobs).catch((error: unknown) => log.error(`Cannot register the scheduled jobs: ${describeFailure(error)}`)),
    onError: (error) => log.error(`The job runner could not check for due jobs: ${describeFailure(error)}`),
  });
}
