import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { moment } from "./columns";

export const auditOutcome = pgEnum("audit_outcome", ["success", "failure", "denied"]);

/**
 * The audit log: who did what, to what, and how it ended. Rows carry no foreign keys so they
 * outlive what they describe. Insert-only: nobody may change or remove a row
 * (docs/security.md#audit-log). `seq` is the order of insertion, with gaps where a transaction
 * rolled back; the chain (audit_chain) gives each committed row its gap-free position.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: moment().notNull().defaultNow(),
    actorUserId: uuid(),
    actorOrgId: uuid(),
    action: text().notNull(),
    outcome: auditOutcome().notNull(),
    subjectType: text(),
    subjectId: text(),
    ipAddress: text(),
    /** The request the event came from (lib/http/client-address.ts), for matching it to the portal's log lines. */
    requestId: uuid(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /**
     * The transaction that wrote the event, so that the sealer links all of a transaction's events
     * in one pass at commit. Not part of the event's hash.
     */
    transactionId: bigint({ mode: "number" }).default(sql`(pg_current_xact_id()::text)::bigint`),
  },
  (t) => [
    index().on(t.actorUserId, t.occurredAt),
    index().on(t.subjectType, t.subjectId),
    index().on(t.occurredAt),
    index().on(t.actorOrgId, t.seq),
    index().on(t.action, t.seq),
  ],
);

/**
 * The hash chain over the audit log, one link per event, written only by the sealer at commit
 * (db/migrations, audit_seal): `position` counts 1, 2, 3… without gaps in commit order, and
 * `hash` is SHA-256 over the canonical encoding of the event and `prevHash`
 * (lib/audit/chain.ts). Insert-only, like the log.
 */
export const auditChain = pgTable(
  "audit_chain",
  {
    position: bigint({ mode: "number" }).primaryKey(),
    eventSeq: bigint({ mode: "number" }).notNull().unique(),
    prevHash: text().notNull(),
    hash: text().notNull(),
    sealedAt: moment().notNull().defaultNow(),
  },
  (t) => [check("audit_chain_position_positive", sql`${t.position} >= 1`)],
);

/** The chain's last link, one row: the sealer serialises on it, and verification checks the tail against it. */
export const auditChainHead = pgTable(
  "audit_chain_head",
  {
    singleton: boolean().primaryKey().default(true),
    position: bigint({ mode: "number" }).notNull(),
    hash: text().notNull(),
  },
  (t) => [check("audit_chain_head_single_row", sql`${t.singleton}`)],
);

/**
 * Anchors of the chain's head, taken by the daily verification once the chain up to that head has
 * verified: cutting the log's tail (events, links and head together) leaves the chain consistent
 * but shorter than an anchor, which verification names. Kept outside the chained tables, and
 * written to the portal's log as well, so that a copy survives outside the database. Insert-only.
 */
export const auditChainAnchors = pgTable(
  "audit_chain_anchors",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    position: bigint({ mode: "number" }).notNull(),
    hash: text().notNull(),
    anchoredAt: moment().notNull().defaultNow(),
  },
  (t) => [check("audit_chain_anchors_position_positive", sql`${t.position} >= 1`)],
);
