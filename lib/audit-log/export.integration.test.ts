import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withContext } from "@/db/context";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { parseCsvText } from "@/lib/csv/strict";
import { Forbidden, RateLimited } from "@/lib/errors";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { auditEventsCsv, exportAuditEvents, listAuditEvents, parseAuditQuery } from "./service";

// The auditor's CSV export of the audit log (docs/security.md#exports-and-csv): the page's filters,
// every cell safe in a spreadsheet, itself audited, and limited like every export.

vi.hoisted(() => {
  vi.stubEnv("EXPORT_RATE_LIMIT_PER_USER", "3");
  vi.stubEnv("EXPORT_RATE_LIMIT_PER_ORGANISATION", "50");
});

let test: TestDatabase;
let auditor: Viewer;
let analyst: Viewer;
const FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1:A9)", "\tTAB"];

beforeAll(async () => {
  test = await openDemoDatabase();
  auditor = await viewerFor(test.db, "auditor@national.example");
  analyst = await viewerFor(test.db, "analyst@police.example");
  for (const formula of FORMULAS) {
    await withContext(test.db, {}, (tx) =>
      recordAudit(
        tx,
        auditEvent({ userId: analyst.userId, organisation: analyst.organisation }, "api_token.revoked", {
          outcome: "denied",
          subject: { type: "api_token", id: formula },
          client: { ipAddress: "192.0.2.30", requestId: randomUUID() },
          details: { name: formula },
        }),
      ),
    );
  }
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await test?.close();
});

const cells = (csv: string) => parseCsvText(csv).map((row) => row.fields);

describe("the auditor's export of the audit log", () => {
  it("holds exactly the events the page's filters match, newest first, with the request id", async () => {
    const query = parseAuditQuery({ action: "api_token.revoked", outcome: "denied" });
    const rows = await exportAuditEvents(auditor, query, new Date("2026-06-01T10:00:00Z"));
    const page = await listAuditEvents(auditor, query);
    expect(rows.map((row) => row.seq)).toEqual(page.items.map((item) => item.seq));
    expect(rows).toHaveLength(FORMULAS.length);
    const [header, ...lines] = cells(auditEventsCsv(rows));
    expect(header).toEqual(expect.arrayContaining(["event", "chain_position", "time_utc", "action", "outcome", "actor_email", "client_address", "request_id", "details"]));
    const column = (name: string) => header!.indexOf(name);
    expect(lines.map((line) => line[column("event")])).toEqual(rows.map((row) => String(row.seq)));
    expect(new Set(lines.map((line) => line[column("action")]))).toEqual(new Set(["api_token.revoked"]));
    expect(lines.every((line) => /^[0-9a-f-]{36}$/.test(line[column("request_id")] ?? ""))).toBe(true);
    expect(lines.every((line) => line[column("actor_email")] === analyst.email)).toBe(true);
  });

  it("escapes every cell that a spreadsheet would run as a formula", async () => {
    const rows = await exportAuditEvents(auditor, parseAuditQuery({ action: "api_token.revoked" }), new Date("2026-06-01T11:00:00Z"));
    const [header, ...lines] = cells(auditEventsCsv(rows));
    const subjects = lines.map((line) => line[header!.indexOf("subject_id")]);
    expect(subjects.sort()).toEqual(FORMULAS.map((formula) => `'${formula}`).sort());
    for (const line of lines) for (const cell of line) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("records each export in the log with its filters and count, and refuses anyone but an auditor", async () => {
    const rows = await exportAuditEvents(auditor, parseAuditQuery({ outcome: "denied", action: "api_token.revoked" }), new Date("2026-06-01T12:00:00Z"));
    const [event] = await test.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "audit_log.exported")).orderBy(sql`seq desc`).limit(1);
    expect(event).toMatchObject({
      actorUserId: auditor.userId,
      outcome: "success",
      details: { filter: { action: "api_token.revoked", outcome: "denied" }, rows: rows.length, newest: rows[0]!.seq, oldest: rows.at(-1)!.seq },
    });
    await expect(exportAuditEvents(analyst, parseAuditQuery({}), new Date("2026-06-01T12:00:00Z"))).rejects.toBeInstanceOf(Forbidden);
  });

  it("counts against the hourly export limit, and refuses past it until the next hour", async () => {
    const hour = new Date("2026-06-02T09:10:00Z");
    const query = parseAuditQuery({ action: "api_token.revoked" });
    for (let i = 0; i < 3; i++) await exportAuditEvents(auditor, query, hour);
    const refusal = await exportAuditEvents(auditor, query, hour).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimited);
    expect((refusal as RateLimited).message).toMatch(/^You have downloaded 3 exports this hour, the limit\./);
    expect(await exportAuditEvents(auditor, query, new Date("2026-06-02T10:00:00Z"))).toHaveLength(FORMULAS.length);
  });
});
