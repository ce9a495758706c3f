import { and, count, eq, sum } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/viewer";
import { Forbidden } from "@/lib/errors";
import { foldAllInsightChanges } from "@/lib/insights/folding";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { importDisclosures } from "./disclosure-import";
import type { UploadEvent } from "./events";
import { disclosureCsv, streamOfText, validCells } from "./testing";

const NOW = new Date("2026-11-15T12:00:00Z");
let test: TestDatabase;
let manager: Viewer;

beforeAll(async () => {
  test = await openDemoDatabase(NOW);
  manager = await viewerFor(test.db, "manager@idva.example");
});
afterAll(async () => {
  await test?.close();
});

async function disclosuresOf(viewer: Viewer): Promise<number> {
  const [row] = await test.db.select({ n: count() }).from(t.disclosures).where(eq(t.disclosures.orgId, viewer.organisation.id));
  return row!.n;
}

async function upload(viewer: Viewer, csv: string) {
  const events: UploadEvent[] = [];
  const result = await importDisclosures(viewer, streamOfText(csv, 1000), { now: NOW, onProgress: (event) => void events.push(event) });
  return { result, events };
}

let seed = 0;
const good = (overrides: Record<string, string> = {}) => validCells(++seed, NOW, overrides);

describe("uploading disclosures", () => {
  it("commits nothing from a file with bad rows and reports every bad cell by row and column", async () => {
    const before = await disclosuresOf(manager);
    const csv = disclosureCsv([
      good({ partner_reference: "BAD-1" }),
      good({ partner_reference: "BAD-2", victim_sex: "unknown" }),
      good({ partner_reference: "BAD-3", context: "Her mobile is 07700 900123, call after 6." }),
      good({ partner_reference: "BAD-4", disclosure_month: "2031-01", lad_code: "E99999999" }),
      good({ partner_reference: "BAD-5", threat_areas: "domestic_abuse", "sub_types.domestic_abuse": "" }),
      good({ partner_reference: "BAD-1" }),
      good({ partner_reference: "BAD-7" }),
    ]);
    const { result } = await upload(manager, csv);
    expect(result.phase).toBe("failed");
    if (result.phase !== "failed") return;
    expect(result.message).toMatch(/Nothing was saved/);
    const cells = result.errors.map((error) => `${error.row}:${error.column}`);
    expect(cells).toEqual(expect.arrayContaining(["3:victim_sex", "4:context", "5:disclosure_month", "5:lad_code", "6:sub_types.domestic_abuse", "7:partner_reference"]));
    expect(result.errors.filter((error) => error.row === 2 || error.row === 8)).toEqual([]);
    expect(result.errorCount).toBe(result.errors.length);
    const context = result.errors.find((error) => error.column === "context")!;
    expect(context.message).toMatch(/phone number/);
    expect(JSON.stringify(result)).not.toContain("07700");
    expect(result.errors.find((error) => error.column === "partner_reference")!.message).toMatch(/on row 2/);
    expect(await disclosuresOf(manager)).toBe(before);
  });

  it("commits every row of a clean file in one go, reporting progress, and adds nothing when the same file comes again", async () => {
    const before = await disclosuresOf(manager);
    const rows = Array.from({ length: 12 }, (_, i) => good({ partner_reference: `CLEAN-${i}` }));
    rows.push(good());
    const csv = disclosureCsv(rows);
    const first = await upload(manager, csv);
    expect(first.result).toEqual({ phase: "done", rows: 13, added: 13, updated: 0, alreadySubmitted: [] });
    expect(first.events.at(-2)).toEqual({ phase: "validating", rows: 13 });
    expect(first.events.at(-1)).toEqual({ phase: "saving", saved: 13, total: 13 });
    expect(await disclosuresOf(manager)).toBe(before + 13);
    const [submitted] = await test.db
      .select({ n: count() })
      .from(t.disclosures)
      .where(and(eq(t.disclosures.orgId, manager.organisation.id), eq(t.disclosures.status, "submitted"), eq(t.disclosures.createdBy, manager.userId)));
    expect(submitted!.n).toBeGreaterThanOrEqual(13);

    // The row without a reference cannot be recognised, so only it is added again.
    const again = await upload(manager, csv);
    expect(again.result).toEqual({ phase: "done", rows: 13, added: 1, updated: 0, alreadySubmitted: Array.from({ length: 12 }, (_, i) => i + 2) });
    const third = await upload(manager, disclosureCsv(rows.slice(0, 12)));
    expect(third.result).toMatchObject({ phase: "done", added: 0 });
    expect(await disclosuresOf(manager)).toBe(before + 14);
  });

  it("saves a file longer than one statement's batch whole, counting each disclosure once in every threat area", async () => {
    const totalOf = async () => {
      await foldAllInsightChanges(test.db, { wait: true });
      const [row] = await test.db
        .select({ n: sum(t.insightCounts.count).mapWith(Number) })
        .from(t.insightCounts)
        .where(and(eq(t.insightCounts.orgId, manager.organisation.id), eq(t.insightCounts.dimension, "total")));
      return row!.n ?? 0;
    };
    const areasOf = async () => {
      const [row] = await test.db
        .select({ n: count() })
        .from(t.disclosureThreatAreas)
        .innerJoin(t.disclosures, eq(t.disclosures.id, t.disclosureThreatAreas.disclosureId))
        .where(and(eq(t.disclosures.orgId, manager.organisation.id), eq(t.disclosures.status, "submitted")));
      return row!.n;
    };
    const [disclosuresBefore, totalBefore, areasBefore] = [await disclosuresOf(manager), await totalOf(), await areasOf()];
    const rows = Array.from({ length: 1_001 }, (_, i) => good({ partner_reference: `LONG-${i}` }));
    const { result, events } = await upload(manager, disclosureCsv(rows));
    expect(result).toEqual({ phase: "done", rows: 1_001, added: 1_001, updated: 0, alreadySubmitted: [] });
    expect(events.filter((event) => event.phase === "saving")).toEqual([
      { phase: "saving", saved: 1_000, total: 1_001 },
      { phase: "saving", saved: 1_001, total: 1_001 },
    ]);
    expect(await disclosuresOf(manager)).toBe(disclosuresBefore + 1_001);
    const areasAdded = (await areasOf()) - areasBefore;
    expect(areasAdded).toBeGreaterThanOrEqual(1_001);
    expect((await totalOf()) - totalBefore).toBe(areasAdded);
  });

  it("records one audit event for the upload, without any disclosure content", async () => {
    const events = await test.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "disclosure.bulk_uploaded"));
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]).toMatchObject({ actorUserId: manager.userId, outcome: "success" });
    expect(JSON.stringify(events)).not.toContain("CLEAN-");
  });

  it("reports unknown and missing columns before reading any row", async () => {
    const csv = "partner_reference,disclosure_month,colour\r\nX,2024-01,red\r\n";
    const { result } = await upload(manager, csv);
    expect(result).toMatchObject({ phase: "failed", message: expect.stringMatching(/header row/) });
    if (result.phase !== "failed") return;
    expect(result.errors[0]).toEqual({ row: 1, column: "colour", message: expect.stringMatching(/not a column/) });
    expect(result.errors.map((error) => error.column)).toEqual(expect.arrayContaining(["victim_sex", "threat_areas", "sub_types.rasso"]));
  });

  it("refuses an empty file and a file with only a header", async () => {
    expect((await upload(manager, "")).result).toMatchObject({ phase: "failed", message: "The file has no rows to upload." });
    expect((await upload(manager, disclosureCsv([]))).result).toMatchObject({ phase: "failed", message: "The file has no rows to upload." });
  });

  it("is refused to a caseworker and to other roles, before reading the file", async () => {
    for (const email of ["caseworker@idva.example", "analyst@police.example", "admin@national.example"]) {
      const someone = await viewerFor(test.db, email);
      await expect(importDisclosures(someone, streamOfText(disclosureCsv([good()])), { now: NOW })).rejects.toBeInstanceOf(Forbidden);
    }
  });

  it("files another organisation's upload under that organisation, whose references are its own", async () => {
    const other = await viewerFor(test.db, "manager@isva.example");
    const idvaBefore = await disclosuresOf(manager);
    const otherBefore = await disclosuresOf(other);
    const { result } = await upload(other, disclosureCsv([good({ partner_reference: "CLEAN-0", lad_code: "E08000032" })]));
    expect(result).toMatchObject({ phase: "done", added: 1, alreadySubmitted: [] });
    expect(await disclosuresOf(other)).toBe(otherBefore + 1);
    expect(await disclosuresOf(manager)).toBe(idvaBefore);
  });
});
