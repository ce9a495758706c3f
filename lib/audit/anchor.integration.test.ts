import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { withContext } from "@/db/context";
import { rowsOf, type Database, type DatabaseHandle } from "@/db/database";
import { asAppWithoutContext, createTestDatabase, refusedWith, type TestDatabase } from "@/db/testing";
import { createLogger, replaceLogger } from "@/lib/log";
import { auditEvent, recordAudit } from "./record";
import { verifyAuditChainScheduled } from "./scheduled";
import { anchorHead, lastAnchor, verifyChain } from "./verify";

// The head is anchored outside the chained tables (docs/security.md#anchors): someone with the
// owner's rights who cuts the log's tail, or rewrites it and recomputes every hash, leaves a chain
// that holds together on its own; held to its last anchor, it does not.

let handle: TestDatabase;
let app: DatabaseHandle;
const AUDITOR = { role: "auditor" as const };
let logged: string[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  app = await handle.connectAsApp({ max: 1 });
  replaceLogger(createLogger({ level: "info", destination: { write: (line: string) => void logged.push(line) } }));
  for (let index = 0; index < 8; index++) await write({ index });
});
afterAll(async () => {
  replaceLogger(createLogger({ level: "silent" }));
  await handle?.close();
});
beforeEach(() => {
  logged = [];
});

async function write(details: Record<string, unknown>) {
  await withContext(app.db, {}, (tx) => recordAudit(tx, auditEvent({ userId: randomUUID() }, "user.created", { details })));
}

type Link = { position: number; event_seq: number; hash: string };
async function links(): Promise<Link[]> {
  return rowsOf<Link>(await handle.db.execute(sql`select position::int as position, event_seq::int as event_seq, hash from audit_chain order by position`));
}

function asOwnerInMaintenance(work: (tx: Database) => Promise<unknown>) {
  return handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local vawg.audit_maintenance = 'on'`);
    await work(tx as unknown as Database);
  });
}

/** What someone with the owner's rights does to hide an edit: recompute every link from `from` on, and the head. */
function recomputeFrom(from: number) {
  return asOwnerInMaintenance((tx) =>
    tx.execute(
      sql.raw(`DO $$
        DECLARE l record; e audit_events; v_prev text; v_hash text;
        BEGIN
          SELECT coalesce((SELECT hash FROM audit_chain WHERE position = ${from - 1}), repeat('0', 64)) INTO v_prev;
          FOR l IN SELECT * FROM audit_chain WHERE position >= ${from} ORDER BY position LOOP
            SELECT * INTO e FROM audit_events WHERE seq = l.event_seq;
            v_hash := audit_link_hash(l.position, v_prev, e);
            UPDATE audit_chain SET prev_hash = v_prev, hash = v_hash WHERE position = l.position;
            v_prev := v_hash;
          END LOOP;
          UPDATE audit_chain_head SET hash = v_prev;
        END $$`),
    ),
  );
}

const entries = () => logged.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("anchoring the audit chain's head", () => {
  it("anchors the head the daily verification found intact, in its own table, in the portal's log and in the verdict's event", async () => {
    const before = await links();
    const { verdict, anchor } = await verifyAuditChainScheduled(app.db, { mailer: null, portalUrl: undefined });
    expect(verdict.intact).toBe(true);
    expect(anchor).toMatchObject({ position: before.length, hash: before.at(-1)!.hash });
    expect(await lastAnchor(app.db, AUDITOR)).toEqual(anchor);
    expect(entries()).toContainEqual(expect.objectContaining({ msg: "Audit chain anchored", job: "audit.verify", anchor: { ...anchor } }));
    const [event] = rowsOf<{ details: { anchor: unknown } }>(await handle.db.execute(sql`select details from audit_events where action = 'audit.verified' order by seq desc limit 1`));
    expect(event?.details.anchor).toEqual(anchor);
  });

  it("keeps the anchors from the app role, and from the owner's changes", async () => {
    await expect(asAppWithoutContext(app.db, (tx) => tx.execute(sql`select * from audit_chain_anchors`))).rejects.toMatchObject(refusedWith("42501", /permission denied for table audit_chain_anchors/));
    await expect(asAppWithoutContext(app.db, (tx) => tx.execute(sql`insert into audit_chain_anchors (position, hash) values (1, repeat('0', 64))`))).rejects.toMatchObject(
      refusedWith("42501", /permission denied for table audit_chain_anchors/),
    );
    await expect(handle.db.execute(sql`update audit_chain_anchors set position = 1`)).rejects.toMatchObject(refusedWith("42501", /^audit_chain_anchors is append-only: UPDATE refused$/));
    await expect(handle.db.execute(sql`delete from audit_chain_anchors`)).rejects.toMatchObject(refusedWith("42501", /^audit_chain_anchors is append-only: DELETE refused$/));
  });

  it("anchors only a link the chain holds, and only for auditors and the scheduler", async () => {
    const verdict = await verifyChain(app.db, AUDITOR);
    await expect(anchorHead(app.db, AUDITOR, { ...verdict, head: { position: verdict.head.position, hash: "f".repeat(64) } })).rejects.toMatchObject(
      refusedWith("22023", new RegExp(`^Link ${verdict.head.position} with that hash is not in the audit chain$`)),
    );
    await expect(anchorHead(app.db, { role: "admin" }, verdict)).rejects.toMatchObject(refusedWith("42501", /^Only auditors and the scheduler anchor the audit chain$/));
  });

  it("names a log rewritten by the owner with every hash recomputed, which verifies on its own", async () => {
    const anchor = (await lastAnchor(app.db, AUDITOR))!;
    const [third] = (await links()).filter((link) => link.position === 3);
    const [original] = rowsOf<{ details: string }>(await handle.db.execute(sql`select details::text as details from audit_events where seq = ${third!.event_seq}`));
    await asOwnerInMaintenance((tx) => tx.execute(sql`update audit_events set details = '{"rewritten": true}' where seq = ${third!.event_seq}`));
    await recomputeFrom(3);
    const verdict = await verifyChain(app.db, AUDITOR);
    expect(verdict.broken).toMatchObject({
      kind: "anchor_mismatch",
      position: anchor.position,
      expected: anchor.hash,
      message: expect.stringMatching(new RegExp(`^Link ${anchor.position} was anchored on ${anchor.anchoredAt} with hash ${anchor.hash}, but its hash is now [0-9a-f]{64}: the log up to there has been rewritten\\.$`)),
    });
    // Put the event back and recompute again: the anchored hash returns.
    await asOwnerInMaintenance((tx) => tx.execute(sql`update audit_events set details = ${original!.details}::jsonb where seq = ${third!.event_seq}`));
    await recomputeFrom(3);
    expect((await verifyChain(app.db, AUDITOR)).intact).toBe(true);
  });

  it("names a tail cut off by the owner, events, links and head together, and the scheduled run reports it", async () => {
    for (let index = 0; index < 3; index++) await write({ after: index });
    const { anchor } = await verifyAuditChainScheduled(app.db, { mailer: null, portalUrl: undefined });
    const chain = await links();
    const keep = anchor!.position - 3;
    const kept = chain.find((link) => link.position === keep)!;
    const cut = chain.filter((link) => link.position > keep);
    await asOwnerInMaintenance(async (tx) => {
      await tx.execute(sql`delete from audit_chain where position > ${keep}`);
      await tx.execute(sql`delete from audit_events where seq in ${sql.raw(`(${cut.map((link) => link.event_seq).join(",")})`)}`);
      await tx.execute(sql`update audit_chain_head set position = ${keep}, hash = ${kept.hash}`);
    });

    const verdict = await verifyChain(app.db, AUDITOR);
    expect(verdict.broken).toEqual({
      position: keep + 1,
      eventSeq: null,
      kind: "truncated",
      expected: `link ${anchor!.position} with hash ${anchor!.hash}`,
      found: `the chain ends at link ${keep}`,
      message: `The chain ends at link ${keep}, but link ${anchor!.position} was anchored on ${anchor!.anchoredAt}: links ${keep + 1} to ${anchor!.position} have been cut from the log's tail.`,
    });

    logged = [];
    const scheduled = await verifyAuditChainScheduled(app.db, { mailer: null, portalUrl: undefined });
    expect(scheduled.verdict.broken?.kind).toBe("truncated");
    expect(scheduled.anchor).toBeNull();
    expect(entries()).toContainEqual(expect.objectContaining({ msg: "Audit chain broken", level: "error", broken: expect.objectContaining({ kind: "truncated" }) }));
    const [event] = rowsOf<{ action: string }>(await handle.db.execute(sql`select action from audit_events order by seq desc limit 1`));
    expect(event?.action).toBe("audit.chain_broken");
  });
});
