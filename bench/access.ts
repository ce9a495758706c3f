import { and, arrayContains, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { withContext, type DbContext } from "@/db/context";
import type { Database } from "@/db/database";
import { inIndexOrder } from "@/db/planner";
import { disclosures } from "@/db/schema";
import type { Viewer } from "@/lib/access/viewer";
import { listGrants, visibleDisclosuresCondition } from "@/lib/access/visibility";
import { listSharedDisclosures, parseSharedQuery } from "@/lib/shared-disclosures/service";
import { median, timed, type Figure } from "./measure";

type Reader = DbContext & { orgId: string; userId: string; role: "analyst" | "org_manager" };

/**
 * The access rule's cost at volume (docs/access.md#agreement-access-rule). The Partner data page's
 * first 50 rows, through the service the page calls (viewer, agreement scope, projection), against
 * its ceiling; then the rule itself, the recipient analyst's newest 50 of one threat area and a
 * count of all they may see, each through row-level security and the TypeScript rule together,
 * against the same by a provider's partner lead over their own organisation, whose policy is a
 * plain column comparison.
 */
export async function measureAccessRule(
  app: Database,
  { analyst, partnerLead, analystViewer, rounds }: { analyst: Reader; partnerLead: Reader; analystViewer: Viewer; rounds: number },
): Promise<Figure[]> {
  const grants = await withContext(app, analyst, (tx) => listGrants(tx, { organisation: { id: analyst.orgId }, role: "analyst" }, new Date()));
  const shared = visibleDisclosuresCondition(grants, { granularity: "record" });
  const own = and(eq(disclosures.orgId, partnerLead.orgId), eq(disclosures.status, "submitted"))!;
  const domesticAbuse = arrayContains(disclosures.threatAreas, ["domestic_abuse"]);

  const page = (query: Record<string, string>) => () => timed(() => listSharedDisclosures(analystViewer, parseSharedQuery(query)));
  const newest = (reader: Reader, where: SQL) => () =>
    withContext(app, reader, (tx) =>
      timed(() =>
        inIndexOrder(tx, () =>
          tx
            .select({ id: disclosures.id })
            .from(disclosures)
            .where(and(where, domesticAbuse))
            .orderBy(sql`${disclosures.submittedAt} desc nulls last`, desc(disclosures.id))
            .limit(50),
        ),
      ),
    );
  const counted = (reader: Reader, where: SQL) => () => withContext(app, reader, (tx) => timed(() => tx.select({ rows: count() }).from(disclosures).where(where)));

  const pageFiltered = median(await repeat(rounds, page({ area: "domestic_abuse" })));
  const pageUnfiltered = median(await repeat(rounds, page({})));
  const analystNewest = median(await repeat(rounds, newest(analyst, shared)));
  const leadNewest = median(await repeat(rounds, newest(partnerLead, own)));
  const countRounds = Math.max(3, Math.floor(rounds / 4));
  const analystCount = median(await repeat(countRounds, counted(analyst, shared)));
  const leadCount = median(await repeat(countRounds, counted(partnerLead, own)));
  const rowsSeen = (await withContext(app, analyst, (tx) => tx.select({ rows: count() }).from(disclosures).where(shared)))[0]!.rows;
  const ownRows = (await withContext(app, partnerLead, (tx) => tx.select({ rows: count() }).from(disclosures).where(own)))[0]!.rows;
  const perRow = (ms: number, rows: number) => (rows === 0 ? 0 : (ms * 1000) / rows);

  return [
    { name: "Partner data page, first 50 of one threat area, as the recipient's analyst (p50)", value: pageFiltered, ceiling: 100, unit: "ms" },
    { name: "Partner data page, first 50 unfiltered (p50)", value: pageUnfiltered, ceiling: 100, unit: "ms" },
    {
      name: "Access rule: analyst's newest 50 of one threat area, shared rows (p50)",
      value: analystNewest,
      ceiling: 3 * leadNewest,
      unit: "ms",
      ceilingNote: "3 × the partner lead's own newest 50",
    },
    { name: "Own organisation: partner lead's newest 50 of one threat area (p50)", value: leadNewest, unit: "ms" },
    {
      name: `Access rule per row: analyst counting ${rowsSeen} shared rows`,
      value: perRow(analystCount, rowsSeen),
      ceiling: 3 * perRow(leadCount, ownRows),
      unit: "µs",
      ceilingNote: "3 × the partner lead's own count per row",
    },
    { name: `Own organisation per row: partner lead counting ${ownRows} own rows`, value: perRow(leadCount, ownRows), unit: "µs" },
  ];
}

async function repeat(times: number, run: () => Promise<number>): Promise<number[]> {
  await run(); // warm the cache and the plan
  const results: number[] = [];
  for (let i = 0; i < times; i++) results.push(await run());
  return results;
}
