import postgres from "postgres";
import type { Env } from "@/lib/env";
import { hashPartnerReference } from "@/lib/disclosures/partner-reference";
import type { Outcome } from "./load";

/** What the database held before a run: everything after it is the run's doing. */
export type Baseline = { disclosureIds: Set<string>; auditSeq: number };

export async function takeBaseline(ownerUrl: string): Promise<Baseline> {
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const ids = await sql<{ id: string }[]>`select id from disclosures`;
    const [head] = await sql<{ seq: string | null }[]>`select max(seq)::text as seq from audit_events`;
    return { disclosureIds: new Set(ids.map((row) => row.id)), auditSeq: Number(head?.seq ?? 0) };
  } finally {
    await sql.end();
  }
}

/** A disclosure the run stored, with the request that sent it (by its partner reference). */
type StoredSubmission = {
  id: string;
  status: string;
  threatAreas: number;
  auditEvents: number;
  /** The request whose partner reference it carries; undefined if no request sent it. */
  outcome?: Outcome;
};

export type Ledger = {
  stored: StoredSubmission[];
  /** `disclosure.submitted` audit events since the baseline, by the disclosure they name. */
  auditedIds: string[];
};

/**
 * Everything the run left behind, read as the owner (past row-level security): each new
 * disclosure matched to the request that sent it through its partner reference's HMAC (the
 * portal's PARTNER_REFERENCE_SECRET), its threat areas, and its audit events.
 */
export async function readLedger(ownerUrl: string, baseline: Baseline, outcomes: readonly Outcome[], partnerReferenceSecret: string): Promise<Ledger> {
  const env = { PARTNER_REFERENCE_SECRET: partnerReferenceSecret } as Env;
  const byHash = new Map(outcomes.map((outcome) => [hashPartnerReference(outcome.orgId, outcome.reference, env), outcome]));
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ id: string; status: string; partner_reference_hash: string | null; threat_areas: number; audit_events: number }[]>`
      select d.id, d.status, d.partner_reference_hash,
        (select count(*)::int from disclosure_threat_areas a where a.disclosure_id = d.id) as threat_areas,
        (select count(*)::int from audit_events e
          where e.seq > ${baseline.auditSeq} and e.action = 'disclosure.submitted' and e.subject_type = 'disclosure' and e.subject_id = d.id::text) as audit_events
      from disclosures d`;
    const audited = await sql<{ subject_id: string }[]>`
      select subject_id from audit_events where seq > ${baseline.auditSeq} and action = 'disclosure.submitted' order by seq`;
    return {
      stored: rows
        .filter((row) => !baseline.disclosureIds.has(row.id))
        .map((row) => ({
          id: row.id,
          status: row.status,
          threatAreas: row.threat_areas,
          auditEvents: row.audit_events,
          outcome: row.partner_reference_hash ? byHash.get(row.partner_reference_hash) : undefined,
        })),
      auditedIds: audited.map((row) => row.subject_id),
    };
  } finally {
    await sql.end();
  }
}
