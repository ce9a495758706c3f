import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withContext } from "@/db/context";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import { contextOf } from "@/lib/access/guard";
import type { Viewer } from "@/lib/auth/viewer";
import { NotFound } from "@/lib/errors";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { importRecordedCrime } from "./recorded-crime";
import { dismissRejection, listOpenRejections, rejectionReportCsv } from "./rejected";
import { streamOfText } from "./testing";

const NOW = new Date("2026-11-15T12:00:00Z");
const WEST_YORKSHIRE = "E23000010";
const PERSONAL = "Jane Roe 07700900123";
let test: TestDatabase;
let police: Viewer;

beforeAll(async () => {
  test = await openDemoDatabase(NOW);
  police = await viewerFor(test.db, "manager@police.example");
});
afterAll(async () => {
  await test?.close();
});

const upload = (viewer: Viewer, csv: string, fileName = "returns.csv") => importRecordedCrime(viewer, streamOfText(csv), { now: NOW, fileName });
const BAD = `force_area_code,month,threat_area,count\r\n${WEST_YORKSHIRE},2016-10,rasso,${PERSONAL}\r\n${WEST_YORKSHIRE},2016-11,=cmd(),1\r\n`;
const GOOD = `force_area_code,month,threat_area,count\r\n${WEST_YORKSHIRE},2016-10,rasso,3\r\n`;

describe("rejected uploads", () => {
  it("keeps a refused file's errors by row and column, without any cell's value, and audits it", async () => {
    expect(await upload(police, BAD, "C:\\fakepath\\october.csv")).toMatchObject({ phase: "failed", errorCount: 2 });
    const [kept] = await test.db.select().from(t.rejectedUploads).where(eq(t.rejectedUploads.orgId, police.organisation.id));
    expect(kept).toMatchObject({ uploadedBy: police.userId, kind: "recorded_crime", fileName: "october.csv", errorCount: 2, resolvedAt: null });
    expect(kept!.errors).toEqual([
      { row: 2, column: "count", message: expect.stringMatching(/whole number/) },
      { row: 3, column: "threat_area", message: "Enter a threat area code from the list" },
    ]);
    expect(JSON.stringify(kept)).not.toContain("07700");
    expect(JSON.stringify(kept)).not.toContain("cmd(");
    const audits = await test.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "upload.rejected"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: police.userId, outcome: "success" });
    expect(JSON.stringify(audits)).not.toContain("07700");

    expect(await listOpenRejections(police)).toEqual([
      expect.objectContaining({ id: kept!.id, kind: "recorded_crime", kindName: "recorded-crime returns", fileName: "october.csv", errorCount: 2 }),
    ]);
    const report = await rejectionReportCsv(police, kept!.id);
    expect(report.csv).toBe(`row,column,message\r\n2,count,"Enter the count as a whole number from 0 to 1,000,000"\r\n3,threat_area,Enter a threat area code from the list\r\n`);
    expect(report.fileName).toBe("errors-october.csv");
  });

  it("is read by no other organisation, and by no other member of the uploader's who is not its partner lead", async () => {
    for (const email of ["manager@otherpolice.example", "manager@idva.example", "analyst@police.example", "admin@national.example"]) {
      const someone = await viewerFor(test.db, email);
      const seen = await withContext(test.db, contextOf(someone), (tx) => tx.select({ id: t.rejectedUploads.id }).from(t.rejectedUploads));
      expect(seen, email).toEqual([]);
      expect(await listOpenRejections(someone), email).toEqual([]);
    }
    const [kept] = await test.db.select({ id: t.rejectedUploads.id }).from(t.rejectedUploads);
    const other = await viewerFor(test.db, "manager@otherpolice.example");
    await expect(rejectionReportCsv(other, kept!.id)).rejects.toThrow(NotFound);
    await expect(dismissRejection(other, kept!.id, NOW)).rejects.toThrow("That rejected upload was not found, or has already been dealt with.");
  });

  it("is marked resolved when a later upload of the same kind by the organisation succeeds", async () => {
    expect(await upload(police, GOOD)).toMatchObject({ phase: "done", added: 1 });
    expect(await listOpenRejections(police)).toEqual([]);
    const rows = await test.db.select().from(t.rejectedUploads);
    expect(rows.map((row) => row.resolution)).toEqual(["succeeded"]);
  });

  it("is dismissed by its uploader, once, and audited", async () => {
    await upload(police, BAD, "november.csv");
    const [open] = await listOpenRejections(police);
    expect(open).toMatchObject({ fileName: "november.csv" });
    await dismissRejection(police, open!.id, NOW);
    expect(await listOpenRejections(police)).toEqual([]);
    const [row] = await test.db.select().from(t.rejectedUploads).where(eq(t.rejectedUploads.id, open!.id));
    expect(row).toMatchObject({ resolution: "dismissed", resolvedAt: NOW });
    await expect(dismissRejection(police, open!.id, NOW)).rejects.toThrow("That rejected upload was not found, or has already been dealt with.");
    const audits = await test.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "rejected_upload.dismissed"));
    expect(audits).toHaveLength(1);
  });
});
