import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectServer } from "@/db/connect";
import { verifyChain, type ChainVerdict } from "@/lib/audit/verify";
import { createSeededDatabase, createSubmitterTokens, dropDatabase, type SeededDatabase } from "./support/database";
import { readLedger, takeBaseline, type Ledger } from "./support/ledger";
import { describeLoad, runLoad, type Outcome } from "./support/load";
import { LOAD_SECONDS, startPortal, serverUrl, SUBMITTERS, type ReliabilityPortal } from "./support/portal";

// Many partner systems submitting at once through the API, against the built portal on the
// PostgreSQL server: nothing accepted is lost or doubled, nothing fails untidily.

let database: SeededDatabase | undefined;
let portal: ReliabilityPortal | undefined;
let outcomes: Outcome[] = [];
let ledger: Ledger;
let chain: ChainVerdict;

beforeAll(async () => {
  database = await createSeededDatabase(serverUrl(), "vawg_reliability_load");
  const tokens = await createSubmitterTokens(database.ownerUrl);
  portal = await startPortal(database.appUrl);
  const baseline = await takeBaseline(database.ownerUrl);
  const started = Date.now();
  outcomes = await runLoad({ baseURL: portal.baseURL, tokens, submitters: SUBMITTERS, durationMs: LOAD_SECONDS * 1000 });
  console.info(`Load, ${SUBMITTERS} submitters:\n${describeLoad(outcomes, Date.now() - started)}`);
  ledger = await readLedger(database.ownerUrl, baseline, outcomes, portal.partnerReferenceSecret);
  // The whole audit log, walked as the scheduled verification walks it (no viewer).
  const owner = await connectServer(database.ownerUrl, { max: 1 });
  try {
    chain = await verifyChain(owner.db, {});
  } finally {
    await owner.close();
  }
}, (LOAD_SECONDS + 240) * 1000);

afterAll(async () => {
  await portal?.stop();
  if (database) await dropDatabase(serverUrl(), database.name);
});

describe(`${SUBMITTERS} concurrent submitters for ${LOAD_SECONDS} seconds`, () => {
  it("get an answer to every request, and never a 5xx", () => {
    expect(outcomes.length).toBeGreaterThan(0);
    const untidy = outcomes.filter((outcome) => outcome.status === 0 || outcome.status >= 500);
    expect(untidy.map((outcome) => `${outcome.status} ${outcome.detail}`)).toEqual([]);
  });

  it("have submissions accepted with the id of what was stored", () => {
    const accepted = outcomes.filter((outcome) => outcome.status === 201);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.filter((outcome) => !outcome.id)).toEqual([]);
    expect(new Set(accepted.map((outcome) => outcome.id)).size).toBe(accepted.length);
  });

  it("are refused, when at all, only as too many requests, with a problem saying so", () => {
    const refused = outcomes.filter((outcome) => outcome.status >= 400 && outcome.status < 500);
    const unclear = refused.filter((outcome) => outcome.status !== 429 || outcome.contentType !== "application/problem+json" || !outcome.detail);
    expect(unclear.map((outcome) => `${outcome.status} ${outcome.detail}`)).toEqual([]);
  });

  it("leave every accepted submission stored exactly once, and nothing that was not accepted", () => {
    const acceptedIds = outcomes.filter((outcome) => outcome.status === 201).map((outcome) => outcome.id);
    expect(ledger.stored.length).toBeGreaterThan(0);
    expect(ledger.stored.map((row) => row.id).sort()).toEqual([...acceptedIds].sort());
    // Each stored row is the one its own request was told about.
    expect(ledger.stored.filter((row) => row.outcome?.id !== row.id)).toEqual([]);
    expect(ledger.stored.filter((row) => row.status !== "submitted" || row.threatAreas === 0)).toEqual([]);
  });

  it("leave one audit event for each stored submission, and none for anything else", () => {
    expect(ledger.stored.length).toBeGreaterThan(0);
    expect(ledger.stored.filter((row) => row.auditEvents !== 1)).toEqual([]);
    expect([...ledger.auditedIds].sort()).toEqual(ledger.stored.map((row) => row.id).sort());
  });

  it("leave the audit chain whole: every event sealed, in one unbroken chain", () => {
    expect(chain.broken).toBeNull();
    expect(chain.intact).toBe(true);
    expect(chain.checked).toBeGreaterThanOrEqual(ledger.stored.length);
  });
});
