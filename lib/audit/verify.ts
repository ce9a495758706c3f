import { sql } from "drizzle-orm";
import { withContext, type DbContext } from "@/db/context";
import { rowsOf, type Database } from "@/db/database";
import { GENESIS_HASH, linkHash } from "./chain";

/**
 * Verification of the audit chain (docs/security.md#audit-log): walks the links from the first
 * in batches (memory bounded by one batch), recomputes every hash from the event as it is now,
 * and names the first link that does not hold. Run as an auditor, or as the scheduler (no role).
 * The chain is also held to its last anchor (taken by the daily verification): a chain cut short
 * of it, or whose link there no longer has the anchored hash, was truncated or rewritten.
 */

type ChainBreak = {
  /** The chain position where it breaks. */
  position: number;
  /** The audit event at that position (`seq`), when there is one. */
  eventSeq: number | null;
  kind: "changed" | "relinked" | "missing_link" | "missing_event" | "head_mismatch" | "unsealed_event" | "truncated" | "anchor_mismatch";
  /** What the chain says should be there, and what is there instead. */
  expected: string;
  found: string;
  /** One sentence for a person. */
  message: string;
};

export type ChainVerdict = {
  intact: boolean;
  /** Links checked. */
  checked: number;
  head: { position: number; hash: string };
  /** The first break, if any. */
  broken: ChainBreak | null;
};

type LinkRow = {
  link_position: string | number;
  event_seq: string | number;
  prev_hash: string;
  hash: string;
  event_found: boolean;
  occurred_at: string | null;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string | null;
  outcome: string | null;
  subject_type: string | null;
  subject_id: string | null;
  ip_address: string | null;
  details: string | null;
  request_id: string | null;
};

type AnchorRow = { anchor_position: string | number; anchor_hash: string; anchored_at: string | Date };

/** The furthest anchor of the chain's head, when there is one. */
export type ChainAnchor = { position: number; hash: string; anchoredAt: string };

type StateRow = { head_position: string | number; head_hash: string; events: string | number; first_unsealed: string | number | null };

const VERIFY_BATCH = 1000;

/**
 * Checks the chain up to the head as it stands when verification starts; events committed during
 * the walk are left to the next run. Each batch is read in a transaction of its own under `context`.
 */
export async function verifyChain(db: Database, context: DbContext, { batchSize = VERIFY_BATCH }: { batchSize?: number } = {}): Promise<ChainVerdict> {
  const state = await withContext(db, context, async (tx) => rowsOf<StateRow>(await tx.execute(sql`select * from app_audit_chain_state()`))[0]);
  if (!state) throw new Error("The audit chain has no head row: the migrations have not run.");
  const head = { position: Number(state.head_position), hash: state.head_hash };
  const verdict = (broken: ChainBreak | null, checked: number): ChainVerdict => ({ intact: broken === null, checked, head, broken });
  const anchor = await lastAnchor(db, context);
  let hashAtAnchor: string | null = null;

  let previousHash = GENESIS_HASH;
  let position = 0;
  while (position < head.position) {
    const after = position;
    const rows = await withContext(db, context, async (tx) =>
      rowsOf<LinkRow>(await tx.execute(sql`select * from app_audit_chain_links(${after}::bigint, ${Math.min(batchSize, head.position - after)}::integer)`)),
    );
    if (rows.length === 0) {
      return verdict(
        { position: position + 1, eventSeq: null, kind: "missing_link", expected: `link ${position + 1}`, found: "no link", message: `The chain stops at link ${position}, but its head is at link ${head.position}: link ${position + 1} is missing.` },
        position,
      );
    }
    for (const row of rows) {
      const broken = checkLink(row, position + 1, previousHash);
      if (broken) return verdict(broken, position);
      position += 1;
      previousHash = row.hash;
      if (anchor !== null && position === anchor.position) hashAtAnchor = row.hash;
    }
  }
  if (previousHash !== head.hash) {
    return verdict(
      { position: head.position, eventSeq: null, kind: "head_mismatch", expected: head.hash, found: previousHash, message: `The chain's head records hash ${head.hash} at link ${head.position}, but that link's hash is ${previousHash}.` },
      position,
    );
  }
  if (anchor !== null && head.position < anchor.position) {
    return verdict(
      {
        position: head.position + 1,
        eventSeq: null,
        kind: "truncated",
        expected: `link ${anchor.position} with hash ${anchor.hash}`,
        found: `the chain ends at link ${head.position}`,
        message: `The chain ends at link ${head.position}, but link ${anchor.position} was anchored on ${anchor.anchoredAt}: links ${head.position + 1} to ${anchor.position} have been cut from the log's tail.`,
      },
      position,
    );
  }
  if (anchor !== null && hashAtAnchor !== anchor.hash) {
    return verdict(
      {
        position: anchor.position,
        eventSeq: null,
        kind: "anchor_mismatch",
        expected: anchor.hash,
        found: hashAtAnchor ?? "no link",
        message: `Link ${anchor.position} was anchored on ${anchor.anchoredAt} with hash ${anchor.hash}, but its hash is now ${hashAtAnchor ?? "missing"}: the log up to there has been rewritten.`,
      },
      position,
    );
  }
  if (state.first_unsealed !== null || Number(state.events) !== head.position) {
    const seq = state.first_unsealed === null ? null : Number(state.first_unsealed);
    return verdict(
      {
        position: head.position + 1,
        eventSeq: seq,
        kind: "unsealed_event",
        expected: `${head.position} events, each sealed by a link`,
        found: `${Number(state.events)} events${seq === null ? "" : `, event ${seq} sealed by none`}`,
        message: seq === null ? `The log holds ${Number(state.events)} events but the chain ${head.position} links.` : `Audit event ${seq} is in the log but no link of the chain seals it.`,
      },
      position,
    );
  }
  return verdict(null, position);
}

/** The furthest anchor taken, or null before the first. */
export async function lastAnchor(db: Database, context: DbContext): Promise<ChainAnchor | null> {
  const [row] = await withContext(db, context, async (tx) => rowsOf<AnchorRow>(await tx.execute(sql`select * from app_audit_last_anchor()`)));
  if (!row) return null;
  return { position: Number(row.anchor_position), hash: row.anchor_hash, anchoredAt: new Date(row.anchored_at).toISOString() };
}

/**
 * Anchors the head a verification found intact, outside the chained tables: from then on a
 * verification that finds the chain shorter than this, or this link changed, names it.
 */
export async function anchorHead(db: Database, context: DbContext, verdict: ChainVerdict): Promise<ChainAnchor | null> {
  if (!verdict.intact || verdict.head.position === 0) return null;
  const { position, hash } = verdict.head;
  const [row] = await withContext(db, context, async (tx) =>
    rowsOf<AnchorRow>(await tx.execute(sql`select * from app_audit_anchor(${position}::bigint, ${hash})`)),
  );
  return row ? { position: Number(row.anchor_position), hash: row.anchor_hash, anchoredAt: new Date(row.anchored_at).toISOString() } : null;
}

function checkLink(row: LinkRow, position: number, previousHash: string): ChainBreak | null {
  const at = Number(row.link_position);
  const eventSeq = Number(row.event_seq);
  if (at !== position) {
    return { position, eventSeq: null, kind: "missing_link", expected: `link ${position}`, found: `link ${at}`, message: `Link ${position} is missing: after link ${position - 1} comes link ${at}.` };
  }
  if (!row.event_found) {
    return { position, eventSeq, kind: "missing_event", expected: `audit event ${eventSeq}`, found: "no such event", message: `Link ${position} seals audit event ${eventSeq}, which is no longer in the log.` };
  }
  if (row.prev_hash !== previousHash) {
    return {
      position,
      eventSeq,
      kind: "relinked",
      expected: previousHash,
      found: row.prev_hash,
      message: `Link ${position} (audit event ${eventSeq}) names ${row.prev_hash} as the hash before it, but link ${position - 1}'s hash is ${previousHash}.`,
    };
  }
  const computed = linkHash({
    position,
    prevHash: row.prev_hash,
    eventSeq,
    occurredAt: row.occurred_at ?? "",
    actorUserId: row.actor_user_id,
    actorOrgId: row.actor_org_id,
    action: row.action ?? "",
    outcome: row.outcome ?? "",
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    ipAddress: row.ip_address,
    details: row.details ?? "",
    requestId: row.request_id,
  });
  if (computed !== row.hash) {
    return {
      position,
      eventSeq,
      kind: "changed",
      expected: row.hash,
      found: computed,
      message: `Audit event ${eventSeq} (link ${position}) has changed since it was sealed: the chain records hash ${row.hash}, its content now hashes to ${computed}.`,
    };
  }
  return null;
}
