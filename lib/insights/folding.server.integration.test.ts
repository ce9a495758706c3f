import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/database";
import type { TestDatabase } from "@/db/testing";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { foldInsightChanges } from "./folding";

// docs/insights.md#counting: one fold at a time. Two connections at once, so on the server only.

let test: TestDatabase;
let app: DatabaseHandle;

beforeAll(async () => {
  test = await openDemoDatabase(new Date("2026-11-15T12:00:00Z"), { disclosuresPerPartner: 1 });
  app = await test.connectAsApp({ max: 2 });
});
afterAll(async () => {
  await test?.close();
});

it("leaves the log to a fold under way rather than wait, unless asked to wait", async () => {
  // A disclosure taken out and put back: two changes to fold that leave every count as it was.
  await test.db.execute(sql`
    insert into insight_changes (sign, disclosure)
    select s.sign, app_insight_counted(d) from (select * from disclosures where status = 'submitted' limit 1) d cross join (values (-1), (1)) s(sign)`);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const lockTaken = new Promise<void>((resolve) => (locked = resolve));
  const holder = test.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('app_fold_insight_changes'))`);
    locked();
    await held;
  });
  await lockTaken;
  expect(await foldInsightChanges(app.db, { wait: false })).toBe(0);
  const waiting = foldInsightChanges(app.db, { wait: true });
  release();
  await holder;
  expect(await waiting).toBe(2);
});
