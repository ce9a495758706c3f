import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withContext } from "@/db/context";
import { rowsOf, type Database, type DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { asAppWithoutContext, createTestDatabase, refusedWith, type TestDatabase } from "@/db/testing";
import { GENESIS_HASH } from "./chain";
import { auditEvent, recordAudit, recordAudits } from "./record";
import { verifyChain } from "./verify";

// The audit log is append-only and hash-chained (docs/security.md#audit-log): every committed
// event gets the next gap-free position at commit, nobody may change or remove an event or a
// link, and verification names the first link that does not hold.

let handle: TestDatabase;
let app: DatabaseHandle;
const AUDITOR = { role: "auditor" as const };
const SCHEDULER = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  app = await handle.connectAsApp({ max: handle.driver === "postgres" ? 20 : 1 });
});

afterAll(async () => {
  await handle?.close();
});

async function write(db: Database, action: "user.created" | "session.signed_in" = "session.signed_in", details: Record<string, unknown> = {}) {
  await withContext(db, {}, (tx) => recordAudit(tx, auditEvent({ userId: randomUUID() }, action, { details, client: { ipAddress: "192.0.2.7" } })));
}

type Link = { position: number; event_seq: number; prev_hash: string; hash: string };

async function links(): Promise<Link[]> {
  return rowsOf<Link>(await handle.db.execute(sql`select position::int as position, event_seq::int as event_seq, prev_hash, hash from audit_chain order by position`));
}

/** Runs `work` as the owner in a transaction that switches the audit log's maintenance setting on. */
function asOwnerInMaintenance(work: (tx: Database) => Promise<unknown>) {
  return handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local vawg.audit_maintenance = 'on'`);
    await work(tx as unknown as Database);
  });
}

describe("the audit chain", () => {
  it("seals each committed event with the next position, the previous link's hash and a hash verification recomputes", async () => {
    await write(app.db, "user.created", { note: "ünïcode, \"quotes\" | pipes ~ and 12:colons", nested: { b: 1, a: [1.0, null] } });
    await write(app.db);
    const chain = await links();
    expect(chain.map((link) => link.position)).toEqual(chain.map((_, index) => index + 1));
    expect(chain[0]?.prev_hash).toBe(GENESIS_HASH);
    expect(chain.slice(1).map((link) => link.prev_hash)).toEqual(chain.slice(0, -1).map((link) => link.hash));
    const verdict = await verifyChain(app.db, AUDITOR);
    expect(verdict).toMatchObject({ intact: true, checked: chain.length, broken: null, head: { position: chain.length, hash: chain.at(-1)?.hash } });
  });

  it("seals the events of a bulk write in the order they were inserted", async () => {
    const before = (await links()).length;
    await withContext(app.db, {}, (tx) =>
      recordAudits(tx, [auditEvent(null, "sign_in.failed", { outcome: "failure" }), auditEvent(null, "session.signed_out"), auditEvent(null, "session.ended")]),
    );
    const added = (await links()).slice(before);
    expect(added.map((link) => link.position)).toEqual([before + 1, before + 2, before + 3]);
    expect(added.map((link) => link.event_seq)).toEqual([...added.map((link) => link.event_seq)].sort((a, b) => a - b));
  });

  it("gives an event that rolls back neither a link nor a position", async () => {
    const before = await links();
    await expect(
      withContext(app.db, {}, async (tx) => {
        await recordAudit(tx, auditEvent(null, "session.signed_in"));
        throw new Error("the change it recorded failed");
      }),
    ).rejects.toThrow("the change it recorded failed");
    await write(app.db);
    const after = await links();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)?.position).toBe(before.length + 1);
  });

  it("leaves a gap-free chain that verifies after 50 concurrent audited transactions", async () => {
    const before = (await links()).length;
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        withContext(app.db, {}, async (tx) => {
          await recordAudit(tx, auditEvent({ userId: randomUUID() }, "disclosure.submitted", { details: { writer: index } }));
          // Work after the audit write, as a submission does, while the others commit.
          await tx.execute(sql`select pg_sleep(0.01)`);
        }),
      ),
    );
    const chain = await links();
    expect(chain.length).toBe(before + 50);
    expect(chain.map((link) => link.position)).toEqual(chain.map((_, index) => index + 1));
    expect(new Set(chain.map((link) => link.event_seq)).size).toBe(chain.length);
    expect(await verifyChain(app.db, SCHEDULER, { batchSize: 7 })).toMatchObject({ intact: true, checked: chain.length, broken: null });
  });

  it("seals the request id with the event, so a request id changed afterwards is named", async () => {
    const requestId = randomUUID();
    await withContext(app.db, {}, (tx) => recordAudit(tx, auditEvent(null, "session.signed_in", { client: { ipAddress: "192.0.2.8", requestId } })));
    const [stored] = rowsOf<{ seq: number; request_id: string }>(await handle.db.execute(sql`select seq::int as seq, request_id::text as request_id from audit_events order by seq desc limit 1`));
    expect(stored?.request_id).toBe(requestId);
    expect((await verifyChain(app.db, AUDITOR)).intact).toBe(true);
    await asOwnerInMaintenance((tx) => tx.execute(sql`update audit_events set request_id = ${randomUUID()} where seq = ${stored!.seq}`));
    expect((await verifyChain(app.db, AUDITOR)).broken).toMatchObject({ kind: "changed", eventSeq: stored!.seq });
    await asOwnerInMaintenance((tx) => tx.execute(sql`update audit_events set request_id = ${requestId} where seq = ${stored!.seq}`));
    expect((await verifyChain(app.db, AUDITOR)).intact).toBe(true);
  });

  it("refuses a client address that is not an IP address even from the owner, where the writer would have dropped it", async () => {
    for (const forged of ["6.6.6.6, 203.0.113.9", "<script>", "10.0.0.0/8", "unknown"]) {
      await expect(handle.db.execute(sql`insert into audit_events (action, outcome, ip_address) values ('sign_in.failed', 'failure', ${forged})`)).rejects.toMatchObject(
        refusedWith("23514", /audit_events_ip_address_is_inet/),
      );
    }
  });
});

describe("the audit log refuses change", () => {
  const tables = ["audit_events", "audit_chain"] as const;

  for (const table of tables) {
    it(`refuses UPDATE, DELETE and TRUNCATE on ${table} to the app role by privilege`, async () => {
      for (const statement of [`update ${table} set hash = hash`, `delete from ${table}`, `truncate ${table}`]) {
        const sqlText = table === "audit_events" ? statement.replace("set hash = hash", "set action = action") : statement;
        await expect(asAppWithoutContext(app.db, (tx) => tx.execute(sql.raw(sqlText)))).rejects.toMatchObject(refusedWith("42501", new RegExp(`permission denied for table ${table}`)));
      }
    });

    it(`refuses UPDATE, DELETE and TRUNCATE on ${table} even to the owner without the maintenance setting`, async () => {
      const update = table === "audit_events" ? "update audit_events set action = 'session.signed_out'" : "update audit_chain set hash = hash";
      await expect(handle.db.execute(sql.raw(update))).rejects.toMatchObject(refusedWith("42501", new RegExp(`^${table} is append-only: UPDATE refused$`)));
      await expect(handle.db.execute(sql.raw(`delete from ${table}`))).rejects.toMatchObject(refusedWith("42501", new RegExp(`^${table} is append-only: DELETE refused$`)));
      await expect(handle.db.execute(sql.raw(`truncate ${table} cascade`))).rejects.toMatchObject(refusedWith("42501", new RegExp(`^${table} is append-only: TRUNCATE refused$`)));
    });
  }

  it("refuses the app role any change to the chain's head, and the owner any but the sealer's advance", async () => {
    await expect(asAppWithoutContext(app.db, (tx) => tx.execute(sql`update audit_chain_head set position = 0`))).rejects.toMatchObject(
      refusedWith("42501", /permission denied for table audit_chain_head/),
    );
    await expect(handle.db.execute(sql`update audit_chain_head set position = position - 1`)).rejects.toMatchObject(
      refusedWith("42501", /^audit_chain_head only advances to the next link: UPDATE refused$/),
    );
    await expect(handle.db.execute(sql`delete from audit_chain_head`)).rejects.toMatchObject(refusedWith("42501", /^audit_chain_head only advances to the next link: DELETE refused$/));
  });

  it("does not let the app role insert a link of its own", async () => {
    await expect(
      asAppWithoutContext(app.db, (tx) => tx.insert(t.auditChain).values({ position: 1_000_000, eventSeq: 1_000_000, prevHash: GENESIS_HASH, hash: GENESIS_HASH })),
    ).rejects.toMatchObject(refusedWith("42501", /permission denied for table audit_chain/));
  });

  it("lets only auditors and the scheduler read the chain for verification", async () => {
    await expect(verifyChain(app.db, { role: "admin" })).rejects.toMatchObject(refusedWith("42501", /^Only auditors and the scheduler verify the audit chain$/));
  });
});

describe("verification names the first broken link", () => {
  // Each test tampers, checks the verdict and repairs what it did, so the next starts from a good chain.
  beforeAll(async () => {
    for (let index = 0; index < 6; index++) await write(app.db, "user.created", { index });
  });

  async function seqAt(position: number): Promise<number> {
    const link = (await links()).find((candidate) => candidate.position === position);
    if (!link) throw new Error(`no link ${position}`);
    return link.event_seq;
  }

  it("names an event edited by the owner, with the recorded and the recomputed hash", async () => {
    const seq = await seqAt(3);
    const [original] = await handle.db.select().from(t.auditEvents).where(sql`seq = ${seq}`);
    await asOwnerInMaintenance((tx) => tx.execute(sql`update audit_events set details = '{"tampered": true}' where seq = ${seq}`));
    const verdict = await verifyChain(app.db, AUDITOR);
    const recorded = (await links()).find((link) => link.position === 3)?.hash;
    expect(verdict.intact).toBe(false);
    expect(verdict.checked).toBe(2);
    expect(verdict.broken).toMatchObject({ position: 3, eventSeq: seq, kind: "changed", expected: recorded, message: expect.stringContaining(`Audit event ${seq} (link 3) has changed`) });
    expect(verdict.broken?.found).toMatch(/^[0-9a-f]{64}$/);
    expect(verdict.broken?.found).not.toBe(recorded);
    await asOwnerInMaintenance((tx) => tx.execute(sql`update audit_events set details = ${JSON.stringify(original?.details)}::jsonb where seq = ${seq}`));
    expect((await verifyChain(app.db, AUDITOR)).intact).toBe(true);
  });

  it("names a deleted event", async () => {
    const seq = await seqAt(2);
    const [row] = rowsOf<Record<string, unknown>>(await handle.db.execute(sql`select * from audit_events where seq = ${seq}`));
    await asOwnerInMaintenance((tx) => tx.execute(sql`delete from audit_events where seq = ${seq}`));
    expect((await verifyChain(app.db, AUDITOR)).broken).toMatchObject({ position: 2, eventSeq: seq, kind: "missing_event" });
    // Put back as it was, with the sealer off so that it is not sealed a second time.
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`insert into audit_events overriding system value select * from json_populate_record(null::audit_events, ${JSON.stringify(row)}::json)`);
    });
    expect((await verifyChain(app.db, AUDITOR)).intact).toBe(true);
  });

  it("names the position of a removed link, and a removed tail against the head", async () => {
    const chain = await links();
    const last = chain.at(-1);
    if (!last) throw new Error("empty chain");
    await asOwnerInMaintenance((tx) => tx.execute(sql`delete from audit_chain where position = 4`));
    expect((await verifyChain(app.db, AUDITOR)).broken).toMatchObject({ position: 4, kind: "missing_link", message: "Link 4 is missing: after link 3 comes link 5." });
    const removed = chain.find((link) => link.position === 4);
    await asOwnerInMaintenance((tx) => tx.insert(t.auditChain).values({ position: 4, eventSeq: removed?.event_seq ?? 0, prevHash: removed?.prev_hash ?? "", hash: removed?.hash ?? "" }));

    await asOwnerInMaintenance(async (tx) => {
      await tx.execute(sql`delete from audit_chain where position = ${last.position}`);
      await tx.execute(sql`delete from audit_events where seq = ${last.event_seq}`);
    });
    expect((await verifyChain(app.db, AUDITOR)).broken).toMatchObject({ position: last.position, kind: "missing_link" });
  });

  it("names an event that no link seals", async () => {
    // Keep the head consistent with the links again, then slip in an event with the sealer off.
    const chain = await links();
    const last = chain.at(-1);
    await asOwnerInMaintenance((tx) => tx.execute(sql`update audit_chain_head set position = ${last?.position ?? 0}, hash = ${last?.hash ?? ""}`));
    expect((await verifyChain(app.db, AUDITOR)).intact).toBe(true);
    const [sneaked] = rowsOf<{ seq: number }>(
      await handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        return tx.execute(sql`insert into audit_events (action, outcome) values ('session.signed_in', 'success') returning seq::int as seq`);
      }),
    );
    expect((await verifyChain(app.db, AUDITOR)).broken).toMatchObject({ kind: "unsealed_event", eventSeq: sneaked?.seq, message: `Audit event ${sneaked?.seq} is in the log but no link of the chain seals it.` });
  });
});
