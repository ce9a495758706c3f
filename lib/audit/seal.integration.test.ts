import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withContext } from "@/db/context";
import { rowsOf, type DatabaseHandle } from "@/db/database";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { auditEvent, recordAudit, recordAudits } from "./record";
import { verifyChain } from "./verify";

// The sealer links a transaction's events at commit in one pass and moves the chain's head once
// (migration 0015): a bulk upload's thousands of events commit in time proportional to their
// number, and the chain is the same as event-by-event sealing made.

let handle: TestDatabase;
let app: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  app = await handle.connectAsApp({ max: handle.driver === "postgres" ? 4 : 1 });
  // Every move of the head is noted.
  await handle.db.execute(sql`create table head_moves (moved_at timestamptz not null default clock_timestamp())`);
  await handle.db.execute(sql`create function note_head_move() returns trigger language plpgsql security definer as $$
    begin insert into head_moves default values; return null; end $$`);
  await handle.db.execute(sql`create trigger audit_chain_head_moves_noted after update on audit_chain_head for each row execute function note_head_move()`);
});
afterAll(async () => {
  await handle?.close();
});
beforeEach(async () => {
  await handle.db.execute(sql`delete from head_moves`);
});

async function headMoves(): Promise<number> {
  return rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from head_moves`))[0]!.n;
}

type Link = { position: number; event_seq: number; action: string };
async function linksAfter(position: number): Promise<Link[]> {
  return rowsOf<Link>(
    await handle.db.execute(sql`
      select c.position::int as position, c.event_seq::int as event_seq, e.action
      from audit_chain c join audit_events e on e.seq = c.event_seq where c.position > ${position} order by c.position`),
  );
}
async function headPosition(): Promise<number> {
  return rowsOf<{ position: number }>(await handle.db.execute(sql`select position::int as position from audit_chain_head`))[0]!.position;
}

describe("sealing the audit chain at commit", () => {
  it("links all 500 events of a transaction in insertion order and moves the head once", async () => {
    const before = await headPosition();
    const events = Array.from({ length: 500 }, (_, index) => auditEvent(null, "session.signed_in", { details: { index } }));
    await withContext(app.db, {}, (tx) => recordAudits(tx, events));
    const links = await linksAfter(before);
    expect(links.map((link) => link.position)).toEqual(Array.from({ length: 500 }, (_, index) => before + index + 1));
    expect(links.map((link) => link.event_seq)).toEqual([...links.map((link) => link.event_seq)].sort((a, b) => a - b));
    expect(await headPosition()).toBe(before + 500);
    expect(await headMoves()).toBe(1);
    expect(await verifyChain(app.db, { role: "auditor" })).toMatchObject({ intact: true, broken: null });
  });

  it("leaves out an event whose savepoint rolled back, and links the rest", async () => {
    const before = await headPosition();
    await withContext(app.db, {}, async (tx) => {
      await recordAudit(tx, auditEvent(null, "session.signed_in"));
      await tx
        .transaction(async (inner) => {
          await recordAudit(inner, auditEvent(null, "sign_in.failed", { outcome: "failure" }));
          throw new Error("the inner change failed");
        })
        .catch((error: unknown) => {
          if (!(error instanceof Error) || error.message !== "the inner change failed") throw error;
        });
      await recordAudit(tx, auditEvent(null, "session.signed_out"));
    });
    expect((await linksAfter(before)).map((link) => link.action)).toEqual(["session.signed_in", "session.signed_out"]);
    expect(await headMoves()).toBe(1);
    expect(await verifyChain(app.db, { role: "auditor" })).toMatchObject({ intact: true, broken: null });
  });

  it("still links an event that names another transaction, by its own call", async () => {
    const before = await headPosition();
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into audit_events (action, outcome, transaction_id) values ('session.signed_in', 'success', 1)`);
      await tx.execute(sql`insert into audit_events (action, outcome) values ('session.signed_out', 'success')`);
    });
    expect((await linksAfter(before)).map((link) => link.action)).toEqual(["session.signed_in", "session.signed_out"]);
    expect(await verifyChain(app.db, { role: "auditor" })).toMatchObject({ intact: true, broken: null });
  });
});
