import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCluster, type ThrowawayCluster } from "./support/cluster";
import { createSeededDatabase, createSubmitterTokens, type SeededDatabase } from "./support/database";
import { readLedger, takeBaseline, type Ledger } from "./support/ledger";
import { describeLoad, runLoad, sleep, type Outcome } from "./support/load";
import { startPortal, type ReliabilityPortal } from "./support/portal";

// The PostgreSQL server restarts under load: a cluster of the test's own (never the shared
// server), stopped fast in the middle of a run and started again after a few seconds.

const SUBMITTERS = 50;
const LOAD_MS = 35_000;
const DOWN_AFTER_MS = 8_000;
const OUTAGE_MS = 3_000;
const RECOVERY_MS = 10_000;

/** A health check: when it was sent and when its answer came. */
type HealthSample = { at: number; answeredAt: number; status: number; database?: string };

let cluster: ThrowawayCluster | undefined;
let database: SeededDatabase;
let portal: ReliabilityPortal | undefined;
let outcomes: Outcome[] = [];
let health: HealthSample[] = [];
let ledger: Ledger;
let stoppedAt = 0;
let downAt = 0;
let restartingAt = 0;
let startedAgainAt = 0;

async function sampleHealth(baseURL: string, until: () => boolean): Promise<HealthSample[]> {
  const samples: HealthSample[] = [];
  while (!until()) {
    const at = Date.now();
    try {
      const response = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const body = (await response.json()) as { checks?: { database?: { status?: string } } };
      samples.push({ at, answeredAt: Date.now(), status: response.status, database: body.checks?.database?.status });
    } catch {
      samples.push({ at, answeredAt: Date.now(), status: 0 });
    }
    await sleep(200);
  }
  return samples;
}

/** How many warning and error log lines the portal wrote, by the error's message: what a failure here is read with. */
function tallyProblems(log: string): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const line of log.split("\n")) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { level?: string; msg?: string; err?: { message?: string } };
    if (entry.level !== "warn" && entry.level !== "error") continue;
    const cause = entry.err?.message ?? entry.msg ?? "unknown";
    tally[cause] = (tally[cause] ?? 0) + 1;
  }
  return tally;
}

beforeAll(async () => {
  cluster = await createCluster();
  database = await createSeededDatabase(cluster.url, "vawg_reliability_restart");
  const tokens = await createSubmitterTokens(database.ownerUrl);
  // The restart is what is under test, not the rate limits: 50 submitters on recovery outrun a token's 300 a minute.
  portal = await startPortal(database.appUrl, { API_RATE_LIMIT_PER_TOKEN: "100000", API_RATE_LIMIT_PER_ORGANISATION: "1000000" });
  const baseline = await takeBaseline(database.ownerUrl);
  let loadDone = false;
  const started = Date.now();
  const load = runLoad({ baseURL: portal.baseURL, tokens, submitters: SUBMITTERS, durationMs: LOAD_MS }).finally(() => (loadDone = true));
  const sampling = sampleHealth(portal.baseURL, () => loadDone);
  await sleep(DOWN_AFTER_MS);
  stoppedAt = Date.now();
  await cluster.stop();
  downAt = Date.now();
  await sleep(OUTAGE_MS);
  restartingAt = Date.now();
  await cluster.start();
  startedAgainAt = Date.now();
  outcomes = await load;
  health = await sampling;
  console.info(
    `Restart under load, ${SUBMITTERS} submitters; server stopped ${stoppedAt - started} ms in, back ${startedAgainAt - started} ms in:\n${describeLoad(outcomes, Date.now() - started)}`,
  );
  console.info(`The portal's warnings and errors, by cause: ${JSON.stringify(tallyProblems(portal.stdout()))}`);
  ledger = await readLedger(database.ownerUrl, baseline, outcomes, portal.partnerReferenceSecret);
  const healthBack = health.find((sample) => sample.at >= startedAgainAt && sample.status === 200);
  console.info(
    `Health ready again ${healthBack ? healthBack.at - startedAgainAt : "never"} ms after the server was back; ` +
      `${ledger.stored.filter((row) => row.outcome?.status !== 201).length} stored submission(s) whose request heard 503 (commit answer lost).`,
  );
}, 240_000);

afterAll(async () => {
  await portal?.stop();
  // The whole cluster goes, its databases with it, whatever happened above.
  cluster?.remove();
});

describe("a PostgreSQL restart in the middle of a load", () => {
  it("fails the requests it meets cleanly: 503 with a problem saying to try again, never a 500 or a dropped connection", () => {
    const failed = outcomes.filter((outcome) => outcome.status !== 201);
    expect(failed.length).toBeGreaterThan(0);
    const unclean = failed.filter(
      (outcome) => outcome.status !== 503 || outcome.contentType !== "application/problem+json" || !outcome.detail,
    );
    expect(unclean.map((outcome) => `${outcome.status} ${outcome.detail}`)).toEqual([]);
    expect(failed.filter((outcome) => outcome.status === 503)[0]?.detail).toMatch(/cannot reach its database just now.*Try again in a few seconds/);
  });

  it("half-writes nothing: every accepted submission is stored whole and audited once, and anything else stored was sent by a request the outage cut off", () => {
    const accepted = outcomes.filter((outcome) => outcome.status === 201);
    expect(accepted.length).toBeGreaterThan(0);
    const storedIds = new Set(ledger.stored.map((row) => row.id));
    expect(accepted.filter((outcome) => !storedIds.has(outcome.id!))).toEqual([]);
    expect(ledger.stored.filter((row) => row.threatAreas === 0 || row.auditEvents !== 1 || row.status !== "submitted")).toEqual([]);
    // A commit whose answer the restart swallowed is stored though its request heard 503; its partner reference says which.
    const unacknowledged = ledger.stored.filter((row) => row.outcome?.status !== 201);
    expect(unacknowledged.filter((row) => row.outcome?.status !== 503)).toEqual([]);
    expect([...ledger.auditedIds].sort()).toEqual([...storedIds].sort());
  });

  it("recovers by itself within 10 seconds of the server being back: every submission sent after that is accepted", () => {
    const later = outcomes.filter((outcome) => outcome.startedAt >= startedAgainAt + RECOVERY_MS);
    expect(later.length).toBeGreaterThan(0);
    expect(later.filter((outcome) => outcome.status !== 201).map((outcome) => `${outcome.status} ${outcome.detail}`)).toEqual([]);
  });

  it("reports the outage on /api/health, and the recovery", () => {
    // Asked once the server was down and answered before it began to start again: a check still
    // unanswered when it started may rightly find it up.
    const during = health.filter((sample) => sample.at >= downAt && sample.answeredAt < restartingAt);
    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((sample) => sample.status !== 503 || sample.database !== "down")).toEqual([]);
    const recovered = health.find((sample) => sample.at >= startedAgainAt && sample.status === 200);
    expect(recovered).toMatchObject({ status: 200, database: "up" });
    expect(recovered!.at - startedAgainAt).toBeLessThanOrEqual(RECOVERY_MS);
    expect(health.filter((sample) => sample.answeredAt < stoppedAt).every((sample) => sample.status === 200)).toBe(true);
  });
});
