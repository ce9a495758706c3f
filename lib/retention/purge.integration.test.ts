import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withContext } from "@/db/context";
import type { DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { createTestDatabase, refusedWith, type TestDatabase } from "@/db/testing";
import { agreementDay } from "@/lib/access/visibility";
import { insertActiveAgreement } from "@/lib/testing/agreements";
import type { ThreatArea } from "@/lib/taxonomy";
import { purgeExpired } from "./purge";

// Disclosures are deleted once the longest retention covering them has run out, and their counts
// survive in retained_disclosure_counts; each run leaves a deletion certificate in the audit log.

const DEFAULT_MONTHS = 84;

let handle: TestDatabase;
let app: DatabaseHandle;
const org = { covered: "", uncovered: "", police: "" };
let place: { ladCode: string; forceAreaCode: string };
let otherPlace: { ladCode: string; forceAreaCode: string };

/** The first day of the UK month `months` before this one. */
function monthsAgo(months: number): string {
  const [year, month] = agreementDay(new Date()).split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, month - 1 - months, 1));
  return date.toISOString().slice(0, 10);
}

type Version = { status: "draft" | "submitted" | "withdrawn" | "superseded"; month: string; areas: ThreatArea[]; where?: typeof place };

/** A correction series of disclosures for an organisation, inserted as the owner; returns their ids. */
async function series(orgId: string, versions: Version[]): Promise<string[]> {
  const seriesId = randomUUID();
  const ids: string[] = [];
  for (const [index, version] of versions.entries()) {
    const id = index === 0 ? seriesId : randomUUID();
    const where = version.where ?? place;
    await handle.db.insert(t.disclosures).values({
      id,
      orgId,
      seriesId,
      version: index + 1,
      supersedesId: ids[index - 1] ?? null,
      status: version.status,
      disclosureMonth: version.month,
      ladCode: where.ladCode,
      forceAreaCode: where.forceAreaCode,
      submittedAt: version.status === "draft" ? null : new Date(),
      withdrawnReason: version.status === "withdrawn" ? "Entered in error" : null,
    });
    await handle.db.insert(t.disclosureThreatAreas).values(version.areas.map((threatArea) => ({ disclosureId: id, threatArea })));
    ids.push(id);
  }
  return ids;
}

async function remaining(ids: string[]): Promise<string[]> {
  const rows = await handle.db.select({ id: t.disclosures.id }).from(t.disclosures).where(inArray(t.disclosures.id, ids));
  return rows.map((row) => row.id);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  app = await handle.connectAsApp();
  const inserted = await handle.db
    .insert(t.organisations)
    .values([
      { name: "Retention partner under an agreement", type: "third_sector" },
      { name: "Retention partner without one", type: "third_sector" },
      { name: "Retention police force", type: "police_force" },
    ])
    .returning({ id: t.organisations.id, name: t.organisations.name });
  [org.covered, org.uncovered, org.police] = inserted.map((row) => row.id) as [string, string, string];
  const places = await handle.db.select({ ladCode: t.localAuthorities.code, forceAreaCode: t.localAuthorities.forceAreaCode }).from(t.localAuthorities).limit(2);
  [place, otherPlace] = places as [typeof place, typeof place];
  // The covered partner provides under an agreement whose retention is 12 months (the test helper's).
  await insertActiveAgreement(handle.db, {
    reference: "DSA-RETENTION-1",
    providers: [org.covered],
    recipients: [org.police],
    threatAreas: { domestic_abuse: "record" },
    geography: [{ forceAreaCode: place.forceAreaCode }],
    startDate: monthsAgo(40),
    endDate: monthsAgo(-12),
  });
});
afterAll(async () => {
  await handle?.close();
});

describe("the retention purge", () => {
  let purged: { submittedOld: string[]; withdrawnOld: string[]; correctedOld: string[]; uncoveredAncient: string[] };
  let kept: { recent: string[]; withinRetention: string[]; draftCorrection: string[]; correctedIntoRetention: string[]; uncoveredRecent: string[] };

  beforeAll(async () => {
    purged = {
      // 13 full months after the month ended > 12 months of the agreement.
      submittedOld: [
        ...(await series(org.covered, [{ status: "submitted", month: monthsAgo(14), areas: ["domestic_abuse", "stalking_harassment"] }])),
        ...(await series(org.covered, [{ status: "submitted", month: monthsAgo(14), areas: ["domestic_abuse"] }])),
        ...(await series(org.covered, [{ status: "submitted", month: monthsAgo(20), areas: ["rasso"], where: otherPlace }])),
      ],
      withdrawnOld: await series(org.covered, [{ status: "withdrawn", month: monthsAgo(14), areas: ["domestic_abuse"] }]),
      correctedOld: await series(org.covered, [
        { status: "superseded", month: monthsAgo(15), areas: ["domestic_abuse"] },
        { status: "submitted", month: monthsAgo(14), areas: ["spiking"] },
      ]),
      // Past the 84-month default.
      uncoveredAncient: await series(org.uncovered, [{ status: "submitted", month: monthsAgo(86), areas: ["csae"] }]),
    };
    kept = {
      recent: await series(org.covered, [{ status: "submitted", month: monthsAgo(1), areas: ["domestic_abuse"] }]),
      // The month ended 12 months ago at most: still within the agreement's 12 months.
      withinRetention: await series(org.covered, [{ status: "submitted", month: monthsAgo(12), areas: ["domestic_abuse"] }]),
      // An old disclosure whose correction is still a draft stays with its series.
      draftCorrection: await series(org.covered, [
        { status: "submitted", month: monthsAgo(30), areas: ["domestic_abuse"] },
        { status: "draft", month: monthsAgo(30), areas: ["domestic_abuse"] },
      ]),
      // Corrected into a month still within retention: the old version goes only with the new one.
      correctedIntoRetention: await series(org.covered, [
        { status: "superseded", month: monthsAgo(20), areas: ["domestic_abuse"] },
        { status: "submitted", month: monthsAgo(2), areas: ["domestic_abuse"] },
      ]),
      // No agreement covers it: the default of 84 months applies, not the other partner's 12.
      uncoveredRecent: await series(org.uncovered, [{ status: "submitted", month: monthsAgo(40), areas: ["csae"] }]),
    };
  });

  it("deletes what is past its retention, keeps the rest, and keeps the submitted ones as counts", async () => {
    const certificate = await purgeExpired(app.db, { defaultMonths: DEFAULT_MONTHS });

    expect(await remaining(Object.values(purged).flat())).toEqual([]);
    expect((await remaining(Object.values(kept).flat())).sort()).toEqual(Object.values(kept).flat().sort());
    const orphans = await handle.db.select().from(t.disclosureThreatAreas).where(inArray(t.disclosureThreatAreas.disclosureId, Object.values(purged).flat()));
    expect(orphans).toEqual([]);

    const counts = await handle.db
      .select({ orgId: t.retainedDisclosureCounts.orgId, month: t.retainedDisclosureCounts.month, threatArea: t.retainedDisclosureCounts.threatArea, ladCode: t.retainedDisclosureCounts.ladCode, count: t.retainedDisclosureCounts.count })
      .from(t.retainedDisclosureCounts)
      .orderBy(t.retainedDisclosureCounts.month, t.retainedDisclosureCounts.threatArea);
    // Submitted versions only, once per threat area: withdrawn and superseded ones never counted.
    expect(counts).toEqual(
      expect.arrayContaining([
        { orgId: org.uncovered, month: monthsAgo(86), threatArea: "csae", ladCode: place.ladCode, count: 1 },
        { orgId: org.covered, month: monthsAgo(20), threatArea: "rasso", ladCode: otherPlace.ladCode, count: 1 },
        { orgId: org.covered, month: monthsAgo(14), threatArea: "domestic_abuse", ladCode: place.ladCode, count: 2 },
        { orgId: org.covered, month: monthsAgo(14), threatArea: "stalking_harassment", ladCode: place.ladCode, count: 1 },
        { orgId: org.covered, month: monthsAgo(14), threatArea: "spiking", ladCode: place.ladCode, count: 1 },
      ]),
    );
    expect(counts).toHaveLength(5);

    expect(certificate.total).toBe(Object.values(purged).flat().length);
    expect(certificate.purged).toEqual(
      expect.arrayContaining([
        { orgId: org.covered, month: monthsAgo(15), deleted: 1, counted: 0 },
        { orgId: org.covered, month: monthsAgo(14), deleted: 4, counted: 3 },
        { orgId: org.covered, month: monthsAgo(20), deleted: 1, counted: 1 },
        { orgId: org.uncovered, month: monthsAgo(86), deleted: 1, counted: 1 },
      ]),
    );
    expect(certificate.purged).toHaveLength(4);

    const [audit] = await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "retention.purged"));
    expect(audit).toMatchObject({
      outcome: "success",
      actorUserId: null,
      details: { total: 7, purged: certificate.purged, rule: expect.objectContaining({ defaultMonths: DEFAULT_MONTHS }) },
    });
  });

  it("purges nothing on a second run, and certifies that too", async () => {
    const before = await handle.db.select().from(t.retainedDisclosureCounts);
    const certificate = await purgeExpired(app.db, { defaultMonths: DEFAULT_MONTHS });
    expect(certificate).toEqual({ purged: [], total: 0, rejectedUploads: { purged: [], total: 0 } });
    expect(await handle.db.select().from(t.retainedDisclosureCounts)).toEqual(before);
    expect(await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "retention.purged"))).toHaveLength(2);
  });

  it("adds to the counts already kept for the same organisation, month and place", async () => {
    const ids = await series(org.covered, [{ status: "submitted", month: monthsAgo(14), areas: ["domestic_abuse"] }]);
    await purgeExpired(app.db, { defaultMonths: DEFAULT_MONTHS });
    expect(await remaining(ids)).toEqual([]);
    const [row] = await handle.db
      .select({ count: t.retainedDisclosureCounts.count })
      .from(t.retainedDisclosureCounts)
      .where(sql`${t.retainedDisclosureCounts.orgId} = ${org.covered} and ${t.retainedDisclosureCounts.month} = ${monthsAgo(14)} and ${t.retainedDisclosureCounts.threatArea} = 'domestic_abuse'`);
    expect(row!.count).toBe(3);
  });

  it("counts nothing twice when a second purge starts while the first is still open", async () => {
    const ids = await series(org.covered, [{ status: "submitted", month: monthsAgo(16), areas: ["msht"] }]);
    const second = await handle.connectAsApp();
    let purged!: () => void;
    const firstHasPurged = new Promise<void>((resolve) => (purged = resolve));
    // The first purge has run but not committed when the second one starts.
    const first = withContext(app.db, {}, async (tx) => {
      await tx.execute(sql`select * from app_purge_expired_disclosures(${DEFAULT_MONTHS}::integer)`);
      purged();
      await sleep(300);
    });
    await firstHasPurged;
    const later = purgeExpired(second.db, { defaultMonths: DEFAULT_MONTHS });
    await first;
    expect(await later).toEqual({ purged: [], total: 0, rejectedUploads: { purged: [], total: 0 } });

    expect(await remaining(ids)).toEqual([]);
    const rows = await handle.db
      .select({ count: t.retainedDisclosureCounts.count })
      .from(t.retainedDisclosureCounts)
      .where(sql`${t.retainedDisclosureCounts.orgId} = ${org.covered} and ${t.retainedDisclosureCounts.threatArea} = 'msht'`);
    expect(rows).toEqual([{ count: 1 }]);
  });

  it("refuses anyone but the scheduler or an administrator", async () => {
    await expect(
      withContext(app.db, { orgId: org.covered, role: "org_manager" }, (tx) => tx.execute(sql`select * from app_purge_expired_disclosures(84)`)),
    ).rejects.toMatchObject(refusedWith("42501", /Only the scheduler or an administrator may purge disclosures/));
  });

  it("shows the kept counts to the organisation's partner lead and to administrators only", async () => {
    const visible = (context: { orgId?: string; role?: "org_manager" | "analyst" | "admin" }) =>
      withContext(app.db, context, (tx) => tx.select({ orgId: t.retainedDisclosureCounts.orgId }).from(t.retainedDisclosureCounts));
    expect(new Set((await visible({ orgId: org.covered, role: "org_manager" })).map((row) => row.orgId))).toEqual(new Set([org.covered]));
    expect(await visible({ orgId: org.police, role: "analyst" })).toEqual([]);
    expect(await visible({})).toEqual([]);
    expect(new Set((await visible({ role: "admin" })).map((row) => row.orgId))).toEqual(new Set([org.covered, org.uncovered]));
  });
});

describe("the retention purge of rejected uploads", () => {
  const DAY = 24 * 60 * 60 * 1000;
  const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
  let uploaderId: string;

  /** A rejected upload of `orgId`'s, refused `days` ago, inserted as the owner; returns its id. */
  async function rejected(orgId: string, days: number, resolution: "succeeded" | "dismissed" | null = null): Promise<string> {
    const [row] = await handle.db
      .insert(t.rejectedUploads)
      .values({
        orgId,
        uploadedBy: uploaderId,
        kind: "disclosures",
        fileName: "disclosures.csv",
        message: "The file has 1 problem.",
        errorCount: 1,
        errors: [{ row: 2, column: "context", message: "looks like a name" }],
        createdAt: daysAgo(days),
        resolvedAt: resolution ? daysAgo(days - 1) : null,
        resolution,
      })
      .returning({ id: t.rejectedUploads.id });
    return row!.id;
  }

  async function left(ids: string[]): Promise<string[]> {
    const rows = await handle.db.select({ id: t.rejectedUploads.id }).from(t.rejectedUploads).where(inArray(t.rejectedUploads.id, ids));
    return rows.map((row) => row.id).sort();
  }

  beforeAll(async () => {
    const [uploader] = await handle.db.insert(t.users).values({ email: "uploader@retention.example", displayName: "Retention uploader" }).returning({ id: t.users.id });
    uploaderId = uploader!.id;
  });

  it("deletes those refused more than 90 days ago, dealt with or not, keeps the rest, and counts them in the deletion certificate", async () => {
    const old = [await rejected(org.covered, 91), await rejected(org.covered, 120, "dismissed"), await rejected(org.uncovered, 400, "succeeded")];
    const recent = [await rejected(org.covered, 89), await rejected(org.uncovered, 10, "succeeded")];

    const certificate = await purgeExpired(app.db, { defaultMonths: DEFAULT_MONTHS });

    expect(await left([...old, ...recent])).toEqual([...recent].sort());
    expect(certificate.rejectedUploads).toEqual({
      purged: expect.arrayContaining([
        { orgId: org.covered, deleted: 2 },
        { orgId: org.uncovered, deleted: 1 },
      ]),
      total: 3,
    });
    expect(certificate.rejectedUploads.purged).toHaveLength(2);
    const [audit] = await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "retention.purged")).orderBy(sql`seq desc`).limit(1);
    expect(audit?.details).toMatchObject({ rejectedUploads: certificate.rejectedUploads, rule: expect.objectContaining({ rejectedUploadDays: 90 }) });
  });

  it("leaves the delete to the purge: the app role cannot delete a rejected upload, and only the scheduler or an administrator purges them", async () => {
    const id = await rejected(org.covered, 200);
    await expect(
      withContext(app.db, { orgId: org.covered, userId: uploaderId, role: "org_manager" }, (tx) => tx.delete(t.rejectedUploads).where(eq(t.rejectedUploads.id, id))),
    ).rejects.toMatchObject(refusedWith("42501", /permission denied for table rejected_uploads/));
    await expect(
      withContext(app.db, { orgId: org.covered, role: "org_manager" }, (tx) => tx.execute(sql`select * from app_purge_rejected_uploads(90)`)),
    ).rejects.toMatchObject(refusedWith("42501", /^Only the scheduler or an administrator may purge rejected uploads$/));
    await expect(withContext(app.db, {}, (tx) => tx.execute(sql`select * from app_purge_rejected_uploads(0)`))).rejects.toMatchObject(
      refusedWith("22023", /^Rejected uploads must be kept at least one day$/),
    );
    expect(await left([id])).toEqual([id]);
  });
});
