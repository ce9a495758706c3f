import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { eq, inArray, sql } from "drizzle-orm";
import type postgres from "postgres";
import type { PGlite } from "@electric-sql/pglite";
import { rowsOf, type Database, type DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import type { Viewer } from "@/lib/access/viewer";
import { agreementDraft } from "@/lib/agreements/schema";
import { createDraft, getAgreement, sendForSignature, sign } from "@/lib/agreements/service";
import { SHAREABLE_FIELDS, THREAT_AREAS, type ThreatArea } from "@/lib/taxonomy";
import { Random } from "../seed/random";
import { iterateDisclosures } from "../seed/synthetic";
import { DISCLOSURE_COLUMNS, THREAT_AREA_COLUMNS, copyLines, splitCount, synthOrganisations, tenYearsOfMonths, type SynthOrganisation } from "./plan";

/**
 * `npm run db:synth`: ten years of realistic anonymised disclosures from every police force area,
 * from synthetic partner organisations under one agreement per force area, written with COPY in
 * batches so memory stays bounded however many are asked for.
 *
 * Two ways to keep the insight counts right (docs/insights.md):
 * - `triggers: "fire"` loads as the portal writes, every row through the database's triggers;
 * - `triggers: "bypass"` (the default, for millions) loads with triggers and foreign-key checks off
 *   for the session (`session_replication_role = replica`, which needs a superuser), the columns
 *   the triggers would fill computed alike (scripts/synth/plan.ts), then rebuilds insight_counts
 *   in one set-based statement from the migration's own app_insight_delta.
 */
export type SynthOptions = {
  disclosures: number;
  /** Submitting partner organisations, spread over the force areas (at least one per area). */
  partners: number;
  /** Every force area unless some are named (the tests' small databases). */
  forceAreaCodes?: readonly string[];
  seed: number;
  now?: Date;
  triggers?: "fire" | "bypass";
  /** Told the running total after each batch. */
  progress?: (written: number) => void;
};

export type SynthSummary = { organisations: number; agreements: number; disclosures: number; threatAreas: number };

/** Rows written per COPY: big enough to amortise each statement, small enough to hold in memory. */
const BATCH = 20_000;

export async function synthesise(handle: DatabaseHandle, options: SynthOptions): Promise<SynthSummary> {
  const now = options.now ?? new Date();
  const { police, partners } = synthOrganisations(options.partners, options.forceAreaCodes);
  const ids = await insertOrganisations(handle.db, [...police, ...partners]);
  const leads = await insertPeople(handle.db, [...police, ...partners], ids);
  const agreements = await signAgreements(handle.db, police, partners, { ids, leads, now });

  const counts = splitCount(options.disclosures, partners.map((partner) => partner.weight));
  const months = tenYearsOfMonths(now);
  const keys = new Random(options.seed ^ 0x5eed);
  const copy = copierFor(handle);
  const bypass = (options.triggers ?? "bypass") === "bypass";
  let written = 0;
  let threatAreas = 0;
  await copy.session(bypass, async (copyIn) => {
    let disclosureLines: string[] = [];
    let areaLines: string[] = [];
    const flush = async () => {
      if (disclosureLines.length === 0) return;
      await copyIn("disclosures", DISCLOSURE_COLUMNS, disclosureLines);
      await copyIn("disclosure_threat_areas", THREAT_AREA_COLUMNS, areaLines);
      written += disclosureLines.length;
      threatAreas += areaLines.length;
      disclosureLines = [];
      areaLines = [];
      options.progress?.(written);
    };
    for (const [index, partner] of partners.entries()) {
      const orgId = ids.get(partner.name)!;
      const records = iterateDisclosures({ seed: options.seed + index, count: counts[index]!, partnerType: partner.type, ladCodes: partner.ladCodes, months, now });
      for (const record of records) {
        const lines = copyLines(record, { id: randomUUID(), orgId, createdBy: leads.get(partner.name)!.userId, recordKey: keys.int(0, 255) });
        disclosureLines.push(lines.disclosure);
        for (const line of lines.threatAreas) areaLines.push(line);
        if (disclosureLines.length >= BATCH) await flush();
      }
    }
    await flush();
  });
  if (bypass) await rebuildInsightCounts(handle.db, { concurrency: handle.driver === "pglite" ? 1 : REBUILD_CONNECTIONS });
  // Fresh statistics for the planner: the new agreements' grants as much as the new rows.
  await handle.db.execute(sql`analyze`);
  return { organisations: police.length + partners.length, agreements, disclosures: written, threatAreas };
}

/**
 * insight_counts rebuilt from every submitted disclosure by the insights migration's own
 * app_insight_delta (the function folding uses), as its backfill does, and insight_area_counts
 * summed from it, a few providers per transaction: each statement's aggregate stays in memory, its
 * rows go in in key order, and on the PostgreSQL server two transactions run at once, one per core.
 * Not one transaction: a load that stops half-way is run again. The rebuild starts by emptying both
 * tables and the log of changes not yet folded (lib/insights/folding.ts), which it counts from the
 * disclosures themselves; it is for a database nobody else is writing to.
 */
export async function rebuildInsightCounts(db: Database, { concurrency = 1 }: { concurrency?: number } = {}): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('app_fold_insight_changes'))`);
    await tx.execute(sql`delete from insight_changes`);
    await tx.execute(sql`delete from insight_counts`);
    await tx.execute(sql`delete from insight_area_counts`);
  });
  const providers = rowsOf<{ org_id: string }>(await db.execute(sql`select distinct org_id from disclosures where status = 'submitted' order by org_id`)).map((row) => row.org_id);
  const groups: string[][] = [];
  for (let start = 0; start < providers.length; start += PROVIDERS_PER_STATEMENT) groups.push(providers.slice(start, start + PROVIDERS_PER_STATEMENT));
  const rebuildGroup = (orgIds: readonly string[]) => {
    const orgList = sql.join(orgIds.map((id) => sql`${id}::uuid`), sql`, `);
    return db.transaction(async (tx) => {
      // JIT compiles the per-disclosure cells for longer than it saves (measured: 27 s against 10 s for 50,000).
      await tx.execute(sql`set local jit = off`);
      await tx.execute(sql`set local work_mem = '256MB'`);
      await tx.execute(sql`
        insert into insight_counts (org_id, dimension, month, threat_area, lad_code, value, force_area_code, count, record_key_sum)
        select x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value, min(x.force_area_code), sum(x.n)::integer, sum(x.k)
        from disclosures d cross join lateral app_insight_delta(d, 1) x
        where d.status = 'submitted' and d.org_id in (${orgList})
        group by x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value
        order by x.org_id, x.dimension, x.month, x.threat_area, x.lad_code, x.value`);
      await tx.execute(sql`
        insert into insight_area_counts (org_id, dimension, month, threat_area, force_area_code, value, count, record_key_sum)
        select c.org_id, c.dimension, c.month, c.threat_area, c.force_area_code, c.value, sum(c.count)::integer, sum(c.record_key_sum)
        from insight_counts c
        where c.org_id in (${orgList})
        group by c.org_id, c.dimension, c.month, c.threat_area, c.force_area_code, c.value
        order by c.org_id, c.dimension, c.month, c.threat_area, c.force_area_code, c.value`);
    });
  };
  let next = 0;
  const worker = async () => {
    while (next < groups.length) await rebuildGroup(groups[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, groups.length)) }, worker));
}

/** Rebuild statements run at once on the PostgreSQL server: one per core of this kind of machine. */
const REBUILD_CONNECTIONS = 2;

/** Providers per rebuild statement: about 30,000 disclosures each at ten million. */
const PROVIDERS_PER_STATEMENT = 8;

// ---------------------------------------------------------------------------------------------
// COPY on either driver

type CopyIn = (table: string, columns: readonly string[], lines: readonly string[]) => Promise<void>;
type Copier = { session(bypass: boolean, work: (copyIn: CopyIn) => Promise<void>): Promise<void> };

function copierFor(handle: DatabaseHandle): Copier {
  const client = (handle.db as unknown as { $client: unknown }).$client;
  const statement = (table: string, columns: readonly string[], source: string) => `copy ${table} (${columns.join(", ")}) from ${source}`;
  if (handle.driver === "pglite") {
    const pglite = client as PGlite;
    return {
      async session(bypass, work) {
        if (bypass) await pglite.query("set session_replication_role = replica");
        try {
          await work(async (table, columns, lines) => {
            await pglite.query(statement(table, columns, "'/dev/blob'"), [], { blob: new Blob([`${lines.join("\n")}\n`]) });
          });
        } finally {
          if (bypass) await pglite.query("set session_replication_role = origin");
        }
      },
    };
  }
  const pool = client as postgres.Sql;
  return {
    async session(bypass, work) {
      // One connection for the whole load, so the session setting holds for every COPY.
      const connection = await pool.reserve();
      try {
        if (bypass) await connection.unsafe("set session_replication_role = replica");
        await work(async (table, columns, lines) => {
          const stream = await connection.unsafe(statement(table, columns, "stdin")).writable();
          const finished = once(stream, "finish");
          for (let start = 0; start < lines.length; start += 1000) {
            if (!stream.write(`${lines.slice(start, start + 1000).join("\n")}\n`)) await once(stream, "drain");
          }
          stream.end();
          await finished;
        });
      } finally {
        if (bypass) await connection.unsafe("set session_replication_role = origin").catch(() => undefined);
        connection.release();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Organisations, people and agreements

async function insertOrganisations(db: Database, organisations: readonly SynthOrganisation[]): Promise<Map<string, string>> {
  const names = organisations.map((organisation) => organisation.name);
  const existing = new Set((await db.select({ name: t.organisations.name }).from(t.organisations).where(inArray(t.organisations.name, names))).map((row) => row.name));
  const added = organisations.filter((organisation) => !existing.has(organisation.name));
  if (added.length > 0) {
    const rows = await db.insert(t.organisations).values(added.map(({ name, type }) => ({ name, type }))).returning({ id: t.organisations.id, name: t.organisations.name });
    const byName = new Map(rows.map((row) => [row.name, row.id]));
    await db.insert(t.organisationCoverage).values(added.map((organisation) => ({ orgId: byName.get(organisation.name)!, forceAreaCode: organisation.forceAreaCode, ladCode: null })));
  }
  const all = await db.select({ id: t.organisations.id, name: t.organisations.name }).from(t.organisations).where(inArray(t.organisations.name, names));
  return new Map(all.map((row) => [row.name, row.id]));
}

type Person = { userId: string; email: string; displayName: string };

/** The e-mail of an organisation's synthetic partner lead (analyst for a police force). */
export function synthEmail(organisation: Pick<SynthOrganisation, "name" | "type">): string {
  const slug = organisation.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return `${organisation.type === "police_force" ? "analyst" : "lead"}.${slug}@synthetic.example`;
}

/**
 * A partner lead in every organisation, who signs its agreement; police forces also get an
 * analyst (the viewer of the insights). Nobody can sign in: no password, no identity provider.
 */
async function insertPeople(db: Database, organisations: readonly SynthOrganisation[], ids: ReadonlyMap<string, string>): Promise<Map<string, Person>> {
  const people = organisations.flatMap((organisation) => {
    const lead = { organisation, email: synthEmail({ name: organisation.name, type: "third_sector" }), role: "org_manager" as const, displayName: `Partner lead, ${organisation.name}` };
    if (organisation.type !== "police_force") return [lead];
    return [lead, { organisation, email: synthEmail(organisation), role: "analyst" as const, displayName: `Analyst, ${organisation.name}` }];
  });
  const emails = people.map((person) => person.email);
  const known = new Set((await db.select({ email: t.users.email }).from(t.users).where(inArray(t.users.email, emails))).map((row) => row.email));
  const added = people.filter((person) => !known.has(person.email));
  if (added.length > 0) {
    const rows = await db.insert(t.users).values(added.map(({ email, displayName }) => ({ email, displayName }))).returning({ id: t.users.id, email: t.users.email });
    const byEmail = new Map(rows.map((row) => [row.email, row.id]));
    await db.insert(t.memberships).values(added.map((person) => ({ userId: byEmail.get(person.email)!, orgId: ids.get(person.organisation.name)!, role: person.role })));
  }
  const users = await db.select({ id: t.users.id, email: t.users.email, displayName: t.users.displayName }).from(t.users).where(inArray(t.users.email, emails));
  const byEmail = new Map(users.map((user) => [user.email, user]));
  return new Map(
    organisations.map((organisation) => {
      const user = byEmail.get(synthEmail({ name: organisation.name, type: "third_sector" }))!;
      return [organisation.name, { userId: user.id, email: user.email, displayName: user.displayName }];
    }),
  );
}

/**
 * One agreement per force area, made as the portal makes one (lib/agreements/service.ts): drafted
 * and sent by a synthetic national administrator, signed by every party's partner lead. Its
 * partners provide, its police force receives, every threat area — domestic abuse, stalking and
 * harassment and tech-enabled VAWG as records, the rest as aggregates, as the demo's West Yorkshire
 * agreement — over the whole force area, in force for the ten years and the next.
 */
async function signAgreements(
  db: Database,
  police: readonly SynthOrganisation[],
  partners: readonly SynthOrganisation[],
  { ids, leads, now }: { ids: ReadonlyMap<string, string>; leads: ReadonlyMap<string, Person>; now: Date },
): Promise<number> {
  const admin = await synthAdmin(db);
  const options = { db, now };
  const start = new Date(Date.UTC(now.getUTCFullYear() - 10, now.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), 1));
  let made = 0;
  for (const force of police) {
    const reference = `SYN-${force.forceAreaCode}`;
    const [existing] = await db.select({ id: t.agreements.id }).from(t.agreements).where(eq(t.agreements.reference, reference));
    if (existing) continue;
    const parties = [force, ...partners.filter((partner) => partner.forceAreaCode === force.forceAreaCode)];
    const viewerOf = (organisation: SynthOrganisation): Viewer => {
      const lead = leads.get(organisation.name)!;
      return { userId: lead.userId, email: lead.email, displayName: lead.displayName, organisation: { id: ids.get(organisation.name)!, name: organisation.name, type: organisation.type }, role: "org_manager", sessionId: "" };
    };
    const draft = agreementDraft.parse({
      reference,
      title: `Synthetic partner disclosures, ${force.name.replace(/^Synthetic | Police$/g, "")}`,
      purpose: "Synthetic data for measuring the portal at national scale.",
      parties: Object.fromEntries(
        parties.map((party) => [ids.get(party.name)!, { role: party === force ? "recipient" : "provider", contactName: leads.get(party.name)!.displayName, contactEmail: leads.get(party.name)!.email }]),
      ),
      processingRegime: "uk_gdpr",
      article6Basis: "6(1)(e) public task",
      article9Condition: "9(2)(g) substantial public interest",
      dpaCondition: "DPA 2018 Schedule 1, paragraph 6 (statutory and government purposes)",
      threatAreas: Object.fromEntries(THREAT_AREAS.codes.map((area) => [area, RECORD_AREAS.includes(area) ? "record" : "aggregate"])),
      fields: [...SHAREABLE_FIELDS],
      geography: [{ forceAreaCode: force.forceAreaCode, ladCode: null }],
      disclosureThreshold: 5,
      roundToBase5: false,
      retentionMonths: 132,
      startDate: start.toISOString().slice(0, 10),
      endDate: end.toISOString().slice(0, 10),
      reviewDate: end.toISOString().slice(0, 10),
      securityConditions: "Synthetic data only.",
      onwardSharing: "None.",
    });
    const id = await createDraft(admin, draft, options);
    await sendForSignature(admin, id, options);
    for (const party of parties) {
      const signer = viewerOf(party);
      const terms = (await getAgreement(signer, id, options)).versions[0]!;
      await sign(signer, id, { signerName: signer.displayName, signerTitle: "Partner lead", termsSha256: terms.sha256 }, options);
    }
    made++;
  }
  return made;
}

const RECORD_AREAS: readonly ThreatArea[] = ["domestic_abuse", "stalking_harassment", "tech_enabled"];

/** The synthetic national organisation's administrator, who drafts the agreements. */
async function synthAdmin(db: Database): Promise<Viewer> {
  const name = "Synthetic national administration";
  const email = "admin@synthetic.example";
  let [org] = await db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.name, name));
  org ??= (await db.insert(t.organisations).values({ name, type: "national" }).returning({ id: t.organisations.id }))[0]!;
  let [user] = await db.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email));
  if (!user) {
    user = (await db.insert(t.users).values({ email, displayName: "Synthetic administrator" }).returning({ id: t.users.id }))[0]!;
    await db.insert(t.memberships).values({ userId: user.id, orgId: org.id, role: "admin" });
  }
  return { userId: user.id, email, displayName: "Synthetic administrator", organisation: { id: org.id, name, type: "national" }, role: "admin", sessionId: "" };
}
