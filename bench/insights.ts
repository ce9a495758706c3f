import { sql } from "drizzle-orm";
import type { Database } from "@/db/database";
import { INSIGHT_VIEWS, VIEW_ANSWERED_FIELDS, VIEW_DIMENSIONS } from "@/lib/insights/views";
import { percentile, timed, type Figure } from "./measure";

/**
 * Every insight view in the registry (lib/insights/views.ts), through the real route handler of the
 * built portal — `GET /api/v1/insights/{view}` with an analyst's token, so the agreement scope,
 * disclosure control and audit all run — against the same aggregate written by hand on the same
 * tables as their owner: the cells of the view's dimensions (and fields answered) over its months (two years for the
 * overview's trend) of the providers the analyst's grants name, through the primary key, that
 * the grants cover, summed as the view sums them. Like the portal, it reads the counts summed over
 * local authorities where a grant shares a whole force area, and by local authority only where a
 * grant shares single ones.
 */
export async function measureInsightViews(
  owner: Database,
  { baseURL, token, analystOrgId, rounds }: { baseURL: string; token: string; analystOrgId: string; rounds: number },
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const view of INSIGHT_VIEWS) {
    const viaRoute = async () => {
      const response = await fetch(`${baseURL}/api/v1/insights/${view}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /api/v1/insights/${view} answered ${response.status}`);
    };
    // The months each view reads: the overview two years (this period and the one before), the
    // trends three years month by month, the others the default period's twelve.
    const months = view === "overview" ? 24 : view === "trends" ? 36 : 12;
    const byMonth = view === "trends";
    const dimensions = sql.raw(`array[${VIEW_DIMENSIONS[view].map((dimension) => `'${dimension}'`).join(",")}]`);
    const fields = VIEW_ANSWERED_FIELDS[view];
    const answered = fields ? sql.raw(`and (c.dimension <> 'answered' or c.value in (${fields.map((field) => `'${field}'`).join(",")}))`) : sql``;
    const period = sql`c.month between (date_trunc('month', now()) - make_interval(months => ${months}))::date and (date_trunc('month', now()) - interval '1 month')::date`;
    const byHand = () =>
      owner.execute(sql`
        with g as materialized (
          select g.provider_org_id, g.threat_area, g.force_area_code, g.lad_code from agreement_grants g
          where g.recipient_org_id = ${analystOrgId} and g.start_date <= current_date and current_date < g.end_date)
        select c.org_id, o.type, c.threat_area, c.force_area_code, ${byMonth ? sql`c.month` : sql`null`}, c.dimension, c.value, sum(c.count), sum(c.record_key_sum)
        from (
          select c.org_id, c.threat_area, c.force_area_code, c.month, c.dimension, c.value, c.count, c.record_key_sum
          from (select distinct provider_org_id from g where lad_code is null) p
          join insight_area_counts c on c.org_id = p.provider_org_id
          where c.dimension = any(${dimensions}) and ${period} and c.count > 0 ${answered}
            and exists (select 1 from g where g.provider_org_id = c.org_id and g.threat_area = c.threat_area and g.force_area_code = c.force_area_code and g.lad_code is null)
          union all
          select c.org_id, c.threat_area, c.force_area_code, c.month, c.dimension, c.value, c.count, c.record_key_sum
          from (select distinct provider_org_id from g where lad_code is not null) p
          join insight_counts c on c.org_id = p.provider_org_id
          where c.dimension = any(${dimensions}) and ${period} and c.count > 0 ${answered}
            and exists (select 1 from g where g.provider_org_id = c.org_id and g.threat_area = c.threat_area and g.force_area_code = c.force_area_code and g.lad_code = c.lad_code)
            and not exists (select 1 from g where g.provider_org_id = c.org_id and g.threat_area = c.threat_area and g.force_area_code = c.force_area_code and g.lad_code is null)
        ) c
        join organisations o on o.id = c.org_id
        group by 1, 2, 3, 4, 5, 6, 7`);
    const route = await sample(viaRoute, rounds);
    const hand = await sample(byHand, rounds);
    figures.push(
      { name: `Insight view ${view}, GET /api/v1/insights/${view} as an analyst (p50)`, value: route.p50, unit: "ms", ceiling: 1.5 * hand.p50, ceilingNote: "1.5 × hand-written SQL p50" },
      { name: `Insight view ${view}, GET /api/v1/insights/${view} as an analyst (p95)`, value: route.p95, unit: "ms", ceiling: Math.min(100, 1.5 * hand.p95), ceilingNote: `target: ≤ 100 ms and ≤ 1.5 × hand-written SQL p95 (${hand.p95.toFixed(1)} ms)` },
      { name: `Insight view ${view}, the same aggregate as hand-written SQL (p50)`, value: hand.p50, unit: "ms" },
    );
  }
  return figures;
}

/** p50 and p95 of `rounds` runs after two to warm up. */
async function sample(work: () => Promise<unknown>, rounds: number): Promise<{ p50: number; p95: number }> {
  await work();
  await work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push(await timed(work));
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}
