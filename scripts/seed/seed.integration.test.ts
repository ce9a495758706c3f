import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { openTotpSecret } from "@/lib/auth/totp-secret";
import { parseEnv } from "@/lib/env";
import { rowsOf, type DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { createTestDatabase, refusedWith } from "@/db/testing";
import { SeedRefusedError, isEmpty, seedDemo } from ".";

const env = parseEnv({ SEED_DISCLOSURES_PER_PARTNER: "60" });
const NOW = new Date("2026-11-15T12:00:00Z");

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, env, NOW);
});
afterAll(async () => {
  await handle?.close();
});

/** The table in README.md#demo-accounts, verbatim. */
const DESIGN_ACCOUNTS = [
  ["admin@national.example", "National VAWG Coordination", "national", null, "admin"],
  ["auditor@national.example", "National VAWG Coordination", "national", null, "auditor"],
  ["analyst@police.example", "Demo Police West Yorkshire", "police_force", "E23000010", "analyst"],
  ["viewer@police.example", "Demo Police West Yorkshire", "police_force", "E23000010", "viewer"],
  ["manager@police.example", "Demo Police West Yorkshire", "police_force", "E23000010", "org_manager"],
  ["analyst@otherpolice.example", "Demo Police Greater Manchester", "police_force", "E23000005", "analyst"],
  ["manager@idva.example", "Demo IDVA Service Leeds", "idva_service", "E23000010", "org_manager"],
  ["caseworker@idva.example", "Demo IDVA Service Leeds", "idva_service", "E23000010", "submitter"],
  ["caseworker@isva.example", "Demo ISVA Service Bradford", "isva_service", "E23000010", "submitter"],
  ["caseworker@council.example", "Demo Council Wakefield", "local_authority", "E23000010", "submitter"],
  ["caseworker@health.example", "Demo NHS Trust Kirklees", "health", "E23000010", "submitter"],
  ["caseworker@charity.example", "Demo Women's Aid Calderdale", "third_sector", "E23000010", "submitter"],
] as const;

async function accountsByEmail() {
  const rows = await handle.db
    .select({
      email: t.users.email,
      passwordHash: t.users.passwordHash,
      totpSecret: t.users.totpSecret,
      mfaEnrolledAt: t.users.mfaEnrolledAt,
      organisation: t.organisations.name,
      type: t.organisations.type,
      role: t.memberships.role,
      orgId: t.organisations.id,
    })
    .from(t.users)
    .innerJoin(t.memberships, eq(t.memberships.userId, t.users.id))
    .innerJoin(t.organisations, eq(t.organisations.id, t.memberships.orgId));
  return new Map(rows.map((row) => [row.email, row]));
}

async function agreement(reference: string) {
  const [row] = await handle.db
    .select()
    .from(t.agreements)
    .innerJoin(t.agreementVersions, eq(t.agreementVersions.agreementId, t.agreements.id))
    .where(eq(t.agreements.reference, reference));
  const versionId = row!.agreement_versions.id;
  const parties = await handle.db
    .select({ name: t.organisations.name, isProvider: t.agreementParties.isProvider, isRecipient: t.agreementParties.isRecipient })
    .from(t.agreementParties)
    .innerJoin(t.organisations, eq(t.organisations.id, t.agreementParties.orgId))
    .where(eq(t.agreementParties.versionId, versionId));
  const areas = await handle.db.select().from(t.agreementThreatAreas).where(eq(t.agreementThreatAreas.versionId, versionId));
  const signatures = await handle.db.select().from(t.agreementSignatures).where(eq(t.agreementSignatures.versionId, versionId));
  return { ...row!, parties, areas, signatures };
}

describe("the demo seed", () => {
  it.each(DESIGN_ACCOUNTS)("creates %s in %s (%s, %s) as %s", async (email, organisation, type, forceArea, role) => {
    const account = (await accountsByEmail()).get(email);
    expect(account).toMatchObject({ organisation, type, role });
    const coverage = await handle.db.select().from(t.organisationCoverage).where(eq(t.organisationCoverage.orgId, account!.orgId));
    if (forceArea) expect(coverage.map((row) => row.forceAreaCode)).toEqual([forceArea]);
    else expect(coverage).toEqual([]);
  });

  it("gives every account the demo password, hashed, and TOTP enrolled with the demo secret, sealed", async () => {
    const accounts = [...(await accountsByEmail()).values()];
    expect(accounts.length).toBeGreaterThanOrEqual(DESIGN_ACCOUNTS.length);
    for (const account of accounts) {
      expect(account.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(account.passwordHash!, env.DEMO_PASSWORD)).toBe(true);
      expect(account.totpSecret).not.toContain(env.DEMO_TOTP_SECRET);
      expect(account.totpSecret).toMatch(/^v1\./);
      expect(openTotpSecret(account.totpSecret!)).toBe(env.DEMO_TOTP_SECRET);
      expect(account.mfaEnrolledAt).not.toBeNull();
    }
  });

  it("uses only reserved .example e-mail domains", async () => {
    const emails = [...(await accountsByEmail()).keys()];
    expect(emails.length).toBeGreaterThanOrEqual(DESIGN_ACCOUNTS.length);
    for (const email of emails) expect(email).toMatch(/@[a-z]+\.example$/);
  });

  it("creates the active West Yorkshire partnership: five partners provide, the force receives", async () => {
    const wy = await agreement("DSA-WY-2025-001");
    expect(wy.agreements).toMatchObject({ title: "West Yorkshire VAWG partnership", status: "active" });
    expect(wy.agreements.currentVersionId).toBe(wy.agreement_versions.id);
    expect(wy.agreement_versions.startDate <= "2026-11-15" && wy.agreement_versions.endDate > "2026-11-15").toBe(true);
    const providers = wy.parties.filter((party) => party.isProvider).map((party) => party.name).sort();
    expect(providers).toEqual([
      "Demo Council Wakefield",
      "Demo IDVA Service Leeds",
      "Demo ISVA Service Bradford",
      "Demo NHS Trust Kirklees",
      "Demo Women's Aid Calderdale",
    ]);
    expect(wy.parties.filter((party) => party.isRecipient).map((party) => party.name)).toEqual(["Demo Police West Yorkshire"]);
    const recordAreas = wy.areas.filter((area) => area.granularity === "record").map((area) => area.threatArea).sort();
    expect(recordAreas).toEqual(["domestic_abuse", "stalking_harassment", "tech_enabled"]);
    expect(wy.areas.filter((area) => area.granularity === "aggregate")).toHaveLength(7);
    expect(wy.signatures).toHaveLength(6);
  });

  it("creates an expired agreement that once shared the charity's data with Greater Manchester", async () => {
    const gm = await agreement("DSA-GM-2023-004");
    expect(gm.agreements.status).toBe("expired");
    expect(gm.agreement_versions.endDate < "2026-11-15").toBe(true);
    expect(gm.parties).toEqual(
      expect.arrayContaining([
        { name: "Demo Women's Aid Calderdale", isProvider: true, isRecipient: false },
        { name: "Demo Police Greater Manchester", isProvider: false, isRecipient: true },
      ]),
    );
  });

  it("creates a draft agreement still awaiting signatures", async () => {
    const draft = await agreement("DSA-WY-2026-002");
    expect(draft.agreements.status).toBe("awaiting_signatures");
    expect(draft.agreements.currentVersionId).toBeNull();
    expect(draft.signatures.length).toBeLessThan(draft.parties.length);
  });

  it("leaves Greater Manchester Police with no active agreement", async () => {
    const accounts = await accountsByEmail();
    const gmOrgId = accounts.get("analyst@otherpolice.example")!.orgId;
    const active = await handle.db
      .select({ n: count() })
      .from(t.agreementParties)
      .innerJoin(t.agreements, eq(t.agreements.currentVersionId, t.agreementParties.versionId))
      .where(and(eq(t.agreementParties.orgId, gmOrgId), eq(t.agreements.status, "active")));
    expect(active[0]!.n).toBe(0);
  });

  it("adds the configured number of submitted disclosures for each of the five partners, none for police", async () => {
    const rows = await handle.db
      .select({ organisation: t.organisations.name, n: count() })
      .from(t.disclosures)
      .innerJoin(t.organisations, eq(t.organisations.id, t.disclosures.orgId))
      .where(eq(t.disclosures.status, "submitted"))
      .groupBy(t.organisations.name);
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.n).toBe(60);
  });

  it("stores each disclosure's force area as the one its local authority lies in, with at least one threat area", async () => {
    const result = await handle.db.execute(sql`
      select count(*)::int as n from disclosures d
      left join local_authorities l on l.code = d.lad_code
      where l.force_area_code is distinct from d.force_area_code
         or not exists (select 1 from disclosure_threat_areas a where a.disclosure_id = d.id)`);
    expect(rowsOf<{ n: number }>(result)[0]!.n).toBe(0);
  });

  it("opens with every disclosure counted in the insights, in each of its threat areas, and nothing left to fold", async () => {
    const [row] = rowsOf<{ pending: number; counted: number; areas: number }>(
      await handle.db.execute(sql`
        select (select count(*)::int from insight_changes) as pending,
               (select coalesce(sum(count), 0)::int from insight_counts where dimension = 'total') as counted,
               (select count(*)::int from disclosure_threat_areas a join disclosures d on d.id = a.disclosure_id where d.status = 'submitted') as areas`),
    );
    expect(row!.areas).toBeGreaterThanOrEqual(5 * 60);
    expect(row).toEqual({ pending: 0, counted: row!.areas, areas: row!.areas });
  });

  it("adds monthly recorded-crime returns for both demo forces", async () => {
    const rows = await handle.db
      .select({ forceArea: t.recordedCrimeReturns.forceAreaCode, n: count() })
      .from(t.recordedCrimeReturns)
      .groupBy(t.recordedCrimeReturns.forceAreaCode)
      .orderBy(t.recordedCrimeReturns.forceAreaCode);
    expect(rows).toEqual([
      { forceArea: "E23000005", n: 24 * 10 },
      { forceArea: "E23000010", n: 24 * 10 },
    ]);
  });

  it("refuses to run a second time and leaves what is there untouched", async () => {
    const before = await handle.db.select({ n: count() }).from(t.disclosures);
    await expect(seedDemo(handle.db, env, NOW)).rejects.toMatchObject(refusedWith("23505", /violates unique constraint "organisations_name_unique"/));
    expect(await handle.db.select({ n: count() }).from(t.disclosures)).toEqual(before);
    expect(await isEmpty(handle.db)).toBe(false);
  });

  it("refuses to run in production", async () => {
    await expect(seedDemo(handle.db, { ...env, NODE_ENV: "production" }, NOW)).rejects.toBeInstanceOf(SeedRefusedError);
  });
});
