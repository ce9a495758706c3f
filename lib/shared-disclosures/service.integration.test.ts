import { and, arrayOverlaps, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import { agreementDay } from "@/lib/access/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { toDisclosureInput } from "@/lib/disclosures/rows";
import { submitDisclosure } from "@/lib/disclosures/service";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import { SHAREABLE_FIELDS, type ThreatArea } from "@/lib/taxonomy";
import { insertActiveAgreement } from "@/lib/testing/agreements";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import { parseSharedQuery, type SharedQuery } from "./query";
import { SHARED_PAGE_SIZE, exportSharedDisclosures, getSharedDisclosure, listSharedDisclosures, type SharedDisclosure } from "./service";

const RECORD_AREAS: ThreatArea[] = ["domestic_abuse", "stalking_harassment", "tech_enabled"];
const WEST_YORKSHIRE = "E23000010";
const LEEDS = "E08000035";

let test: TestDatabase;
let analyst: Viewer;
let otherForce: Viewer;
let policeViewer: Viewer;
let caseworker: Viewer;
let providerIds: string[];

beforeAll(async () => {
  test = await openDemoDatabase(undefined, { disclosuresPerPartner: 40 });
  analyst = await viewerFor(test.db, "analyst@police.example");
  otherForce = await viewerFor(test.db, "analyst@otherpolice.example");
  policeViewer = await viewerFor(test.db, "viewer@police.example");
  caseworker = await viewerFor(test.db, "caseworker@idva.example");
  const [agreement] = await test.db.select({ versionId: t.agreements.currentVersionId }).from(t.agreements).where(eq(t.agreements.reference, "DSA-WY-2025-001"));
  const parties = await test.db.select({ orgId: t.agreementParties.orgId }).from(t.agreementParties).where(and(eq(t.agreementParties.versionId, agreement!.versionId!), eq(t.agreementParties.isProvider, true)));
  providerIds = parties.map((party) => party.orgId);
});
afterAll(async () => {
  await test?.close();
});

const query = (params: Record<string, string> = {}): SharedQuery => parseSharedQuery(params);

/** Every row of a query, page by page through the next cursors, with the number of pages. */
async function everyPage(viewer: Viewer, params: Record<string, string> = {}): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await listSharedDisclosures(viewer, query(cursor ? { ...params, cursor } : params));
    expect(page.items.length).toBeLessThanOrEqual(SHARED_PAGE_SIZE);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.next;
    pages += 1;
  } while (cursor && pages < 100);
  return { ids, pages };
}

/** The expectation, read on the owner connection without row-level security or the service's rule. */
async function expectedIds(order: "newest" | "oldest" | "month_newest", where?: ReturnType<typeof and>): Promise<string[]> {
  const orderBy = {
    newest: [desc(t.disclosures.submittedAt), desc(t.disclosures.id)],
    oldest: [asc(t.disclosures.submittedAt), asc(t.disclosures.id)],
    month_newest: [desc(t.disclosures.disclosureMonth), desc(t.disclosures.id)],
  }[order];
  const rows = await test.db
    .select({ id: t.disclosures.id })
    .from(t.disclosures)
    .where(and(eq(t.disclosures.status, "submitted"), inArray(t.disclosures.orgId, providerIds), arrayOverlaps(t.disclosures.threatAreas, RECORD_AREAS), where))
    .orderBy(...orderBy);
  return rows.map((row) => row.id);
}

let seed = 1000;
/** A valid submission from the IDVA service in Leeds with the threat areas given. */
async function submitWithAreas(areaList: ThreatArea[]): Promise<string> {
  const areas = Object.fromEntries(areaList.map((area) => [area, ["not_known"]]));
  seed += 1;
  const [record] = generateDisclosures({ seed, count: 1, partnerType: "idva_service", ladCodes: [LEEDS], months: ["2026-06"], now: new Date() });
  const input = { ...(toDisclosureInput(record!.disclosure, record!.threatAreas) as Record<string, unknown>), threat_areas: areas, context: "Free text that never leaves the provider." };
  return (await submitDisclosure(caseworker, input)).id;
}

async function setStatus(reference: string, status: "active" | "suspended" | "terminated") {
  await test.db.update(t.agreements).set({ status }).where(eq(t.agreements.reference, reference));
}

describe("the Partner data list", () => {
  it("pages through every shared disclosure exactly once, newest submitted first, 50 at a time", async () => {
    const expected = await expectedIds("newest");
    expect(expected.length).toBeGreaterThan(SHARED_PAGE_SIZE * 2);
    const { ids, pages } = await everyPage(analyst);
    expect(ids).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / SHARED_PAGE_SIZE));
  });

  it("pages in the other sort orders too, each row once", async () => {
    expect((await everyPage(analyst, { sort: "oldest" })).ids).toEqual(await expectedIds("oldest"));
    expect((await everyPage(analyst, { sort: "month_newest" })).ids).toEqual(await expectedIds("month_newest"));
  });

  it("goes back to the page before with the previous cursor", async () => {
    const first = await listSharedDisclosures(analyst, query());
    expect(first.previous).toBeNull();
    const second = await listSharedDisclosures(analyst, query({ cursor: first.next! }));
    expect(second.previous).not.toBeNull();
    const back = await listSharedDisclosures(analyst, query({ cursor: second.previous! }));
    expect(back.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
    expect(back.previous).toBeNull();
    expect(back.next).not.toBeNull();
  });

  it("filters by provider, months and local authority within what the grants show", async () => {
    const [idva] = await test.db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.name, "Demo IDVA Service Leeds"));
    const params = { provider: idva!.id, from: "2025-06", to: "2026-12", lad: LEEDS };
    const { ids } = await everyPage(analyst, params);
    const expected = await expectedIds(
      "newest",
      and(eq(t.disclosures.orgId, idva!.id), eq(t.disclosures.ladCode, LEEDS), sql`${t.disclosures.disclosureMonth} between '2025-06-01' and '2026-12-01'`),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(ids).toEqual(expected);
    // A short range long ago is read by month and sorted; a recent or open one by walking the submitted-date index.
    const [earliest] = await test.db.select({ month: sql<string>`to_char(min(${t.disclosures.disclosureMonth}), 'YYYY-MM')` }).from(t.disclosures);
    const ranges: Record<string, string>[] = [{ from: earliest!.month, to: earliest!.month }, { from: earliest!.month }, { to: earliest!.month }];
    for (const range of ranges) {
      const bounds = and(
        sql`${t.disclosures.disclosureMonth} >= ${`${range.from ?? "1900-01"}-01`}::date`,
        sql`${t.disclosures.disclosureMonth} <= ${`${range.to ?? "2999-12"}-01`}::date`,
      );
      expect((await everyPage(analyst, range)).ids).toEqual(await expectedIds("newest", bounds));
      expect((await everyPage(analyst, { ...range, sort: "oldest" })).ids).toEqual(await expectedIds("oldest", bounds));
    }
    const byType = await everyPage(analyst, { partner_type: "idva_service" });
    expect(byType.ids).toEqual(await expectedIds("newest", eq(t.disclosures.orgId, idva!.id)));
  });

  it("offers the providers, areas and local authorities the record grants reach", async () => {
    const page = await listSharedDisclosures(analyst, query());
    expect(page.recordAccess).toBe(true);
    expect(page.scope.providers.map((provider) => provider.id).sort()).toEqual([...providerIds].sort());
    expect([...page.scope.threatAreas].sort()).toEqual([...RECORD_AREAS].sort());
    expect(page.scope.localAuthorityCodes).toContain(LEEDS);
    expect(page.scope.fields).toEqual([...SHAREABLE_FIELDS]);
    expect(page.scope.fields).not.toContain("context");
  });

  it("refuses a cursor it did not write, or one from another sort order, as invalid", async () => {
    expect(() => query({ cursor: "not-a-cursor" })).toThrow(Invalid);
    const first = await listSharedDisclosures(analyst, query());
    expect(() => query({ cursor: first.next!, sort: "oldest" })).toThrow(expect.objectContaining({ fieldErrors: { cursor: "Use the link to the next or previous page" } }));
  });

  it("is not for a viewer, who sees aggregates only", async () => {
    await expect(listSharedDisclosures(policeViewer, query())).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("a disclosure tagged with several threat areas", () => {
  it("appears only under the areas in scope, showing only those", async () => {
    const id = await submitWithAreas(["domestic_abuse", "honour_based_abuse"]);
    const record = await getSharedDisclosure(analyst, id);
    expect(record.threatAreas).toEqual(["domestic_abuse"]);
    expect(Object.keys(record.answers.threat_areas as object)).toEqual(["domestic_abuse"]);
    expect((await everyPage(analyst, { area: "domestic_abuse" })).ids).toContain(id);
    expect(() => query({ area: "honour_based_abuse" })).not.toThrow();
    expect((await listSharedDisclosures(analyst, query({ area: "honour_based_abuse" }))).items).toEqual([]);
  });

  it("is not shared at all when none of its areas is at record granularity", async () => {
    const id = await submitWithAreas(["honour_based_abuse", "rasso"]);
    await expect(getSharedDisclosure(analyst, id)).rejects.toBeInstanceOf(NotFound);
    expect((await everyPage(analyst)).ids).not.toContain(id);
  });
});

describe("an analyst of another force", () => {
  it("sees nothing of West Yorkshire's partner data, in the list, a record or an export", async () => {
    const [visible] = (await listSharedDisclosures(analyst, query())).items;
    const page = await listSharedDisclosures(otherForce, query());
    expect(page).toMatchObject({ recordAccess: false, aggregateAccess: false, items: [], next: null, previous: null });
    await expect(getSharedDisclosure(otherForce, visible!.id)).rejects.toBeInstanceOf(NotFound);
    expect((await exportSharedDisclosures(otherForce, query())).items).toEqual([]);
  });

  it("sees no rows under an agreement that shares aggregates only, and is told so", async () => {
    const [gm] = await test.db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.name, "Demo Police Greater Manchester"));
    await insertActiveAgreement(test.db, {
      reference: "DSA-TEST-AGGREGATE",
      providers: providerIds,
      recipients: [gm!.id],
      threatAreas: { domestic_abuse: "aggregate" },
      geography: [{ forceAreaCode: WEST_YORKSHIRE }],
      startDate: agreementDay(new Date(Date.now() - 30 * 86_400_000)),
      endDate: agreementDay(new Date(Date.now() + 365 * 86_400_000)),
    });
    try {
      expect(await listSharedDisclosures(otherForce, query())).toMatchObject({ recordAccess: false, aggregateAccess: true, items: [] });
    } finally {
      await setStatus("DSA-TEST-AGGREGATE", "terminated");
    }
  });
});

describe("field projection under record granularity", () => {
  it("shows only the fields the agreement grants, row by row, and never free text", async () => {
    const [gm] = await test.db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.name, "Demo Police Greater Manchester"));
    const [idva] = await test.db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.name, "Demo IDVA Service Leeds"));
    const id = await submitWithAreas(["domestic_abuse"]);
    await insertActiveAgreement(test.db, {
      reference: "DSA-TEST-FIELDS",
      providers: [idva!.id],
      recipients: [gm!.id],
      threatAreas: { domestic_abuse: "record" },
      geography: [{ forceAreaCode: WEST_YORKSHIRE, ladCode: LEEDS }],
      startDate: agreementDay(new Date(Date.now() - 30 * 86_400_000)),
      endDate: agreementDay(new Date(Date.now() + 365 * 86_400_000)),
      fields: ["victim_age_band", "disclosure_month", "threat_areas"],
    });
    try {
      const narrow = await getSharedDisclosure(otherForce, id);
      expect(narrow.fields).toEqual(["disclosure_month", "threat_areas", "victim_age_band"]);
      expect(Object.keys(narrow.answers).sort()).toEqual(["disclosure_month", "threat_areas", "victim_age_band"]);
      expect(narrow.answers).toMatchObject({ disclosure_month: "2026-06", threat_areas: { domestic_abuse: [] } });
      const wide = await getSharedDisclosure(analyst, id);
      expect(wide.answers.threat_areas).toEqual({ domestic_abuse: ["not_known"] });
      expect(wide.answers).toHaveProperty("victim_sex");
      expect(wide.answers).toHaveProperty("lad_code", LEEDS);
      for (const item of [narrow, wide]) expect(item.answers).not.toHaveProperty("context");

      const list = await everyPage(otherForce);
      expect(list.ids).toContain(id);
      const exported = await exportSharedDisclosures(otherForce, query());
      expect(exported.fields).toEqual(["disclosure_month", "threat_areas", "victim_age_band"]);
      for (const item of exported.items) expect(Object.keys(item.answers).every((field) => exported.fields.includes(field as never))).toBe(true);
      expect(new Set(exported.items.map((item: SharedDisclosure) => item.provider.id))).toEqual(new Set([idva!.id]));
    } finally {
      await setStatus("DSA-TEST-FIELDS", "terminated");
    }
    await expect(getSharedDisclosure(otherForce, id)).rejects.toBeInstanceOf(NotFound);
  });
});

describe("filters and orders on withheld fields", () => {
  it("search only rows whose agreement shares the field, so a page never reveals a withheld month or place", async () => {
    const [gm] = await test.db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.name, "Demo Police Greater Manchester"));
    const [idva] = await test.db.select({ id: t.organisations.id }).from(t.organisations).where(eq(t.organisations.name, "Demo IDVA Service Leeds"));
    const id = await submitWithAreas(["domestic_abuse"]);
    await insertActiveAgreement(test.db, {
      reference: "DSA-TEST-WITHHELD",
      providers: [idva!.id],
      recipients: [gm!.id],
      threatAreas: { domestic_abuse: "record" },
      geography: [{ forceAreaCode: WEST_YORKSHIRE }],
      startDate: agreementDay(new Date(Date.now() - 30 * 86_400_000)),
      endDate: agreementDay(new Date(Date.now() + 365 * 86_400_000)),
      fields: ["victim_age_band", "threat_areas"],
    });
    try {
      expect((await everyPage(otherForce)).ids).toContain(id);
      const withheld: Record<string, string>[] = [{ from: "2026-06", to: "2026-06" }, { lad: LEEDS }, { sort: "month_newest" }, { sort: "month_oldest" }];
      for (const params of withheld) {
        expect((await listSharedDisclosures(otherForce, query(params))).items, JSON.stringify(params)).toEqual([]);
      }
    } finally {
      await setStatus("DSA-TEST-WITHHELD", "terminated");
    }
  });
});

describe("suspending the agreement", () => {
  it("cuts access at once for the list, a record and the export, and reinstating restores it", async () => {
    const before = await listSharedDisclosures(analyst, query());
    const id = before.items[0]!.id;
    await setStatus("DSA-WY-2025-001", "suspended");
    try {
      expect(await listSharedDisclosures(analyst, query())).toMatchObject({ recordAccess: false, items: [] });
      await expect(getSharedDisclosure(analyst, id)).rejects.toBeInstanceOf(NotFound);
      expect((await exportSharedDisclosures(analyst, query())).items).toEqual([]);
    } finally {
      await setStatus("DSA-WY-2025-001", "active");
    }
    expect((await getSharedDisclosure(analyst, id)).id).toBe(id);
  });
});

describe("the audit trail", () => {
  it("records an export with the ids it holds, and each record opened", async () => {
    const exported = await exportSharedDisclosures(analyst, query({ area: "stalking_harassment" }));
    expect(exported.items.length).toBeGreaterThan(0);
    const [event] = await test.db
      .select()
      .from(t.auditEvents)
      .where(and(eq(t.auditEvents.action, "shared_disclosures.exported"), eq(t.auditEvents.actorUserId, analyst.userId)))
      .orderBy(desc(t.auditEvents.occurredAt))
      .limit(1);
    expect(event!.details).toMatchObject({ count: exported.items.length, ids: exported.items.map((item) => item.id), filter: { threatArea: "stalking_harassment" } });

    const id = exported.items.at(-1)!.id;
    const viewed = () => test.db.select().from(t.auditEvents).where(and(eq(t.auditEvents.action, "shared_disclosure.viewed"), eq(t.auditEvents.subjectId, id)));
    const before = (await viewed()).length;
    await getSharedDisclosure(analyst, id);
    const after = await viewed();
    expect(after).toHaveLength(before + 1);
    expect(after.every((event) => event.actorUserId === analyst.userId && !JSON.stringify(event.details).includes("Free text"))).toBe(true);
  });
});
