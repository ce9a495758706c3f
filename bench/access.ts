import { and, arrayContains, count, desc, eq, type SQL } from "drizzle-orm";
import { withContext, type DbContext } from "@/db/context";
import type { Database } from "@/db/database";
import { preferIndexOrder } from "@/db/planner";
import { disclosures } from "@/db/schema";
import { listGrants, visibleDisclosuresCondition } from "@/lib/access/visibility";
import { median, timed, type Figure } from "./measure";

type Reader = DbContext & { orgId: string; userId: string; role: "analyst" | "org_manager" };

/**
 * The access rule's cost at volume (docs/access.md#agreement-access-rule): the recipient
 * analyst's newest 50 shared disclosures of one threat area, and a count of everything they may
 * see, each through row-level security and the TypeScript rule together, against the same
 * query by a provider's partner lead over their own organisation — the ceiling, since that
 * policy is a plain column comparison.
 */
export async function measureAccessRule(app: Database, { analyst, partnerLead, rounds }: { analyst: Reader; partnerLead: Reader; rounds: number }): Promise<Figure[]> {
  const grants = await withContext(app, analyst, (tx) => listGrants(tx, { organisation: { id: analyst.orgId }, role: "analyst" }, new Date()));
  const shared = visibleDisclosuresCondition(grants, { granularity: "record" });
  const own = and(eq(disclosures.orgId, partnerLead.orgId), eq(disclosures.status, "submitted"))!;
  const domesticAbuse = arrayContains(disclosures.threatAreas, ["domestic_abuse"]);

  const newest = (reader: Reader, where: SQL) => () =>
    withContext(app, reader, async (tx) => {
      await preferIndexOrder(tx);
      return timed(() =>
        tx.select({ id: disclosures.id }).from(disclosures).where(and(where, domesticAbuse)).orderBy(desc(disclosures.submittedAt), desc(disclosures.id)).limit(50),
      );
    });
  const counted = (reader: Reader, where: SQL) => () =>
    withContext(app, reader, (tx) => timed(() => tx.select({ rows: count() }).from(disclosures).where(where)));

  const analystNewest = await repeat(rounds, newest(analyst, shared));
  const leadNewest = await repeat(rounds, newest(partnerLead, own));
  const analystCount = await repeat(Math.max(3, Math.floor(rounds / 4)), counted(analyst, shared));
  const leadCount = await repeat(Math.max(3, Math.floor(rounds / 4)), counted(partnerLead, own));
  const rowsSeen = (await withContext(app, analyst, (tx) => tx.select({ rows: count() }).from(disclosures).where(shared)))[0]!.rows;
  const ownRows = (await withContext(app, partnerLead, (tx) => tx.select({ rows: count() }).from(disclosures).where(own)))[0]!.rows;

  const perRow = (ms: number, rows: number) => (rows === 0 ? 0 : (ms * 1000) / rows);
  return [
    { name: "Partner data: newest 50 of one threat area, as the recipient's analyst (p50 ms)", value: median(analystNewest), ceiling: 100, unit: "ms" },
    { name: "Own organisation: newest 50 of one threat area, as a partner lead (p50 ms)", value: median(leadNewest), unit: "ms" },
    {
      name: `Access check per row: analyst counting ${rowsSeen} shared rows (µs per row)`,
      value: perRow(median(analystCount), rowsSeen),
      ceiling: 3 * perRow(median(leadCount), ownRows),
      unit: "µs",
      ceilingNote: "3 × the partner lead's own-organisation count per row",
    },
    { name: `Own organisation: partner lead counting ${ownRows} own rows (µs per row)`, value: perRow(median(leadCount), ownRows), unit: "µs" },
  ];
}

async function repeat(times: number, run: () => Promise<number>): Promise<number[]> {
  await run(); // warm the cache and the plan
  const results: number[] = [];
  for (let i = 0; i < times; i++) results.push(await run());
  return results;
}
