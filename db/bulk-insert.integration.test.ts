import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as t from "@/db/schema";
import { insertRows } from "./bulk-insert";
import { rowsOf } from "./database";
import { createTestDatabase, type TestDatabase } from "./testing";

// Draft disclosures, the rows the importer writes many at a time: a draft needs only its
// organisation, and the table has defaults, timestamps, a date, and enum and text arrays.

let handle: TestDatabase;
let orgId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const [organisation] = await handle.db.insert(t.organisations).values({ name: "Bulk insert partner", type: "third_sector" }).returning({ id: t.organisations.id });
  orgId = organisation!.id;
});
afterAll(async () => {
  await handle?.close();
});

/** The least a draft disclosure must give: its id, series and organisation. */
function draft() {
  const id = randomUUID();
  return { id, seriesId: id, orgId };
}

async function storedDisclosure(id: string) {
  const [row] = await handle.db.select().from(t.disclosures).where(eq(t.disclosures.id, id));
  return row!;
}

describe("insertRows", () => {
  it("gives the columns the rows leave out their defaults", async () => {
    const row = draft();
    const now = await handle.db.transaction(async (tx) => {
      await insertRows(tx, t.disclosures, [row]);
      const [clock] = rowsOf<{ now: string }>(await tx.execute(sql`select now()::text as now`));
      return clock!.now;
    });
    const stored = await storedDisclosure(row.id);
    expect(stored).toMatchObject({ status: "draft", version: 1, barriers: [], onlinePlatforms: [], threatAreas: [], accessKeys: [], context: null, submittedAt: null });
    const [sameMoment] = rowsOf<{ same: boolean }>(
      await handle.db.execute(sql`select created_at = ${now}::timestamptz and updated_at = ${now}::timestamptz as same from disclosures where id = ${row.id}::uuid`),
    );
    expect(sameMoment!.same).toBe(true);
  });

  it("stores a Date as the same instant, whatever the session's time zone", async () => {
    const row = { ...draft(), submittedAt: new Date("2026-03-29T00:59:59.123Z") };
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'Pacific/Chatham'`);
      await insertRows(tx, t.disclosures, [row]);
    });
    const stored = await storedDisclosure(row.id);
    expect(stored.submittedAt?.toISOString()).toBe("2026-03-29T00:59:59.123Z");
  });

  it("stores a date-only value as that calendar day, whatever the session's time zone", async () => {
    const row = { ...draft(), disclosureMonth: "2026-02-01" };
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'Pacific/Chatham'`);
      await insertRows(tx, t.disclosures, [row]);
    });
    const [stored] = rowsOf<{ month: string }>(await handle.db.execute(sql`select disclosure_month::text as month from disclosures where id = ${row.id}::uuid`));
    expect(stored!.month).toBe("2026-02-01");
    expect((await storedDisclosure(row.id)).disclosureMonth).toBe("2026-02-01");
  });

  it("stores enum and text arrays element for element, and an empty array as empty", async () => {
    const row = { ...draft(), onlinePlatforms: ["private_messaging", "dating_app"], referrals: [] };
    await insertRows(handle.db, t.disclosures, [row]);
    const awkward = ['a comma, a "quote" and {braces}', "NULL", ""];
    await insertRows(handle.db, t.disclosureThreatAreas, [
      { disclosureId: row.id, threatArea: "domestic_abuse", subTypes: awkward },
      { disclosureId: row.id, threatArea: "stalking_harassment", subTypes: [] },
    ]);
    expect(await storedDisclosure(row.id)).toMatchObject({ onlinePlatforms: ["private_messaging", "dating_app"], referrals: [] });
    const areas = await handle.db
      .select({ threatArea: t.disclosureThreatAreas.threatArea, subTypes: t.disclosureThreatAreas.subTypes })
      .from(t.disclosureThreatAreas)
      .where(eq(t.disclosureThreatAreas.disclosureId, row.id))
      .orderBy(t.disclosureThreatAreas.threatArea);
    expect(areas).toEqual([
      { threatArea: "domestic_abuse", subTypes: awkward },
      { threatArea: "stalking_harassment", subTypes: [] },
    ]);
  });

  it("stores null and undefined as NULL", async () => {
    const given = { ...draft(), context: "Told at the drop-in", withdrawnReason: "Entered twice" };
    const nulls = { ...draft(), context: null, withdrawnReason: undefined };
    await insertRows(handle.db, t.disclosures, [given, nulls]);
    const [stored] = rowsOf<{ context_is_null: boolean; reason_is_null: boolean }>(
      await handle.db.execute(sql`select context is null as context_is_null, withdrawn_reason is null as reason_is_null from disclosures where id = ${nulls.id}::uuid`),
    );
    expect(stored).toEqual({ context_is_null: true, reason_is_null: true });
    expect(await storedDisclosure(given.id)).toMatchObject({ context: "Told at the drop-in", withdrawnReason: "Entered twice" });
  });

  it("writes each key, the schema's camelCase, to its snake_case column", async () => {
    const row = { ...draft(), victimGenderDiffersFromSexAtBirth: "yes", perpetratorOtherOffendingTypes: ["weapons", "drugs"], partnerReferenceHash: "reference-hash" };
    await insertRows(handle.db, t.disclosures, [row]);
    const [stored] = rowsOf<Record<string, string>>(
      await handle.db.execute(sql`
        select victim_gender_differs_from_sex_at_birth::text as differs, perpetrator_other_offending_types::text as offending, partner_reference_hash as hash
        from disclosures where id = ${row.id}::uuid`),
    );
    expect(stored).toEqual({ differs: "yes", offending: "{weapons,drugs}", hash: "reference-hash" });
  });

  it("writes all the rows in one statement", async () => {
    const rows = [draft(), draft(), draft()];
    const execute = vi.spyOn(handle.db, "execute");
    try {
      await insertRows(handle.db, t.disclosures, rows);
      expect(execute).toHaveBeenCalledTimes(1);
    } finally {
      execute.mockRestore();
    }
    const [count] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from disclosures where id in (${sql.join(rows.map((row) => sql`${row.id}::uuid`), sql`, `)})`));
    expect(count!.n).toBe(3);
  });

  it("issues no statement for no rows", async () => {
    const execute = vi.spyOn(handle.db, "execute");
    try {
      await insertRows(handle.db, t.disclosures, []);
      expect(execute).not.toHaveBeenCalled();
    } finally {
      execute.mockRestore();
    }
  });
});
