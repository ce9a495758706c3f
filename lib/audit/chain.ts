import { createHash } from "node:crypto";

/**
 * The audit chain's canonical encoding (docs/security.md#audit-log), the same as the database's
 * audit_link_hash: a version tag, then the position, the previous hash and the event's fields in
 * a fixed order, each NULL as "~" or as its length in UTF-8 bytes, a colon and the text, joined
 * by "|". The length prefix makes the encoding unambiguous whatever a field holds. Times are UTC
 * to the microsecond and details are PostgreSQL's jsonb text (fixed key order and spacing), both
 * as the database renders them, so no value passes through a JavaScript type on the way. The
 * request id, added later, follows the details only when there is one, so links sealed before it
 * existed hash as they did.
 */
const CHAIN_VERSION = "vawg-audit-v1";

/** The hash before the first link. */
export const GENESIS_HASH = "0".repeat(64);

/** One link's hashed content, every value as text as the database renders it. */
export type ChainLinkContent = {
  position: number;
  prevHash: string;
  eventSeq: number;
  occurredAt: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  outcome: string;
  subjectType: string | null;
  subjectId: string | null;
  ipAddress: string | null;
  details: string;
  requestId: string | null;
};

function field(value: string | null): string {
  return value === null ? "~" : `${Buffer.byteLength(value, "utf8")}:${value}`;
}

function canonicalLink(link: ChainLinkContent): string {
  return [
    CHAIN_VERSION,
    field(String(link.position)),
    field(link.prevHash),
    field(String(link.eventSeq)),
    field(link.occurredAt),
    field(link.actorUserId),
    field(link.actorOrgId),
    field(link.action),
    field(link.outcome),
    field(link.subjectType),
    field(link.subjectId),
    field(link.ipAddress),
    field(link.details),
    ...(link.requestId === null ? [] : [field(link.requestId)]),
  ].join("|");
}

/** SHA-256 (lower-case hex) of the canonical encoding. */
export function linkHash(link: ChainLinkContent): string {
  return createHash("sha256").update(canonicalLink(link), "utf8").digest("hex");
}
