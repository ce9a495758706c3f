import { sql } from "drizzle-orm";
import type { Database } from "@/db/database";

/**
 * Submitted disclosures in bulk for benchmarks, written by one INSERT … SELECT on the server:
 * spread evenly over the given organisations and ten years of months, over the local authorities
 * of one force area, each with one threat area and three in ten with a second. Answers beyond
 * what access and paging read are left empty; a realistic generator is `npm run db:synth`'s job.
 */
export async function insertSubmittedDisclosures(
  db: Database,
  { count, orgIds, createdBy, forceAreaCode }: { count: number; orgIds: readonly string[]; createdBy: string; forceAreaCode: string },
): Promise<void> {
  const orgs = sql`array[${sql.join(orgIds.map((id) => sql`${id}::uuid`), sql`, `)}]`;
  await db.execute(sql`
    with places as (select array_agg(code order by code) as codes from local_authorities where force_area_code = ${forceAreaCode}),
    generated as (
      select gen_random_uuid() as id, n, now() - (n % 3650) * interval '1 day' - (n % 86400) * interval '1 second' as submitted_at
      from generate_series(1, ${count}) as n
    )
    insert into disclosures (id, org_id, created_by, series_id, status, disclosure_month, lad_code, force_area_code, submitted_at)
    select g.id, (${orgs})[1 + g.n % ${orgIds.length}], ${createdBy}::uuid, g.id, 'submitted',
           date_trunc('month', g.submitted_at)::date, p.codes[1 + (g.n / 7) % array_length(p.codes, 1)], ${forceAreaCode}, g.submitted_at
    from generated g cross join places p`);
  await db.execute(sql`
    insert into disclosure_threat_areas (disclosure_id, threat_area)
    select d.id, (enum_range(null::threat_area))[1 + (hashtext(d.id::text) & 2147483647) % 10]
    from disclosures d where d.status = 'submitted'
    union all
    select d.id, (enum_range(null::threat_area))[1 + ((hashtext(d.id::text) & 2147483647) % 10 + 1 + (hashtext(d.id::text || 'b') & 2147483647) % 9) % 10]
    from disclosures d where d.status = 'submitted' and (hashtext(d.id::text || 'a') & 2147483647) % 10 < 3`);
  await db.execute(sql`analyze disclosures`);
  await db.execute(sql`analyze disclosure_threat_areas`);
}
