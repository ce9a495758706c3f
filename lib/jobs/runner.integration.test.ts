import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { registerJobs, runDueJobs, startJobRunner, type Job, type JobLog } from "./runner";

// The job runner: schedules exist once, a due job runs on one instance only, a failure is logged
// and retried without reaching the caller, and daily runs keep to UK time across clock changes.

let handle: TestDatabase;
let app: DatabaseHandle;
let other: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  app = await handle.connectAsApp({ max: 2 });
  // A second instance of the portal: its own pool on the server (PGlite has one connection).
  other = await handle.connectAsApp({ max: 2 });
});
afterAll(async () => {
  await handle?.close();
});

function recordingLog() {
  const lines: { level: "info" | "error"; message: string }[] = [];
  const log: JobLog = { info: (message) => lines.push({ level: "info", message }), error: (message) => lines.push({ level: "error", message }) };
  return { log, lines };
}

function countingJob(name: string, { dailyAt = "02:30", fail = false, takesMs = 0 } = {}) {
  const runs: Date[] = [];
  const job: Job = {
    name,
    dailyAt,
    async run(_db, now) {
      runs.push(now);
      if (takesMs) await sleep(takesMs);
      if (fail) throw new Error(`${name} could not reach something`);
      return `ran at ${now.toISOString()}`;
    },
  };
  return { job, runs };
}

async function schedule(name: string) {
  const [row] = await handle.db.select().from(t.scheduledJobs).where(eq(t.scheduledJobs.name, name));
  return row!;
}

describe("scheduling", () => {
  it("registers each schedule once, first due at its next daily time: registering again, from any instance, keeps its row and next run", async () => {
    const { job } = countingJob("test.register");
    await registerJobs(app.db, [job], new Date("2026-06-01T10:00:00Z"));
    await registerJobs(other.db, [job], new Date("2026-06-02T10:00:00Z"));
    await registerJobs(app.db, [job], new Date("2026-06-03T10:00:00Z"));

    const rows = await handle.db.select().from(t.scheduledJobs).where(eq(t.scheduledJobs.name, "test.register"));
    expect(rows).toHaveLength(1);
    // 02:30 in London on 2 June is 01:30 UTC (summer time).
    expect(rows[0]!.nextRunAt.toISOString()).toBe("2026-06-02T01:30:00.000Z");
  });

  it("runs a job when due, then not again until its next daily time in UK time", async () => {
    const { job, runs } = countingJob("test.daily", { dailyAt: "02:30" });
    const { log, lines } = recordingLog();
    await registerJobs(app.db, [job], new Date("2026-06-01T00:00:00Z"));

    expect(await runDueJobs(app.db, [job], { now: new Date("2026-06-01T01:29:00Z"), instance: "a", log })).toEqual([]);
    const first = await runDueJobs(app.db, [job], { now: new Date("2026-06-01T01:30:00Z"), instance: "a", log });
    expect(first).toEqual([{ name: "test.daily", outcome: "succeeded", summary: "ran at 2026-06-01T01:30:00.000Z" }]);
    expect((await schedule("test.daily")).nextRunAt.toISOString()).toBe("2026-06-02T01:30:00.000Z");
    expect(await runDueJobs(app.db, [job], { now: new Date("2026-06-02T01:29:00Z"), instance: "a", log })).toEqual([]);
    expect(runs).toHaveLength(1);
    expect(lines).toEqual([{ level: "info", message: "Job test.daily: ran at 2026-06-01T01:30:00.000Z" }]);
    expect(await schedule("test.daily")).toMatchObject({ lockedBy: null, lockedUntil: null, lastOutcome: "succeeded", attempts: 0 });
  });

  it("keeps the daily time in UK time across the change to summer time", async () => {
    const { job } = countingJob("test.clock-change", { dailyAt: "02:30" });
    const { log } = recordingLog();
    await registerJobs(app.db, [job], new Date("2026-03-28T01:00:00Z"));
    // 28 March is still winter time: 02:30 in London is 02:30 UTC, later that day.
    expect((await schedule("test.clock-change")).nextRunAt.toISOString()).toBe("2026-03-28T02:30:00.000Z");
    await runDueJobs(app.db, [job], { now: new Date("2026-03-28T02:30:00Z"), instance: "a", log });
    // Clocks go forward at 01:00 UTC on 29 March: 02:30 BST is 01:30 UTC.
    expect((await schedule("test.clock-change")).nextRunAt.toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });
});

describe("failures", () => {
  it("logs a failing job and retries it later, never throwing at the caller", async () => {
    const failing = countingJob("test.failing", { fail: true });
    const healthy = countingJob("test.after-failing");
    const { log, lines } = recordingLog();
    await registerJobs(app.db, [failing.job, healthy.job], new Date("2026-07-01T00:00:00Z"));
    const start = new Date("2026-07-01T01:30:00Z");

    const outcomes = await runDueJobs(app.db, [failing.job, healthy.job], { now: start, instance: "a", log });

    expect(outcomes.map((outcome) => [outcome.name, outcome.outcome])).toEqual([
      ["test.failing", "failed"],
      ["test.after-failing", "succeeded"],
    ]);
    expect(lines.find((line) => line.level === "error")?.message).toMatch(
      /^Job test\.failing failed \(1 in a row\): test\.failing could not reach something\. Retrying at 2026-07-01T01:35:00\.000Z\.$/,
    );
    expect(await schedule("test.failing")).toMatchObject({ attempts: 1, lastOutcome: "failed", lastError: "test.failing could not reach something", lockedBy: null });
    expect((await schedule("test.failing")).nextRunAt.toISOString()).toBe("2026-07-01T01:35:00.000Z");

    // Retried after 5, then 10, 20 and 40 minutes; after that, at its next daily time.
    let now = start;
    for (const wait of [5, 10, 20, 40]) {
      now = new Date(now.getTime() + wait * 60_000);
      await runDueJobs(app.db, [failing.job], { now, instance: "a", log });
    }
    expect(failing.runs).toHaveLength(5);
    expect(await schedule("test.failing")).toMatchObject({ attempts: 0, lastOutcome: "failed" });
    expect((await schedule("test.failing")).nextRunAt.toISOString()).toBe("2026-07-02T01:30:00.000Z");
  });
});

describe("the runner in a process", () => {
  it("registers its jobs, runs the due ones and keeps ticking after one fails, until stopped", async () => {
    const failing = countingJob("test.process-failing", { fail: true });
    const healthy = countingJob("test.process-healthy");
    const { log, lines } = recordingLog();
    // Registered a day ago, so both are due now; starting registers them again, which changes nothing.
    await registerJobs(app.db, [failing.job, healthy.job], new Date(Date.now() - 25 * 3_600_000));
    const runner = startJobRunner(app.db, [failing.job, healthy.job], { intervalMs: 20, log });
    for (let waited = 0; healthy.runs.length === 0 && waited < 5_000; waited += 20) await sleep(20);
    await sleep(100);
    await runner.stop();

    expect(failing.runs).toHaveLength(1);
    expect(healthy.runs).toHaveLength(1);
    expect(lines.filter((line) => line.level === "error").map((line) => line.message)).toEqual([
      expect.stringMatching(/^Job test\.process-failing failed \(1 in a row\): test\.process-failing could not reach something\. Retrying at /),
    ]);
    expect(await schedule("test.process-healthy")).toMatchObject({ lastOutcome: "succeeded", lockedBy: null });
  });
});

describe("several instances", () => {
  it("run a due job on one instance only, even when both look at the same moment", async () => {
    const { job, runs } = countingJob("test.singleton", { takesMs: 300 });
    const { log } = recordingLog();
    await registerJobs(app.db, [job], new Date("2026-08-01T00:00:00Z"));
    const now = new Date("2026-08-01T01:30:00Z");

    const [first, second] = await Promise.all([
      runDueJobs(app.db, [job], { now, instance: "instance-1", log }),
      runDueJobs(other.db, [job], { now, instance: "instance-2", log }),
    ]);

    expect(runs).toHaveLength(1);
    expect([...first, ...second]).toHaveLength(1);
  });

  it("leave a job alone while another instance holds it, and take it over once that lease has run out", async () => {
    const { job, runs } = countingJob("test.lease");
    const { log } = recordingLog();
    await registerJobs(app.db, [job], new Date("2026-09-01T00:00:00Z"));
    const now = new Date("2026-09-01T01:30:00Z");
    // Another instance claimed it and died: its lease runs for 30 minutes.
    await handle.db.update(t.scheduledJobs).set({ lockedBy: "dead-instance", lockedUntil: new Date(now.getTime() + 30 * 60_000) }).where(eq(t.scheduledJobs.name, "test.lease"));

    expect(await runDueJobs(app.db, [job], { now: new Date(now.getTime() + 29 * 60_000), instance: "a", log })).toEqual([]);
    const later = await runDueJobs(app.db, [job], { now: new Date(now.getTime() + 30 * 60_000), instance: "a", log });
    expect(later.map((outcome) => outcome.outcome)).toEqual(["succeeded"]);
    expect(runs).toHaveLength(1);
  });
});

describe("stopping the runner (graceful shutdown)", () => {
  it("lets the job running finish and record its outcome, and starts no other", async () => {
    const slow = countingJob("test.stop-slow", { takesMs: 300 });
    const next = countingJob("test.stop-next");
    let finished = false;
    const slowJob: Job = { ...slow.job, run: async (db, now) => ((await slow.job.run(db, now)), (finished = true), "slow job done") };
    const { log } = recordingLog();
    await registerJobs(app.db, [slowJob, next.job], new Date(Date.now() - 25 * 3_600_000));
    const runner = startJobRunner(app.db, [slowJob, next.job], { intervalMs: 20, log });
    for (let waited = 0; slow.runs.length === 0 && waited < 5_000; waited += 10) await sleep(10);
    expect(slow.runs).toHaveLength(1);

    await runner.stop();
    expect(finished).toBe(true);
    expect(next.runs).toHaveLength(0);
    expect(await schedule("test.stop-slow")).toMatchObject({ lastOutcome: "succeeded", lockedBy: null });
    expect((await schedule("test.stop-next")).lastStartedAt).toBeNull();
  });
});
