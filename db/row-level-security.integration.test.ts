import { randomBytes, randomUUID } from "node:crypto";
import { eq, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/access/roles";
import { getEnv, parseEnv } from "@/lib/env";
import { APP_ROLE, appRoleProblem } from "./app-role";
import { withContext, type DbContext } from "./context";
import { rowsOf, type Database, type DatabaseHandle } from "./database";
import * as t from "./schema";
import { seedDemo } from "@/scripts/seed";
import { asAppWithoutContext, createTestDatabase, refusedWith, type TestDatabase } from "./testing";

/** Every table holding organisation data: RLS enabled, forced, with policies (docs/data-model.md#organisation-data). */
const ORGANISATION_DATA_TABLES = [
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
  "memberships",
  "organisation_coverage",
  "organisations",
  "recorded_crime_returns",
  "rejected_uploads",
  "retained_disclosure_counts",
];

/** Every other table, and why it holds no organisation data that RLS must guard. */
const TABLES_WITHOUT_RLS: Record<string, string> = {
  users: "accounts exist before any organisation is chosen; read by e-mail at sign-in",
  sessions: "read by hashed token before the user's context exists; names an organisation only as the one acted for",
  sign_in_challenges: "half-finished sign-ins, keyed by a hashed token",
  throttle_counters: "sign-in throttling and request rate limits, keyed by hashed account, address, token, user or organisation id",
  recovery_codes: "a user's own hashed MFA recovery codes",
  user_identities: "links a user to an SSO subject; read during sign-in",
  police_force_areas: "ONS reference data",
  local_authorities: "ONS reference data",
  scheduled_jobs: "the job runner's own bookkeeping: job names and run times",
};

const FULL = "DELETE,INSERT,SELECT,UPDATE";
const EXPECTED_APP_PRIVILEGES: Record<string, string> = {
  ...Object.fromEntries(ORGANISATION_DATA_TABLES.map((table) => [table, FULL])),
  ...Object.fromEntries(Object.keys(TABLES_WITHOUT_RLS).map((table) => [table, FULL])),
  audit_events: "INSERT,SELECT",
  audit_chain: "SELECT",
  audit_chain_head: "SELECT",
  // Written and read only through app_audit_anchor and app_audit_last_anchor: no privilege at all.
  audit_chain_anchors: null as unknown as string,
  agreement_grants: "SELECT",
  agreement_reminders: "INSERT,SELECT",
  retained_disclosure_counts: "SELECT",
  // Read only through app_insight_counts (docs/insights.md#scope), moved only by folding the
  // log of changes, which the triggers write: no privilege at all on any of the three.
  insight_counts: null as unknown as string,
  insight_area_counts: null as unknown as string,
  insight_changes: null as unknown as string,
  scheduled_jobs: "INSERT,SELECT,UPDATE",
  // Kept until dealt with, then marked so, never deleted by the app.
  rejected_uploads: "INSERT,SELECT,UPDATE",
  police_force_areas: "SELECT",
  local_authorities: "SELECT",
};

const onServer = Boolean(getEnv().DATABASE_URL);
const env = parseEnv({ SEED_DISCLOSURES_PER_PARTNER: "12" });

let handle: TestDatabase;
let app: DatabaseHandle;
let single: DatabaseHandle;
const ids = { orgs: new Map<string, string>(), users: new Map<string, string>() };

async function query<T>(db: Database, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(statement));
}

function contextOf(email: string, organisation: string, role: Role): DbContext {
  return { userId: ids.users.get(email)!, orgId: ids.orgs.get(organisation)!, role };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, env);
  for (const row of await handle.db.select({ id: t.organisations.id, name: t.organisations.name }).from(t.organisations)) {
    ids.orgs.set(row.name, row.id);
  }
  for (const row of await handle.db.select({ id: t.users.id, email: t.users.email }).from(t.users)) ids.users.set(row.email, row.id);

  // The seed leaves these empty; a table with no rows would prove nothing below.
  const idva = ids.orgs.get("Demo IDVA Service Leeds")!;
  const manager = ids.users.get("manager@idva.example")!;
  const inAMonth = new Date(Date.now() + 30 * 86_400_000);
  await handle.db.insert(t.apiTokens).values({ orgId: idva, name: "Case system", tokenHash: randomBytes(16).toString("hex"), tokenPrefix: "vawg_ab", scopes: ["submit"], createdBy: manager, expiresAt: inAMonth });
  await handle.db.insert(t.rejectedUploads).values({ orgId: idva, uploadedBy: manager, kind: "disclosures", fileName: "bad.csv", message: "There is a problem with the file.", errorCount: 1, errors: [{ row: 2, column: "victim_sex", message: "Choose an answer" }] });
  await handle.db.insert(t.invitations).values({ orgId: idva, email: "new.caseworker@idva.example", role: "submitter", tokenHash: randomBytes(16).toString("hex"), invitedBy: manager, expiresAt: inAMonth });
  await handle.db.insert(t.identityProviders).values({ orgId: ids.orgs.get("Demo Police West Yorkshire")!, displayName: "Demo Police Entra ID", issuer: "https://login.example/tenant/v2.0", clientId: "client", clientSecretEncrypted: "encrypted", allowedDomains: ["police.example"] });
  await handle.db.insert(t.auditEvents).values({ action: "test.seeded", outcome: "success" });
  const [agreement] = await handle.db.select({ id: t.agreements.id }).from(t.agreements).limit(1);
  await handle.db.insert(t.agreementReminders).values({ agreementId: agreement!.id, kind: "review", dueDate: "2027-01-01", recipients: 2 });
  const [lad] = await handle.db.select({ code: t.localAuthorities.code, forceAreaCode: t.localAuthorities.forceAreaCode }).from(t.localAuthorities).limit(1);
  await handle.db.insert(t.retainedDisclosureCounts).values({ orgId: idva, month: "2018-01-01", threatArea: "domestic_abuse", forceAreaCode: lad!.forceAreaCode, ladCode: lad!.code, count: 4 });

  app = await handle.connectAsApp({ max: 4 });
  single = await handle.connectAsApp({ max: 1 });
});

afterAll(async () => {
  await handle?.close();
});

describe("the row-level security catalogue", () => {
  it("classifies every table in public: organisation data under RLS, every other table with its reason", async () => {
    const tables = await query<{ name: string }>(handle.db, sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
    expect(tables.map((row) => row.name)).toEqual([...ORGANISATION_DATA_TABLES, ...Object.keys(TABLES_WITHOUT_RLS)].sort());
  });

  it("enables and forces row-level security, with at least one policy, on exactly the organisation-data tables", async () => {
    const rows = await query<{ name: string; enabled: boolean; forced: boolean; policies: number }>(
      handle.db,
      sql`select c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
                 (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    );
    const protectedTables = rows.filter((row) => row.enabled || row.forced || row.policies > 0);
    expect(protectedTables.map((row) => row.name)).toEqual(ORGANISATION_DATA_TABLES);
    for (const row of protectedTables) expect(row, row.name).toMatchObject({ enabled: true, forced: true, policies: expect.any(Number) });
    for (const row of protectedTables) expect(row.policies, row.name).toBeGreaterThan(0);
  });

  it("leaves no table with an organisation column, or a key into organisation data, outside RLS unless named above", async () => {
    // A new table with org_id (or a foreign key into a guarded table) and no RLS fails here.
    const linked = await query<{ name: string }>(
      handle.db,
      sql`select distinct c.relname as name
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity
            and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attname like '%org_id')
              or exists (select 1 from pg_constraint k join pg_class target on target.oid = k.confrelid
                         where k.conrelid = c.oid and k.contype = 'f' and target.relrowsecurity))
          order by 1`,
    );
    expect(linked.map((row) => row.name)).toEqual(["sessions", "user_identities"]);
  });

  it("grants vawg_app exactly what the portal needs, and nothing in the migrator's schema", async () => {
    const rows = await query<{ name: string; privileges: string | null }>(
      handle.db,
      sql`select c.relname as name,
                 (select string_agg(p, ',' order by p) from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
                  where has_table_privilege(${APP_ROLE}, c.oid, p)) as privileges
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    );
    expect(Object.fromEntries(rows.map((row) => [row.name, row.privileges]))).toEqual(EXPECTED_APP_PRIVILEGES);
    const [schemas] = await query<{ drizzle: boolean; create: boolean }>(
      handle.db,
      sql`select has_schema_privilege(${APP_ROLE}, 'drizzle', 'USAGE') as drizzle, has_schema_privilege(${APP_ROLE}, 'public', 'CREATE') as create`,
    );
    expect(schemas).toEqual({ drizzle: false, create: false });
  });

  it("creates vawg_app with no superuser, no BYPASSRLS and nothing owned", async () => {
    const [role] = await query<{ superuser: boolean; bypassrls: boolean; owned: number }>(
      handle.db,
      sql`select rolsuper as superuser, rolbypassrls as bypassrls,
                 (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
          from pg_roles r where rolname = ${APP_ROLE}`,
    );
    expect(role).toEqual({ superuser: false, bypassrls: false, owned: 0 });
  });

  it("pins the search path of every SECURITY DEFINER function and lets PUBLIC execute none", async () => {
    const rows = await query<{ name: string; config: string[] | null; public: boolean }>(
      handle.db,
      sql`select p.proname as name, p.proconfig as config,
                 coalesce(exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE'), p.proacl is null) as public
          from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public' and p.prosecdef order by 1`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      // Other settings (app_count_insights turns JIT off) may sit beside it; the search path is exactly this.
      expect(row.config?.filter((setting) => setting.startsWith("search_path=")), row.name).toEqual(["search_path=public, pg_temp"]);
      expect(row.public, row.name).toBe(false);
    }
  });
});

describe("without context", () => {
  // insight_counts, insight_area_counts, insight_changes and audit_chain_anchors are not even readable:
  // lib/insights/insights.integration.test.ts, lib/insights/folding.integration.test.ts and
  // lib/audit/anchor.integration.test.ts show the refusals.
  const unreadable = new Set(["identity_providers", "insight_counts", "insight_area_counts", "insight_changes", "audit_chain_anchors"]);
  const allButIdentityProviders = ORGANISATION_DATA_TABLES.filter((table) => !unreadable.has(table));

  it.each(allButIdentityProviders)("shows vawg_app no row of %s", async (table) => {
    const [owner] = await query<{ n: number }>(handle.db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
    expect(owner!.n, `the owner sees rows of ${table}`).toBeGreaterThan(0);
    const seen = await asAppWithoutContext(app.db, (tx) => query<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`));
    expect(seen[0]!.n).toBe(0);
  });

  it("lists identity providers, as the sign-in page must before anyone is signed in, but changes none", async () => {
    const [owner] = await query<{ n: number }>(handle.db, sql`select count(*)::int as n from identity_providers`);
    const seen = await asAppWithoutContext(app.db, (tx) => tx.select({ id: t.identityProviders.id }).from(t.identityProviders));
    expect(seen).toHaveLength(owner!.n);
    const changed = await asAppWithoutContext(app.db, (tx) =>
      tx.update(t.identityProviders).set({ enabled: false }).returning({ id: t.identityProviders.id }),
    );
    expect(changed).toEqual([]);
  });

  it("refuses to write organisation data, but appends to the audit log", async () => {
    const id = randomUUID();
    const idva = ids.orgs.get("Demo IDVA Service Leeds")!;
    await expect(asAppWithoutContext(app.db, (tx) => tx.insert(t.disclosures).values({ id, seriesId: id, orgId: idva }))).rejects.toMatchObject(
      refusedWith("42501", /new row violates row-level security policy for table "disclosures"/),
    );
    await expect(
      asAppWithoutContext(app.db, (tx) => tx.insert(t.organisations).values({ name: "Intruder", type: "third_sector" })),
    ).rejects.toMatchObject(refusedWith("42501", /new row violates row-level security policy for table "organisations"/));
    await asAppWithoutContext(app.db, (tx) => tx.insert(t.auditEvents).values({ action: "sign_in.failed", outcome: "failure" }));
    const [logged] = await query<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_events where action = 'sign_in.failed'`);
    expect(logged!.n).toBe(1);
  });
});

describe("context", () => {
  const wyAnalyst = () => contextOf("analyst@police.example", "Demo Police West Yorkshire", "analyst");

  async function visibleDisclosures(tx: Database): Promise<number> {
    const [row] = await query<{ n: number }>(tx, sql`select count(*)::int as n from disclosures`);
    return row!.n;
  }

  it("switches the transaction to vawg_app with the settings policies read", async () => {
    const [inside] = await withContext(app.db, wyAnalyst(), (tx) =>
      query<{ role: string; org: string; userId: string; appRole: string }>(
        tx,
        sql`select current_user as role, app_org_id()::text as org, app_user_id()::text as "userId", app_role() as "appRole"`,
      ),
    );
    expect(inside).toEqual({ role: APP_ROLE, org: wyAnalyst().orgId, userId: wyAnalyst().userId, appRole: "analyst" });
  });

  it("does not survive into the next transaction on the same connection", async () => {
    expect(await withContext(single.db, wyAnalyst(), visibleDisclosures)).toBeGreaterThan(0);
    const [after] = await asAppWithoutContext(single.db, (tx) =>
      query<{ org: string | null; role: string | null; n: number }>(
        tx,
        sql`select app_org_id()::text as org, app_role() as role, (select count(*)::int from disclosures) as n`,
      ),
    );
    expect(after).toEqual({ org: null, role: null, n: 0 });
  });

  it("does not survive a transaction that failed, either", async () => {
    await expect(
      withContext(single.db, wyAnalyst(), async (tx) => {
        await visibleDisclosures(tx);
        throw new Error("the request failed");
      }),
    ).rejects.toThrow("the request failed");
    expect(await asAppWithoutContext(single.db, visibleDisclosures)).toBe(0);
  });

  it("gives the connection back with the role it had", async () => {
    await withContext(single.db, wyAnalyst(), visibleDisclosures);
    const [row] = await query<{ current: string; session: string }>(single.db, sql`select current_user as current, session_user as session`);
    expect(row!.current).toBe(row!.session);
    // On PGlite the one connection is the superuser's, which withContext only switches from.
    expect(row!.current).toBe(onServer ? APP_ROLE : "postgres");
  });

  it("keeps concurrent requests' contexts apart on a pool", async () => {
    const contexts: { context: DbContext; sees: "rows" | "nothing" }[] = [
      { context: wyAnalyst(), sees: "rows" },
      { context: contextOf("analyst@otherpolice.example", "Demo Police Greater Manchester", "analyst"), sees: "nothing" },
      { context: contextOf("admin@national.example", "National VAWG Coordination", "admin"), sees: "nothing" },
      { context: contextOf("caseworker@isva.example", "Demo ISVA Service Bradford", "submitter"), sees: "rows" },
    ];
    const expected = new Map<DbContext, number>();
    for (const { context } of contexts) expected.set(context, await withContext(app.db, context, visibleDisclosures));
    for (const { context, sees } of contexts) {
      if (sees === "rows") expect(expected.get(context)).toBeGreaterThan(0);
      else expect(expected.get(context)).toBe(0);
    }
    const runs = Array.from({ length: 32 }, (_, index) => contexts[index % contexts.length]!.context);
    const results = await Promise.all(
      runs.map((context) =>
        withContext(app.db, context, async (tx) => {
          // Hold the transaction open a moment so that others interleave with it.
          await tx.execute(sql`select pg_sleep(0.01)`);
          const [row] = await query<{ org: string }>(tx, sql`select app_org_id()::text as org`);
          return { org: row!.org, n: await visibleDisclosures(tx) };
        }),
      ),
    );
    results.forEach((result, index) => expect(result).toEqual({ org: runs[index]!.orgId, n: expected.get(runs[index]!) }));
  });
});

describe("the audit log", () => {
  const auditor = () => contextOf("auditor@national.example", "National VAWG Coordination", "auditor");

  it.each([
    ["UPDATE", sql`update audit_events set action = 'rewritten'`],
    ["DELETE", sql`delete from audit_events`],
    ["TRUNCATE", sql`truncate audit_events`],
  ])("refuses %s to vawg_app, even for an auditor", async (_verb, statement) => {
    const denied = refusedWith("42501", /permission denied for table audit_events/);
    await expect(withContext(app.db, auditor(), (tx) => tx.execute(statement))).rejects.toMatchObject(denied);
    await expect(asAppWithoutContext(app.db, (tx) => tx.execute(statement))).rejects.toMatchObject(denied);
  });

  it("shows the log to auditors and to nobody else", async () => {
    const [owner] = await query<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_events`);
    const count = (context: DbContext) => withContext(app.db, context, (tx) => query<{ n: number }>(tx, sql`select count(*)::int as n from audit_events`));
    expect((await count(auditor()))[0]!.n).toBe(owner!.n);
    expect((await count(contextOf("admin@national.example", "National VAWG Coordination", "admin")))[0]!.n).toBe(0);
    expect((await count(contextOf("manager@idva.example", "Demo IDVA Service Leeds", "org_manager")))[0]!.n).toBe(0);
  });
});

describe("memberships during sign-in", () => {
  it("shows a user their own memberships with only their user id set, and nobody else's", async () => {
    const userId = ids.users.get("caseworker@idva.example")!;
    const rows = await withContext(app.db, { userId }, (tx) =>
      tx
        .select({ userId: t.memberships.userId, organisation: t.organisations.name })
        .from(t.memberships)
        .innerJoin(t.organisations, eq(t.organisations.id, t.memberships.orgId)),
    );
    expect(rows).toEqual([{ userId, organisation: "Demo IDVA Service Leeds" }]);
  });

  it("lets a partner lead add a caseworker to their organisation, but never an administrator", async () => {
    const manager = contextOf("manager@idva.example", "Demo IDVA Service Leeds", "org_manager");
    const [user] = await handle.db.insert(t.users).values({ email: `joiner-${randomUUID()}@idva.example`, displayName: "Joiner" }).returning();
    await expect(
      withContext(app.db, manager, (tx) => tx.insert(t.memberships).values({ userId: user!.id, orgId: manager.orgId!, role: "admin" })),
    ).rejects.toMatchObject(refusedWith("42501", /new row violates row-level security policy for table "memberships"/));
    await withContext(app.db, manager, (tx) => tx.insert(t.memberships).values({ userId: user!.id, orgId: manager.orgId!, role: "submitter" }));
    await expect(
      withContext(app.db, manager, (tx) =>
        tx.insert(t.memberships).values({ userId: user!.id, orgId: ids.orgs.get("Demo ISVA Service Bradford")!, role: "submitter" }),
      ),
    ).rejects.toMatchObject(refusedWith("42501", /new row violates row-level security policy for table "memberships"/));
  });

  it("does not let an admin give themselves a membership", async () => {
    const admin = contextOf("admin@national.example", "National VAWG Coordination", "admin");
    await expect(
      withContext(app.db, admin, (tx) =>
        tx.insert(t.memberships).values({ userId: admin.userId!, orgId: ids.orgs.get("Demo IDVA Service Leeds")!, role: "org_manager" }),
      ),
    ).rejects.toMatchObject(refusedWith("42501", /new row violates row-level security policy for table "memberships"/));
  });
});

describe("separation of duties: administrators give partner organisations only their first partner lead", () => {
  const REFUSED_MEMBERSHIP = refusedWith("42501", /new row violates row-level security policy for table "memberships"/);
  const REFUSED_INVITATION = refusedWith("42501", /new row violates row-level security policy for table "invitations"/);
  const admin = () => contextOf("admin@national.example", "National VAWG Coordination", "admin");
  const newUser = async () => (await handle.db.insert(t.users).values({ email: `controlled-${randomUUID()}@example.net`, displayName: "Controlled" }).returning())[0]!;
  const invitation = (orgId: string, role: Role) => ({
    orgId,
    email: `controlled-${randomUUID()}@example.net`,
    role,
    tokenHash: randomBytes(16).toString("hex"),
    invitedBy: admin().userId!,
    expiresAt: new Date(Date.now() + 86_400_000),
  });

  it("refuses an administrator adding an account they control to a partner organisation as an analyst, caseworker or viewer", async () => {
    const user = await newUser();
    const idva = ids.orgs.get("Demo IDVA Service Leeds")!;
    for (const role of ["analyst", "submitter", "viewer"] as const) {
      await expect(withContext(app.db, admin(), (tx) => tx.insert(t.memberships).values({ userId: user.id, orgId: idva, role }))).rejects.toMatchObject(REFUSED_MEMBERSHIP);
      await expect(withContext(app.db, admin(), (tx) => tx.insert(t.invitations).values(invitation(idva, role)))).rejects.toMatchObject(REFUSED_INVITATION);
    }
  });

  it("refuses an administrator a second partner lead for an organisation that has an active one", async () => {
    const user = await newUser();
    const idva = ids.orgs.get("Demo IDVA Service Leeds")!;
    await expect(
      withContext(app.db, admin(), (tx) => tx.insert(t.memberships).values({ userId: user.id, orgId: idva, role: "org_manager" })),
    ).rejects.toMatchObject(REFUSED_MEMBERSHIP);
    await expect(withContext(app.db, admin(), (tx) => tx.insert(t.invitations).values(invitation(idva, "org_manager")))).rejects.toMatchObject(REFUSED_INVITATION);
  });

  it("refuses an administrator turning a partner organisation's member into an analyst", async () => {
    const police = ids.orgs.get("Demo Police West Yorkshire")!;
    const lead = ids.users.get("manager@police.example")!;
    await expect(
      withContext(app.db, admin(), (tx) =>
        tx.update(t.memberships).set({ role: "analyst" }).where(sql`${t.memberships.userId} = ${lead} and ${t.memberships.orgId} = ${police}`),
      ),
    ).rejects.toMatchObject(REFUSED_MEMBERSHIP);
  });

  it("lets an administrator give a partner organisation without an active lead its first one, and nothing else", async () => {
    const [organisation] = await handle.db.insert(t.organisations).values({ name: `Leaderless ${randomUUID()}`, type: "idva_service" }).returning();
    const user = await newUser();
    await expect(withContext(app.db, admin(), (tx) => tx.insert(t.invitations).values(invitation(organisation!.id, "analyst")))).rejects.toMatchObject(REFUSED_INVITATION);
    await withContext(app.db, admin(), (tx) => tx.insert(t.invitations).values(invitation(organisation!.id, "org_manager")));
    await withContext(app.db, admin(), (tx) => tx.insert(t.memberships).values({ userId: user.id, orgId: organisation!.id, role: "org_manager" }));
    const second = await newUser();
    await expect(
      withContext(app.db, admin(), (tx) => tx.insert(t.memberships).values({ userId: second.id, orgId: organisation!.id, role: "org_manager" })),
    ).rejects.toMatchObject(REFUSED_MEMBERSHIP);
  });

  it("still lets an administrator give the national organisation its administrators and auditors", async () => {
    const national = ids.orgs.get("National VAWG Coordination")!;
    const user = await newUser();
    await withContext(app.db, admin(), (tx) => tx.insert(t.memberships).values({ userId: user.id, orgId: national, role: "auditor" }));
    await withContext(app.db, admin(), (tx) => tx.insert(t.invitations).values(invitation(national, "admin")));
  });
});

describe("API tokens", () => {
  const token = (orgId: string, createdBy: string, scopes: ("submit" | "read" | "shared_read")[]) => ({
    orgId,
    name: "Attempt",
    tokenHash: randomBytes(16).toString("hex"),
    tokenPrefix: "vawg_cd",
    scopes,
    createdBy,
    expiresAt: new Date(Date.now() + 86_400_000),
  });

  it("refuses a partner lead a token that reads shared partner data, which they may not read themselves", async () => {
    const lead = contextOf("manager@police.example", "Demo Police West Yorkshire", "org_manager");
    await expect(withContext(app.db, lead, (tx) => tx.insert(t.apiTokens).values(token(lead.orgId!, lead.userId!, ["shared_read"])))).rejects.toMatchObject(
      refusedWith("42501", /new row violates row-level security policy for table "api_tokens"/),
    );
  });

  it("lets an analyst hold shared_read tokens of their own only, and see no one else's", async () => {
    const analyst = contextOf("analyst@police.example", "Demo Police West Yorkshire", "analyst");
    await withContext(app.db, analyst, (tx) => tx.insert(t.apiTokens).values(token(analyst.orgId!, analyst.userId!, ["shared_read"])));
    await expect(withContext(app.db, analyst, (tx) => tx.insert(t.apiTokens).values(token(analyst.orgId!, analyst.userId!, ["submit"])))).rejects.toMatchObject(
      refusedWith("42501", /new row violates row-level security policy for table "api_tokens"/),
    );
    const lead = ids.users.get("manager@police.example")!;
    await expect(withContext(app.db, analyst, (tx) => tx.insert(t.apiTokens).values(token(analyst.orgId!, lead, ["shared_read"])))).rejects.toMatchObject(
      refusedWith("42501", /new row violates row-level security policy for table "api_tokens"/),
    );
    const seen = await withContext(app.db, analyst, (tx) => tx.select({ createdBy: t.apiTokens.createdBy }).from(t.apiTokens));
    expect(seen).toEqual([{ createdBy: analyst.userId }]);
  });
});

describe("the start-up role check", () => {
  /** Runs the check as another role inside a transaction that is always rolled back. */
  async function problemAs(setUp: (tx: Database) => Promise<void>): Promise<string | null> {
    let problem: string | null = null;
    await handle.db
      .transaction(async (tx) => {
        await setUp(tx as unknown as Database);
        problem = await appRoleProblem(tx as unknown as Database);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return problem;
  }

  it("refuses the superuser the tests migrate with", async () => {
    expect(await appRoleProblem(handle.db)).toMatch(/^The database role "[a-z_]+" is a superuser.*connect the portal as vawg_app/);
  });

  it("accepts vawg_app", async () => {
    expect(await problemAs((tx) => tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`).then(() => {}))).toBeNull();
  });

  it("refuses a role with BYPASSRLS", async () => {
    const role = `vawg_test_bypass_${randomBytes(4).toString("hex")}`;
    const problem = await problemAs(async (tx) => {
      await tx.execute(sql.raw(`create role ${role} nologin bypassrls`));
      await tx.execute(sql.raw(`set local role ${role}`));
    });
    expect(problem).toMatch(/has BYPASSRLS/);
  });

  it("refuses a role that owns a table, or inherits from one that does", async () => {
    const owner = `vawg_test_owner_${randomBytes(4).toString("hex")}`;
    const member = `vawg_test_member_${randomBytes(4).toString("hex")}`;
    const asOwner = await problemAs(async (tx) => {
      await tx.execute(sql.raw(`create role ${owner} nologin`));
      await tx.execute(sql.raw(`alter table throttle_counters owner to ${owner}`));
      await tx.execute(sql.raw(`set local role ${owner}`));
    });
    expect(asOwner).toMatch(/owns 1 table\(s\) in public \(such as throttle_counters\)/);
    const asMember = await problemAs(async (tx) => {
      await tx.execute(sql.raw(`create role ${owner} nologin`));
      await tx.execute(sql.raw(`create role ${member} nologin in role ${owner}`));
      await tx.execute(sql.raw(`alter table throttle_counters owner to ${owner}`));
      await tx.execute(sql.raw(`set local role ${member}`));
    });
    expect(asMember).toMatch(/owns 1 table/);
  });
});

if (onServer) {
  describe("on the PostgreSQL server", () => {
    it("accepts vawg_app logged in as itself at start-up", async () => {
      expect(await appRoleProblem(app.db)).toBeNull();
    });

    it("logs in as vawg_app itself, which cannot become the superuser", async () => {
      const [who] = await query<{ current: string; session: string }>(app.db, sql`select current_user as current, session_user as session`);
      expect(who).toEqual({ current: APP_ROLE, session: APP_ROLE });
      await expect(single.db.transaction((tx) => tx.execute(sql`set local role postgres`))).rejects.toMatchObject(
        refusedWith("42501", /permission denied to set role/),
      );
      const seen = await single.db.transaction(async (tx) => {
        await tx.execute(sql`reset role`);
        return query<{ role: string; n: number }>(tx, sql`select current_user as role, (select count(*)::int from disclosures) as n`);
      });
      expect(seen).toEqual([{ role: APP_ROLE, n: 0 }]);
    });

    it("spreads concurrent requests over several connections of the pool", async () => {
      const backends = await Promise.all(
        Array.from({ length: 8 }, () =>
          withContext(app.db, {}, async (tx) => {
            await tx.execute(sql`select pg_sleep(0.05)`);
            return (await query<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`))[0]!.pid;
          }),
        ),
      );
      expect(new Set(backends).size).toBeGreaterThan(1);
    });
  });
}

class Rollback extends Error {}
