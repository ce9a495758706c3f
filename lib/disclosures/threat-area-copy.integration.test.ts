import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "@/db/database";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/viewer";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { importDisclosures } from "@/lib/uploads/disclosure-import";
import { disclosureCsv, streamOfText, validCells } from "@/lib/uploads/testing";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import { hashPartnerReference } from "./partner-reference";
import { toDisclosureInput } from "./rows";
import { submitDisclosure } from "./service";

// A disclosure carries a copy of its threat areas (and the access keys made from them) for the
// access policies. The portal writes the copy with the disclosure, so the database does not write
// the row a second time to fill it in (migration 0014); the copy still follows the rows of
// disclosure_threat_areas whenever they change.

const NOW = new Date("2026-11-15T12:00:00Z");
let test: TestDatabase;
let caseworker: Viewer;
let manager: Viewer;

beforeAll(async () => {
  test = await openDemoDatabase(NOW);
  caseworker = await viewerFor(test.db, "caseworker@idva.example");
  manager = await viewerFor(test.db, "manager@idva.example");
  // Every later write of a disclosure row is noted, whoever makes it.
  await test.db.execute(sql`create table disclosure_rewrites (id uuid not null)`);
  await test.db.execute(sql`
    create function note_disclosure_rewrite() returns trigger language plpgsql security definer as $$
    begin insert into disclosure_rewrites select id from changed; return null; end $$`);
  await test.db.execute(sql`
    create trigger disclosures_rewrites_noted after update on disclosures
    referencing new table as changed for each statement execute function note_disclosure_rewrite()`);
});
afterAll(async () => {
  await test?.close();
});
beforeEach(async () => {
  await test.db.execute(sql`delete from disclosure_rewrites`);
});

async function rewrites(ids: readonly string[]): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await test.db.execute(sql`select count(*)::int as n from disclosure_rewrites where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`));
  return row!.n;
}

/** What the database itself makes of the disclosure's threat-area rows, beside the copy it holds. */
async function copyAndRows(id: string) {
  const [row] = rowsOf<{ copy: string[]; rows: string[]; keys: number }>(
    await test.db.execute(sql`
      select d.threat_areas::text[] as copy,
             coalesce((select array_agg(a.threat_area order by a.threat_area)::text[] from disclosure_threat_areas a where a.disclosure_id = d.id), '{}') as rows,
             cardinality(d.access_keys) as keys
      from disclosures d where d.id = ${id}::uuid`),
  );
  return row!;
}

let seed = 100;
function input(threatAreas: Record<string, string[]>) {
  const [record] = generateDisclosures({ seed: ++seed, count: 1, partnerType: "idva_service", ladCodes: ["E08000035"], months: ["2026-09"], now: NOW });
  return { ...(toDisclosureInput(record!.disclosure, record!.threatAreas) as Record<string, unknown>), threat_areas: threatAreas };
}

describe("a disclosure's copy of its threat areas", () => {
  it("is written with a submission, in the database's order, and the row is not written again", async () => {
    const { id } = await submitDisclosure(caseworker, input({ stalking_harassment: ["not_known"], domestic_abuse: ["coercive_control"] }), undefined, NOW);
    expect(await copyAndRows(id)).toEqual({ copy: ["domestic_abuse", "stalking_harassment"], rows: ["domestic_abuse", "stalking_harassment"], keys: 4 });
    expect(await rewrites([id])).toBe(0);
  });

  it("is written with every disclosure of an upload, none of them written twice", async () => {
    const csv = disclosureCsv([validCells(1, NOW, { partner_reference: "COPY-1" }), validCells(2, NOW, { partner_reference: "COPY-2" })]);
    const result = await importDisclosures(manager, streamOfText(csv, 1000), { now: NOW });
    expect(result).toMatchObject({ phase: "done", added: 2 });
    const hashes = ["COPY-1", "COPY-2"].map((reference) => hashPartnerReference(manager.organisation.id, reference));
    const ids = (await test.db.select({ id: t.disclosures.id }).from(t.disclosures).where(inArray(t.disclosures.partnerReferenceHash, hashes))).map((row) => row.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      const { copy, rows } = await copyAndRows(id);
      expect(copy.length).toBeGreaterThan(0);
      expect(copy).toEqual(rows);
    }
    expect(await rewrites(ids)).toBe(0);
  });

  it("follows the rows when they change, and only then rewrites the disclosure", async () => {
    const { id } = await submitDisclosure(caseworker, input({ domestic_abuse: ["coercive_control"], stalking_harassment: ["not_known"] }), undefined, NOW);
    await test.db.delete(t.disclosureThreatAreas).where(and(eq(t.disclosureThreatAreas.disclosureId, id), eq(t.disclosureThreatAreas.threatArea, "domestic_abuse")));
    expect(await copyAndRows(id)).toMatchObject({ copy: ["stalking_harassment"], rows: ["stalking_harassment"], keys: 2 });
    expect(await rewrites([id])).toBe(1);
  });

  it("written wrong, is put right by the rows that follow it", async () => {
    const { id } = await submitDisclosure(caseworker, input({ rasso: ["not_known"] }), undefined, NOW);
    await test.db.execute(sql`delete from disclosure_rewrites`);
    await test.db.insert(t.disclosureThreatAreas).values({ disclosureId: id, threatArea: "spiking", subTypes: ["not_known"] });
    expect(await copyAndRows(id)).toMatchObject({ copy: ["rasso", "spiking"], rows: ["rasso", "spiking"] });
    expect(await rewrites([id])).toBe(1);
  });
});

describe("a disclosure's access keys", () => {
  async function keysOf(id: string): Promise<string[]> {
    const [row] = rowsOf<{ keys: string[] }>(await test.db.execute(sql`select access_keys as keys from disclosures where id = ${id}::uuid`));
    return row!.keys;
  }

  it("are provider × place × threat area, by place and then threat area in the taxonomy's order, whatever order the copy is written in", async () => {
    const { id } = await submitDisclosure(caseworker, input({ stalking_harassment: ["not_known"], domestic_abuse: ["coercive_control"] }), undefined, NOW);
    const org = caseworker.organisation.id;
    const expected = [`${org}:E08000035:domestic_abuse`, `${org}:E08000035:stalking_harassment`, `${org}:E23000010:domestic_abuse`, `${org}:E23000010:stalking_harassment`];
    expect(await keysOf(id)).toEqual(expected);
    await test.db.execute(sql`update disclosures set threat_areas = '{stalking_harassment,domestic_abuse}' where id = ${id}::uuid`);
    expect(await keysOf(id)).toEqual(expected);
  });

  it("follow the place, and are none without one", async () => {
    const { id } = await submitDisclosure(caseworker, input({ rasso: ["not_known"] }), undefined, NOW);
    const org = caseworker.organisation.id;
    await test.db.execute(sql`update disclosures set status = 'draft', submitted_at = null, lad_code = null where id = ${id}::uuid`);
    expect(await keysOf(id)).toEqual([`${org}:E23000010:rasso`]);
    await test.db.execute(sql`update disclosures set force_area_code = null where id = ${id}::uuid`);
    expect(await keysOf(id)).toEqual([]);
  });
});

describe("a disclosure's record key", () => {
  it("is drawn by the database for a first version, never taken from the writer", async () => {
    const written = rowsOf<{ key: number }>(
      await test.db.execute(sql`
        insert into disclosures (id, series_id, org_id, status, record_key)
        select g, g, ${caseworker.organisation.id}::uuid, 'draft', 7 from (select gen_random_uuid() as g from generate_series(1, 12)) s
        returning record_key as key`),
    );
    expect(written).toHaveLength(12);
    expect(new Set(written.map((row) => row.key)).size).toBeGreaterThan(1);
  });
});
