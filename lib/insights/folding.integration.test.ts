import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withContext } from "@/db/context";
import { rowsOf, type Database, type DatabaseHandle } from "@/db/database";
import { asAppWithoutContext, refusedWith, type TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/viewer";
import { toDisclosureInput } from "@/lib/disclosures/rows";
import { submitDisclosure, withdrawDisclosure } from "@/lib/disclosures/service";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import { foldInsightChanges, startInsightFolding } from "./folding";

// docs/insights.md#counting: a change to what is counted is logged in the changing transaction and
// folded into insight_counts later, oldest first, exactly once, by one fold at a time.

const NOW = new Date("2026-11-15T12:00:00Z");
const LEEDS = "E08000035";
const MONTH = "2026-09";
let test: TestDatabase;
let app: DatabaseHandle;
let caseworker: Viewer;

beforeAll(async () => {
  test = await openDemoDatabase(NOW);
  app = await test.connectAsApp({ max: test.driver === "postgres" ? 2 : 1 });
  caseworker = await viewerFor(test.db, "caseworker@idva.example");
});
afterAll(async () => {
  await test?.close();
});

let seed = 500;
/** A submission for Leeds in September 2026, with `context` free text and the ethnicity given. */
async function submit(ethnicity = "english_welsh_scottish_ni_british"): Promise<string> {
  const [record] = generateDisclosures({ seed: ++seed, count: 1, partnerType: "idva_service", ladCodes: [LEEDS], months: [MONTH], now: NOW });
  const input = {
    ...(toDisclosureInput(record!.disclosure, record!.threatAreas) as Record<string, unknown>),
    threat_areas: { domestic_abuse: ["coercive_control"] },
    online_platforms: [],
    victim_ethnicity: ethnicity,
    context: "Disclosed at a drop-in session after a referral.",
  };
  return (await submitDisclosure(caseworker, input, undefined, NOW)).id;
}

type Logged = { sign: number; disclosure: Record<string, unknown> };
async function logged(): Promise<Logged[]> {
  return rowsOf<Logged>(await test.db.execute(sql`select sign, disclosure from insight_changes order by id`));
}

/** The counted cell of Leeds, September 2026, domestic abuse, for the caseworker's organisation. */
async function cell(dimension: string, value: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await test.db.execute(sql`select coalesce(sum(count), 0)::int as n from insight_counts
      where org_id = ${caseworker.organisation.id}::uuid and lad_code = ${LEEDS} and month = ${`${MONTH}-01`}::date
        and threat_area = 'domestic_abuse' and dimension = ${dimension} and value = ${value}`),
  );
  return row!.n;
}

describe("folding insight changes", () => {
  it("logs a submission once, without its free text, and counts it only when folded", async () => {
    const before = await cell("total", "");
    const id = await submit();
    const changes = await logged();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ sign: 1, disclosure: { id, status: "submitted", lad_code: LEEDS, threat_areas: ["domestic_abuse"] } });
    for (const hidden of ["context", "partner_reference_hash", "access_keys", "withdrawn_reason"]) expect(changes[0]!.disclosure).not.toHaveProperty(hidden);
    expect(await cell("total", "")).toBe(before);
    expect(await foldInsightChanges(test.db, { wait: true })).toBe(1);
    expect(await cell("total", "")).toBe(before + 1);
    expect(await logged()).toEqual([]);
  });

  it("takes a withdrawn disclosure out, and logs nothing for a rewrite that changes nothing counted", async () => {
    const id = await submit("indian");
    await foldInsightChanges(test.db, { wait: true });
    const [total, indian] = [await cell("total", ""), await cell("victim_ethnicity", "indian")];
    await test.db.execute(sql`update disclosures set updated_at = updated_at + interval '1 second' where id = ${id}::uuid`);
    expect(await logged()).toEqual([]);
    await withdrawDisclosure(caseworker, id, "Entered twice by mistake", NOW);
    expect((await logged()).map((change) => [change.sign, change.disclosure.id])).toEqual([[-1, id]]);
    expect(await foldInsightChanges(test.db, { wait: true })).toBe(1);
    expect([await cell("total", ""), await cell("victim_ethnicity", "indian")]).toEqual([total - 1, indian - 1]);
  });

  it("moves a disclosure whose counted answers change out of its old cells and into its new ones", async () => {
    const id = await submit("pakistani");
    await foldInsightChanges(test.db, { wait: true });
    const [pakistani, bangladeshi] = [await cell("victim_ethnicity", "pakistani"), await cell("victim_ethnicity", "bangladeshi")];
    await test.db.execute(sql`update disclosures set victim_ethnicity = 'bangladeshi' where id = ${id}::uuid`);
    expect((await logged()).map((change) => [change.sign, change.disclosure.victim_ethnicity])).toEqual([
      [-1, "pakistani"],
      [1, "bangladeshi"],
    ]);
    await foldInsightChanges(test.db, { wait: true });
    expect([await cell("victim_ethnicity", "pakistani"), await cell("victim_ethnicity", "bangladeshi")]).toEqual([pakistani - 1, bangladeshi + 1]);
  });

  it("folds the oldest changes first, at most the limit asked for, each once", async () => {
    const ids = [await submit(), await submit(), await submit()];
    const before = await cell("total", "");
    expect(await foldInsightChanges(test.db, { limit: 2, wait: true })).toBe(2);
    expect((await logged()).map((change) => change.disclosure.id)).toEqual([ids[2]]);
    expect(await cell("total", "")).toBe(before + 2);
    expect(await foldInsightChanges(test.db, { limit: 2, wait: true })).toBe(1);
    expect(await foldInsightChanges(test.db, { limit: 2, wait: true })).toBe(0);
    expect(await cell("total", "")).toBe(before + 3);
  });

  it("refuses a fold of no changes", async () => {
    await expect(foldInsightChanges(test.db, { limit: 0, wait: true })).rejects.toMatchObject(refusedWith("22023", /A fold takes at least one change/));
  });

  it("lets the app role fold but never read or write the log", async () => {
    await submit();
    await expect(asAppWithoutContext(app.db, (tx) => tx.execute(sql`select count(*) from insight_changes`))).rejects.toMatchObject(
      refusedWith("42501", /permission denied for table insight_changes/),
    );
    await expect(asAppWithoutContext(app.db, (tx) => tx.execute(sql`delete from insight_changes`))).rejects.toMatchObject(
      refusedWith("42501", /permission denied for table insight_changes/),
    );
    expect(await withContext(app.db, {}, (tx) => foldInsightChanges(tx as Database, { wait: true }))).toBe(1);
  });
});

describe("the folding loop", () => {
  /** Polls `done` every 20 ms for up to 10 s. */
  async function eventually(done: () => Promise<boolean> | boolean): Promise<void> {
    for (let tries = 0; tries < 500; tries++) {
      if (await done()) return;
      await sleep(20);
    }
    throw new Error("Not within 10 s");
  }

  it("folds what is logged at its next tick, and folds nothing once stopped", async () => {
    const before = await cell("total", "");
    const folding = startInsightFolding(test.db, { intervalMs: 20 });
    try {
      await submit();
      await eventually(async () => (await cell("total", "")) === before + 1);
      expect(await logged()).toEqual([]);
    } finally {
      await folding.stop();
    }
    await submit();
    await sleep(100);
    expect(await logged()).toHaveLength(1);
    expect(await cell("total", "")).toBe(before + 1);
    await foldInsightChanges(test.db, { wait: true });
  });

  it("logs a fold that fails and tries again at the next tick", async () => {
    const errors: string[] = [];
    const failing = {
      execute: async () => {
        throw new Error("Connection terminated unexpectedly");
      },
    } as unknown as Database;
    const folding = startInsightFolding(failing, { intervalMs: 10, log: { info: () => undefined, error: (message) => errors.push(message) } });
    await eventually(() => errors.length >= 2);
    await folding.stop();
    expect(errors[0]).toBe("Could not fold the insight changes: Connection terminated unexpectedly");
  });
});
