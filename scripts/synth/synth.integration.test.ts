import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/database";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { foldInsightChanges } from "@/lib/insights/folding";
import { rebuildInsightCounts, synthesise } from "./load";

// The synthetic load keeps the insight counts exactly as the triggers would: loaded through the
// triggers and folded, the set-based rebuild gives the same counts; loaded past them, the columns the
// triggers fill hold what they would have written.

const WEST_YORKSHIRE = "E23000010";
const GREATER_MANCHESTER = "E23000005";
const NOW = new Date("2026-11-15T12:00:00Z");

type Cell = { org_id: string; dimension: string; month: string; threat_area: string; lad_code: string; value: string; count: number; record_key_sum: string };

async function counts(handle: TestDatabase): Promise<string[]> {
  const rows = rowsOf<Cell>(
    await handle.db.execute(sql`
      select org_id, dimension, month::text as month, threat_area, lad_code, value, count, record_key_sum::text as record_key_sum
      from insight_counts where count <> 0 or record_key_sum <> 0`),
  );
  return rows.map((row) => [row.org_id, row.dimension, row.month, row.threat_area, row.lad_code, row.value, row.count, row.record_key_sum].join("|")).sort();
}

/** Cells where insight_area_counts differs from insight_counts summed over local authorities. */
async function areaMismatches(handle: TestDatabase): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await handle.db.execute(sql`
      select count(*)::int as n
      from (select org_id, dimension, month, threat_area, force_area_code, value, sum(count)::int as count, sum(record_key_sum)::bigint as record_key_sum
            from insight_counts group by 1, 2, 3, 4, 5, 6) fine
      full join insight_area_counts area using (org_id, dimension, month, threat_area, force_area_code, value)
      where coalesce(fine.count, 0) <> coalesce(area.count, 0) or coalesce(fine.record_key_sum, 0) <> coalesce(area.record_key_sum, 0)`),
  );
  return row!.n;
}

let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase();
});

afterAll(async () => {
  await handle?.close();
});

describe("npm run db:synth on a small database", () => {
  it("loaded through the triggers and folded, leaves counts and sums over local authorities that the set-based rebuild gives again", async () => {
    const summary = await synthesise(handle, { disclosures: 120, partners: 3, forceAreaCodes: [WEST_YORKSHIRE], seed: 11, now: NOW, triggers: "fire" });
    expect(summary).toMatchObject({ organisations: 4, agreements: 1, disclosures: 120 });
    expect(await foldInsightChanges(handle.db, { limit: 1_000, wait: true })).toBe(120);
    const byTriggers = await counts(handle);
    expect(byTriggers.length).toBeGreaterThan(120);
    expect(await areaMismatches(handle)).toBe(0);
    await rebuildInsightCounts(handle.db);
    expect(await counts(handle)).toEqual(byTriggers);
    expect(await areaMismatches(handle)).toBe(0);
  });

  it("loaded past the triggers, fills threat areas and access keys as the triggers do, and rebuilds the counts", async () => {
    const before = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from disclosures`))[0]!.n;
    const summary = await synthesise(handle, { disclosures: 150, partners: 2, forceAreaCodes: [GREATER_MANCHESTER], seed: 12, now: NOW, triggers: "bypass" });
    expect(summary.disclosures).toBe(150);
    const [check] = rowsOf<{ rows: number; wrong_areas: number; wrong_keys: number; bad_record_keys: number }>(
      await handle.db.execute(sql`
        select count(*)::int as rows,
          count(*) filter (where d.threat_areas is distinct from
            (select array_agg(t.threat_area order by t.threat_area) from disclosure_threat_areas t where t.disclosure_id = d.id))::int as wrong_areas,
          count(*) filter (where d.access_keys is distinct from
            (select array_agg(app_access_key(d.org_id, place, area) order by place, area)
             from unnest(d.threat_areas) as area cross join unnest(array[d.force_area_code, d.lad_code]::text[]) as place))::int as wrong_keys,
          count(*) filter (where d.record_key not between 0 and 255)::int as bad_record_keys
        from disclosures d`),
    );
    expect(check).toEqual({ rows: before + 150, wrong_areas: 0, wrong_keys: 0, bad_record_keys: 0 });

    // The rebuilt counts are what the triggers keep: each disclosure's contribution, taken away
    // by withdrawing it through the triggers and folding, leaves nothing behind.
    const rebuilt = await counts(handle);
    expect(rebuilt.length).toBeGreaterThan(150);
    await handle.db.execute(sql`update disclosures set status = 'withdrawn', withdrawn_at = now(), withdrawn_reason = 'Synthetic test'`);
    expect(await areaMismatches(handle)).toBe(0);
    expect(await foldInsightChanges(handle.db, { limit: 10_000, wait: true })).toBe(before + 150);
    expect(await counts(handle)).toEqual([]);
    expect(await areaMismatches(handle)).toBe(0);
  });

  it("gives every disclosure a district of its force area, a month in the ten years, and a submission time", async () => {
    const [shape] = rowsOf<{ outside: number; months: number }>(
      await handle.db.execute(sql`
        select count(*) filter (where l.force_area_code is distinct from d.force_area_code or d.submitted_at is null
                                  or d.disclosure_month not between '2016-11-01' and '2026-10-01')::int as outside,
               count(distinct d.disclosure_month)::int as months
        from disclosures d left join local_authorities l on l.code = d.lad_code`),
    );
    expect(shape!.outside).toBe(0);
    expect(shape!.months).toBeGreaterThan(60);
  });
});
