import { readdirSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./database";
import { rowsOf } from "./database";
import { countPendingMigrations, migrateDatabase } from "./migrate";
import * as t from "./schema";
import { createEmptyTestDatabase, refusedWith } from "./testing";

let handle: DatabaseHandle;
let pendingWhenEmpty: number;
beforeAll(async () => {
  // From nothing, as a new server's first `npm run db:migrate`: not a copy of the run's template.
  handle = await createEmptyTestDatabase();
  pendingWhenEmpty = await countPendingMigrations(handle);
  await migrateDatabase(handle);
});
afterAll(async () => {
  await handle?.close();
});

async function query<T>(statement: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await handle.db.execute(statement));
}

describe("migrations", () => {
  it("start from an empty database, with every committed migration pending", () => {
    const committed = readdirSync(join(process.cwd(), "db/migrations")).filter((file) => file.endsWith(".sql"));
    expect(committed.length).toBeGreaterThan(0);
    expect(pendingWhenEmpty).toBe(committed.length);
  });

  it("leave no committed migration pending", async () => {
    expect(await countPendingMigrations(handle)).toBe(0);
  });

  it("create every table of the domain", async () => {
    const tables = await query<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((row) => row.name)).toEqual([
      "agreement_fields",
      "agreement_geography",
      "agreement_grants",
      "agreement_parties",
      "agreement_reminders",
      "agreement_signatures",
      "agreement_threat_areas",
      "agreement_versions",
      "agreements",
      "api_tokens",
      "audit_chain",
      "audit_chain_anchors",
      "audit_chain_head",
      "audit_events",
      "disclosure_threat_areas",
      "disclosures",
      "identity_providers",
      "insight_area_counts",
      "insight_changes",
      "insight_counts",
      "invitations",
      "local_authorities",
      "memberships",
      "organisation_coverage",
      "organisations",
      "police_force_areas",
      "recorded_crime_returns",
      "recovery_codes",
      "rejected_uploads",
      "retained_disclosure_counts",
      "scheduled_jobs",
      "sessions",
      "sign_in_challenges",
      "throttle_counters",
      "user_identities",
      "users",
    ]);
  });

  it("load the 43 police force areas and 318 local authorities with their female population", async () => {
    const [totals] = await query<{ areas: number; authorities: number; females: number }>(sql`
      select (select count(*)::int from police_force_areas) as areas,
             (select count(*)::int from local_authorities) as authorities,
             (select sum(females_all_ages)::int from local_authorities) as females`);
    expect(totals).toEqual({ areas: 43, authorities: 318, females: 31_018_735 });
  });

  it("can run again without changing or duplicating anything", async () => {
    await migrateDatabase(handle);
    const [row] = await query<{ n: number }>(sql`select count(*)::int as n from local_authorities`);
    expect(row!.n).toBe(318);
  });
});

describe("the schema's own guarantees", () => {
  async function organisation(name: string) {
    const [row] = await handle.db.insert(t.organisations).values({ name, type: "third_sector" }).returning();
    return row!.id;
  }

  it("refuses a local authority stored with a force area it does not lie in", async () => {
    const orgId = await organisation("Mismatched coverage");
    // Leeds (E08000035) is in West Yorkshire, not Greater Manchester (E23000005).
    await expect(
      handle.db.insert(t.organisationCoverage).values({ orgId, forceAreaCode: "E23000005", ladCode: "E08000035" }),
    ).rejects.toMatchObject(refusedWith("23503", /violates foreign key constraint "organisation_coverage_lad_code_force_area_code_local_authorit/));
    await handle.db.insert(t.organisationCoverage).values({ orgId, forceAreaCode: "E23000010", ladCode: "E08000035" });
  });

  it("refuses an e-mail address already taken in another letter case", async () => {
    await handle.db.insert(t.users).values({ email: "someone@partner.example", displayName: "One" });
    await expect(
      handle.db.insert(t.users).values({ email: "Someone@Partner.example", displayName: "Two" }),
    ).rejects.toMatchObject(refusedWith("23505", /violates unique constraint "users_email_key"/));
  });

  it("refuses a submitted disclosure without its month and place, and a withdrawal without a reason", async () => {
    const orgId = await organisation("Incomplete submitter");
    const id = crypto.randomUUID();
    await expect(
      handle.db.insert(t.disclosures).values({ id, seriesId: id, orgId, status: "submitted", submittedAt: new Date() }),
    ).rejects.toMatchObject(refusedWith("23514", /violates check constraint "disclosures_submitted_are_complete"/));
    const complete = {
      orgId,
      disclosureMonth: "2026-01-01",
      ladCode: "E08000035",
      forceAreaCode: "E23000010",
      submittedAt: new Date(),
    };
    const other = crypto.randomUUID();
    await expect(
      handle.db.insert(t.disclosures).values({ ...complete, id: other, seriesId: other, status: "withdrawn" }),
    ).rejects.toMatchObject(refusedWith("23514", /violates check constraint "disclosures_withdrawal_has_reason"/));
    await handle.db.insert(t.disclosures).values({ ...complete, id: other, seriesId: other, status: "submitted" });
  });

  it("keeps a disclosure's multi-valued answers queryable as values, not blobs", async () => {
    const orgId = await organisation("Array submitter");
    const id = crypto.randomUUID();
    await handle.db.insert(t.disclosures).values({ id, seriesId: id, orgId, barriers: ["language", "shame_or_stigma"] });
    await handle.db.insert(t.disclosureThreatAreas).values({ disclosureId: id, threatArea: "domestic_abuse", subTypes: ["economic"] });
    const rows = await query<{ id: string }>(
      sql`select d.id from disclosures d join disclosure_threat_areas a on a.disclosure_id = d.id
          where 'language' = any(d.barriers) and a.threat_area = 'domestic_abuse'`,
    );
    expect(rows.map((row) => row.id)).toEqual([id]);
    await expect(
      handle.db.execute(sql`insert into disclosures (id, series_id, org_id, barriers) values (${crypto.randomUUID()}, ${crypto.randomUUID()}, ${orgId}, '{made_up}')`),
    ).rejects.toMatchObject(refusedWith("22P02", /invalid input value for enum barrier: "made_up"/));
  });

  it("refuses a disclosure-control threshold below 3", async () => {
    const [agreement] = await handle.db.insert(t.agreements).values({ reference: "T-1", title: "Threshold" }).returning();
    await expect(
      handle.db.insert(t.agreementVersions).values({
        agreementId: agreement!.id,
        version: 1,
        purpose: "Testing",
        processingRegime: "uk_gdpr",
        disclosureThreshold: 2,
        retentionMonths: 12,
        startDate: "2026-01-01",
        endDate: "2027-01-01",
        reviewDate: "2026-07-01",
      }),
    ).rejects.toMatchObject(refusedWith("23514", /violates check constraint "agreement_versions_threshold_floor"/));
  });
});
