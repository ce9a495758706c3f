import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withContext, type DbContext } from "@/db/context";
import { rowsOf, type Database, type DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { seedDemo } from "@/scripts/seed";
import { createTestDatabase, refusedWith, type TestDatabase } from "@/db/testing";
import { parseEnv } from "@/lib/env";
import { THREAT_AREAS, type ThreatArea } from "@/lib/taxonomy";
import { insertActiveAgreement, type TestAgreementTerms } from "@/lib/testing/agreements";
import type { Role } from "./roles";
import { agreementDay, listGrants, visibleDisclosuresCondition, visibleThreatAreasCondition } from "./visibility";

const env = parseEnv({ SEED_DISCLOSURES_PER_PARTNER: "30" });
const RECORD_AREAS: ThreatArea[] = ["domestic_abuse", "stalking_harassment", "tech_enabled"];
const PARTNERS = ["Demo IDVA Service Leeds", "Demo ISVA Service Bradford", "Demo Council Wakefield", "Demo NHS Trust Kirklees", "Demo Women's Aid Calderdale"];
const LEEDS = "E08000035";

let handle: TestDatabase;
let app: DatabaseHandle;
const orgIds = new Map<string, string>();
const userIds = new Map<string, string>();
const extra = { caseworkerDraft: "", managerDraft: "", withdrawn: "" };

type Who = DbContext & { orgId: string; role: Role };
function who(email: string, organisation: string, role: Role): Who {
  return { userId: userIds.get(email)!, orgId: orgIds.get(organisation)!, role };
}
const wyAnalyst = () => who("analyst@police.example", "Demo Police West Yorkshire", "analyst");
const gmAnalyst = () => who("analyst@otherpolice.example", "Demo Police Greater Manchester", "analyst");

/** Disclosure ids row-level security lets the context read, through the app role. */
function idsUnderRls(context: DbContext): Promise<string[]> {
  return withContext(app.db, context, async (tx) =>
    (await tx.select({ id: t.disclosures.id }).from(t.disclosures).orderBy(asc(t.disclosures.id))).map((row) => row.id),
  );
}

/** Disclosure ids the TypeScript rule selects: grants read as the app would, rows read by the owner without RLS. */
async function idsUnderRule(context: Who, granularity: "record" | "aggregate" = "record"): Promise<string[]> {
  const grants = await withContext(app.db, context, (tx) => listGrants(tx, { organisation: { id: context.orgId }, role: context.role }, new Date()));
  const rows = await handle.db
    .select({ id: t.disclosures.id })
    .from(t.disclosures)
    .where(visibleDisclosuresCondition(grants, { granularity }))
    .orderBy(asc(t.disclosures.id));
  return rows.map((row) => row.id);
}

/** The expectation, computed independently of both: submitted rows of a provider set tagged with one of the areas. */
async function submittedTagged(providers: string[], areas: readonly ThreatArea[], ladCode?: string): Promise<string[]> {
  const rows = await handle.db
    .selectDistinct({ id: t.disclosures.id })
    .from(t.disclosures)
    .innerJoin(t.disclosureThreatAreas, eq(t.disclosureThreatAreas.disclosureId, t.disclosures.id))
    .where(
      and(
        inArray(t.disclosures.orgId, providers.map((name) => orgIds.get(name)!)),
        eq(t.disclosures.status, "submitted"),
        inArray(t.disclosureThreatAreas.threatArea, [...areas]),
        ladCode ? eq(t.disclosures.ladCode, ladCode) : undefined,
      ),
    )
    .orderBy(asc(t.disclosures.id));
  return rows.map((row) => row.id);
}

async function expectRuleMatchesRls(context: Who): Promise<string[]> {
  const underRls = await idsUnderRls(context);
  expect(await idsUnderRule(context)).toEqual(underRls);
  return underRls;
}

async function agreementOf(reference: string) {
  const [row] = await handle.db
    .select({ agreementId: t.agreements.id, versionId: t.agreementVersions.id, startDate: t.agreementVersions.startDate, endDate: t.agreementVersions.endDate })
    .from(t.agreements)
    .innerJoin(t.agreementVersions, eq(t.agreementVersions.agreementId, t.agreements.id))
    .where(eq(t.agreements.reference, reference));
  return row!;
}

/** Changes the seeded data as the owner for one test, then puts it back. */
async function whileChanged(change: (db: Database) => Promise<unknown>, undo: (db: Database) => Promise<unknown>, check: () => Promise<void>) {
  await change(handle.db);
  try {
    await check();
  } finally {
    await undo(handle.db);
  }
}

function daysFromToday(days: number): string {
  return agreementDay(new Date(Date.now() + days * 86_400_000));
}

async function insertDisclosure(values: { orgId: string; createdBy: string; status: "draft" | "withdrawn"; area: ThreatArea }): Promise<string> {
  const id = randomUUID();
  await handle.db.insert(t.disclosures).values({
    id,
    seriesId: id,
    orgId: values.orgId,
    createdBy: values.createdBy,
    status: values.status,
    disclosureMonth: "2026-01-01",
    ladCode: LEEDS,
    forceAreaCode: "E23000010",
    submittedAt: values.status === "draft" ? null : new Date(),
    withdrawnAt: values.status === "withdrawn" ? new Date() : null,
    withdrawnReason: values.status === "withdrawn" ? "Entered twice" : null,
  });
  await handle.db.insert(t.disclosureThreatAreas).values({ disclosureId: id, threatArea: values.area });
  return id;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, env);
  for (const row of await handle.db.select({ id: t.organisations.id, name: t.organisations.name }).from(t.organisations)) orgIds.set(row.name, row.id);
  for (const row of await handle.db.select({ id: t.users.id, email: t.users.email }).from(t.users)) userIds.set(row.email, row.id);
  const idva = orgIds.get("Demo IDVA Service Leeds")!;
  extra.caseworkerDraft = await insertDisclosure({ orgId: idva, createdBy: userIds.get("caseworker@idva.example")!, status: "draft", area: "domestic_abuse" });
  extra.managerDraft = await insertDisclosure({ orgId: idva, createdBy: userIds.get("manager@idva.example")!, status: "draft", area: "domestic_abuse" });
  extra.withdrawn = await insertDisclosure({ orgId: idva, createdBy: userIds.get("caseworker@idva.example")!, status: "withdrawn", area: "domestic_abuse" });
  app = await handle.connectAsApp({ max: 2 });
});

afterAll(async () => {
  await handle?.close();
});

describe("the West Yorkshire analyst under the active partnership", () => {
  it("sees record-level rows only for domestic abuse, stalking and harassment and tech-enabled VAWG, from the five partners", async () => {
    const seen = await idsUnderRls(wyAnalyst());
    const expected = await submittedTagged(PARTNERS, RECORD_AREAS);
    expect(expected.length).toBeGreaterThan(0);
    expect(seen).toEqual(expected);
    expect(seen).not.toContain(extra.withdrawn);
    expect(seen).not.toContain(extra.caseworkerDraft);
    // Some partner disclosures exist in aggregate-only areas alone, and stay hidden.
    const everything = await submittedTagged(PARTNERS, THREAT_AREAS.codes);
    expect(everything.length).toBeGreaterThan(seen.length);
  });

  it("sees a disclosure's threat areas only where the agreement grants record access", async () => {
    const areas = await withContext(app.db, wyAnalyst(), (tx) =>
      tx.select({ disclosureId: t.disclosureThreatAreas.disclosureId, threatArea: t.disclosureThreatAreas.threatArea }).from(t.disclosureThreatAreas),
    );
    expect(areas.length).toBeGreaterThan(0);
    for (const area of areas) expect(RECORD_AREAS).toContain(area.threatArea);
    const [owner] = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from disclosure_threat_areas a join disclosures d on d.id = a.disclosure_id
        where d.status = 'submitted' and a.threat_area in ('domestic_abuse', 'stalking_harassment', 'tech_enabled')`),
    );
    expect(areas).toHaveLength(owner!.n);
  });

  it("gets the same rows from listGrants and visibleDisclosuresCondition as from row-level security", async () => {
    const seen = await expectRuleMatchesRls(wyAnalyst());
    expect(seen.length).toBeGreaterThan(0);
  });

  it("gets the agreement's terms with each grant", async () => {
    const grants = await withContext(app.db, wyAnalyst(), (tx) => listGrants(tx, { organisation: { id: wyAnalyst().orgId }, role: "analyst" }, new Date()));
    const { agreementId, versionId } = await agreementOf("DSA-WY-2025-001");
    expect(grants).toHaveLength(5 * 10);
    expect(new Set(grants.map((grant) => grant.providerOrgId))).toEqual(new Set(PARTNERS.map((name) => orgIds.get(name))));
    expect(grants.filter((grant) => grant.granularity === "record").map((grant) => grant.threatArea).sort()).toEqual(
      PARTNERS.flatMap(() => RECORD_AREAS).sort(),
    );
    for (const grant of grants) {
      expect(grant).toMatchObject({ agreementId, versionId, forceAreaCode: "E23000010", ladCode: null, disclosureThreshold: 5, roundToBase5: false });
      expect(grant.fields.length).toBeGreaterThan(5);
      expect(grant.fields).not.toContain("context");
    }
  });

  it("counts aggregate grants for aggregate queries, with the same threat-area rule", async () => {
    const grants = await withContext(app.db, wyAnalyst(), (tx) => listGrants(tx, { organisation: { id: wyAnalyst().orgId }, role: "analyst" }, new Date()));
    const aggregate = await handle.db
      .select({ id: t.disclosures.id })
      .from(t.disclosures)
      .where(visibleDisclosuresCondition(grants, { granularity: "aggregate" }));
    const [submitted] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from disclosures where status = 'submitted'`));
    expect(aggregate).toHaveLength(submitted!.n);
    const areaRows = await handle.db
      .select({ area: t.disclosureThreatAreas.threatArea })
      .from(t.disclosureThreatAreas)
      .innerJoin(t.disclosures, eq(t.disclosures.id, t.disclosureThreatAreas.disclosureId))
      .where(visibleThreatAreasCondition(grants, { granularity: "record" }));
    expect(new Set(areaRows.map((row) => row.area))).toEqual(new Set(RECORD_AREAS));
  });
});

describe("organisations with no record-level grant", () => {
  it("shows the Greater Manchester analyst no row of the West Yorkshire partners: its agreement expired", async () => {
    expect(await expectRuleMatchesRls(gmAnalyst())).toEqual([]);
    const grants = await withContext(app.db, gmAnalyst(), (tx) => listGrants(tx, { organisation: { id: gmAnalyst().orgId }, role: "analyst" }, new Date()));
    expect(grants).toEqual([]);
  });

  it.each([
    ["an admin", "admin@national.example", "National VAWG Coordination", "admin"],
    ["an auditor", "auditor@national.example", "National VAWG Coordination", "auditor"],
    ["the West Yorkshire viewer", "viewer@police.example", "Demo Police West Yorkshire", "viewer"],
    ["the West Yorkshire partner lead", "manager@police.example", "Demo Police West Yorkshire", "org_manager"],
  ] as const)("shows %s no disclosure row and no threat area", async (_label, email, organisation, role) => {
    const context = who(email, organisation, role);
    expect(await expectRuleMatchesRls(context)).toEqual([]);
    const areas = await withContext(app.db, context, (tx) => tx.select().from(t.disclosureThreatAreas));
    expect(areas).toEqual([]);
  });

  it("gives the viewer aggregate grants only", async () => {
    const viewer = who("viewer@police.example", "Demo Police West Yorkshire", "viewer");
    const grants = await withContext(app.db, viewer, (tx) => listGrants(tx, { organisation: { id: viewer.orgId }, role: "viewer" }, new Date()));
    expect(grants).toHaveLength(50);
    expect(new Set(grants.map((grant) => grant.granularity))).toEqual(new Set(["aggregate"]));
    expect(await idsUnderRule(viewer, "aggregate")).not.toEqual([]);
  });
});

describe("the submitting organisation", () => {
  const caseworker = () => who("caseworker@idva.example", "Demo IDVA Service Leeds", "submitter");
  const manager = () => who("manager@idva.example", "Demo IDVA Service Leeds", "org_manager");

  async function ownOrganisationRows(organisation: string): Promise<string[]> {
    const rows = await handle.db
      .select({ id: t.disclosures.id })
      .from(t.disclosures)
      .where(and(eq(t.disclosures.orgId, orgIds.get(organisation)!), sql`${t.disclosures.status} <> 'draft'`))
      .orderBy(asc(t.disclosures.id));
    return rows.map((row) => row.id);
  }

  it("shows a caseworker their organisation's submitted rows and only their own drafts", async () => {
    const expected = [...(await ownOrganisationRows("Demo IDVA Service Leeds")), extra.caseworkerDraft].sort();
    expect(await idsUnderRls(caseworker())).toEqual(expected);
  });

  it("shows the partner lead the organisation's rows but not a caseworker's draft", async () => {
    const seen = await idsUnderRls(manager());
    expect(seen).toContain(extra.managerDraft);
    expect(seen).not.toContain(extra.caseworkerDraft);
  });

  it("shows another partner's caseworker nothing of this organisation", async () => {
    const other = who("caseworker@isva.example", "Demo ISVA Service Bradford", "submitter");
    const seen = await idsUnderRls(other);
    expect(seen).toEqual(await ownOrganisationRows("Demo ISVA Service Bradford"));
  });

  it("lets a caseworker submit for their own organisation only, as themselves", async () => {
    const id = randomUUID();
    const { orgId, userId } = caseworker();
    await withContext(app.db, caseworker(), (tx) => tx.insert(t.disclosures).values({ id, seriesId: id, orgId, createdBy: userId }));
    const other = randomUUID();
    await expect(
      withContext(app.db, caseworker(), (tx) =>
        tx.insert(t.disclosures).values({ id: other, seriesId: other, orgId: orgIds.get("Demo ISVA Service Bradford")!, createdBy: userId }),
      ),
    ).rejects.toMatchObject(refusedWith("42501", /new row violates row-level security policy for table "disclosures"/));
    await expect(
      withContext(app.db, caseworker(), (tx) =>
        tx.insert(t.disclosures).values({ id: other, seriesId: other, orgId, createdBy: userIds.get("manager@idva.example")! }),
      ),
    ).rejects.toMatchObject(refusedWith("42501", /new row violates row-level security policy for table "disclosures"/));
    await withContext(app.db, caseworker(), (tx) => tx.delete(t.disclosures).where(eq(t.disclosures.id, id)));
  });

  it("does not let a caseworker change another author's disclosure", async () => {
    const changed = await withContext(app.db, caseworker(), (tx) =>
      tx.update(t.disclosures).set({ context: "edited" }).where(eq(t.disclosures.id, extra.managerDraft)).returning({ id: t.disclosures.id }),
    );
    expect(changed).toEqual([]);
  });
});

describe("the agreement's state, evaluated at the moment of the request", () => {
  const setStatus = (reference: string, status: "active" | "suspended" | "terminated" | "expired" | "awaiting_signatures") => (db: Database) =>
    db.update(t.agreements).set({ status }).where(eq(t.agreements.reference, reference));

  it("removes the analyst's rows at once when the agreement is suspended, and restores them when reinstated", async () => {
    const before = await idsUnderRls(wyAnalyst());
    expect(before.length).toBeGreaterThan(0);
    await whileChanged(setStatus("DSA-WY-2025-001", "suspended"), setStatus("DSA-WY-2025-001", "active"), async () => {
      expect(await expectRuleMatchesRls(wyAnalyst())).toEqual([]);
    });
    expect(await idsUnderRls(wyAnalyst())).toEqual(before);
  });

  it("removes them when the agreement is terminated", async () => {
    await whileChanged(setStatus("DSA-WY-2025-001", "terminated"), setStatus("DSA-WY-2025-001", "active"), async () => {
      expect(await expectRuleMatchesRls(wyAnalyst())).toEqual([]);
    });
  });

  /**
   * Signed terms never change, so each case below sets the partnership aside (suspended) and puts
   * in force a copy with the terms it needs, terminating the copy afterwards.
   */
  let copies = 0;
  async function withPartnershipAs(terms: Partial<TestAgreementTerms>, check: () => Promise<void>) {
    const reference = `DSA-TEST-${++copies}`;
    const providers = PARTNERS.map((name) => orgIds.get(name)!);
    await whileChanged(
      async (db) => {
        await setStatus("DSA-WY-2025-001", "suspended")(db);
        await insertActiveAgreement(db, {
          reference,
          providers,
          recipients: [orgIds.get("Demo Police West Yorkshire")!],
          threatAreas: Object.fromEntries(THREAT_AREAS.codes.map((area) => [area, RECORD_AREAS.includes(area) ? "record" : "aggregate"])),
          geography: [{ forceAreaCode: "E23000010" }],
          startDate: daysFromToday(-30),
          endDate: daysFromToday(30),
          ...terms,
        });
      },
      async (db) => {
        await setStatus(reference, "terminated")(db);
        await setStatus("DSA-WY-2025-001", "active")(db);
      },
      check,
    );
  }

  it("grants nothing through an agreement whose end date has passed, even while its status still says active", async () => {
    expect((await agreementOf("DSA-GM-2023-004")).endDate < agreementDay(new Date())).toBe(true);
    await withPartnershipAs({ startDate: daysFromToday(-60), endDate: daysFromToday(-1) }, async () => {
      expect(await expectRuleMatchesRls(wyAnalyst())).toEqual([]);
    });
    // The end date is exclusive: an agreement ending today already grants nothing.
    await withPartnershipAs({ endDate: daysFromToday(0) }, async () => {
      expect(await expectRuleMatchesRls(wyAnalyst())).toEqual([]);
    });
    // The control: the same terms, still in force, show the partners' rows.
    await withPartnershipAs({ endDate: daysFromToday(1) }, async () => {
      const seen = await expectRuleMatchesRls(wyAnalyst());
      expect(seen).toEqual(await submittedTagged(PARTNERS, RECORD_AREAS));
      expect(seen.length).toBeGreaterThan(0);
    });
  });

  it("grants nothing before the start date, and from the start date on", async () => {
    await withPartnershipAs({ startDate: daysFromToday(1) }, async () => {
      expect(await expectRuleMatchesRls(wyAnalyst())).toEqual([]);
    });
    await withPartnershipAs({ startDate: daysFromToday(0) }, async () => {
      expect((await expectRuleMatchesRls(wyAnalyst())).length).toBeGreaterThan(0);
    });
  });

  it("grants nothing through an agreement awaiting signatures", async () => {
    await whileChanged(
      setStatus("DSA-WY-2025-001", "awaiting_signatures"),
      setStatus("DSA-WY-2025-001", "active"),
      async () => expect(await expectRuleMatchesRls(wyAnalyst())).toEqual([]),
    );
  });

  it("narrows to one local authority when the agreement covers only that one", async () => {
    await withPartnershipAs({ geography: [{ forceAreaCode: "E23000010", ladCode: LEEDS }] }, async () => {
      const seen = await expectRuleMatchesRls(wyAnalyst());
      expect(seen).toEqual(await submittedTagged(PARTNERS, RECORD_AREAS, LEEDS));
      expect(seen.length).toBeGreaterThan(0);
    });
  });

  it("refuses any change to terms that have been sent for signature", async () => {
    const wy = await agreementOf("DSA-WY-2025-001");
    await expect(
      handle.db.update(t.agreementVersions).set({ endDate: daysFromToday(900) }).where(eq(t.agreementVersions.id, wy.versionId)),
    ).rejects.toMatchObject(refusedWith("55000", /cannot change/));
    await expect(
      handle.db.delete(t.agreementGeography).where(eq(t.agreementGeography.versionId, wy.versionId)),
    ).rejects.toMatchObject(refusedWith("55000", /cannot change/));
    await expect(handle.db.delete(t.agreements).where(eq(t.agreements.id, wy.agreementId))).rejects.toMatchObject(refusedWith("55000", /cannot be deleted/));
  });

  it("ignores an agreement the organisation only provides to", async () => {
    const idvaAnalyst = { userId: userIds.get("manager@idva.example")!, orgId: orgIds.get("Demo IDVA Service Leeds")!, role: "analyst" as const };
    expect(await expectRuleMatchesRls(idvaAnalyst)).toEqual([]);
  });
});
