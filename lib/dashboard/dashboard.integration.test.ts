import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { refusedWith, type TestDatabase } from "@/db/testing";
import { contextOf } from "@/lib/access/guard";
import { verifyAuditChainScheduled } from "@/lib/audit/scheduled";
import { toDisclosureInput } from "@/lib/disclosures/rows";
import { codesIn } from "@/lib/disclosures/sections";
import { saveCorrectionSection, saveDraft, submitCorrection, submitDisclosure } from "@/lib/disclosures/service";
import { generateDisclosures } from "@/scripts/seed/synthetic";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { importDisclosures } from "@/lib/uploads/disclosure-import";
import { dismissRejection } from "@/lib/uploads/rejected";
import { streamOfText } from "@/lib/uploads/testing";
import { getDashboard } from "./service";

const NOW = new Date("2026-11-15T12:00:00Z");

let test: TestDatabase;
beforeAll(async () => {
  test = await openDemoDatabase(NOW);
});
afterAll(async () => {
  await test?.close();
});

const viewer = (email: string) => viewerFor(test.db, email);

describe("the dashboard", () => {
  it("lists a partner lead's rejected upload with its reason until they dismiss it, and to nobody else", async () => {
    const lead = await viewer("manager@isva.example");
    expect((await getDashboard(lead, NOW)).rejectedUploads).toEqual([]);
    const refused = await importDisclosures(lead, streamOfText("partner_reference,colour\r\nX,red\r\n"), { now: NOW, fileName: "bradford.csv" });
    expect(refused).toMatchObject({ phase: "failed" });
    const [open] = (await getDashboard(lead, NOW)).rejectedUploads ?? [];
    expect(open).toMatchObject({ fileName: "bradford.csv", kind: "disclosures", message: "The header row does not match the template, so no rows were read." });
    expect(open!.errorCount).toBeGreaterThan(1);

    expect((await getDashboard(await viewer("caseworker@isva.example"), NOW)).rejectedUploads).toEqual([]);
    expect((await getDashboard(await viewer("manager@idva.example"), NOW)).rejectedUploads).toEqual([]);
    expect((await getDashboard(await viewer("analyst@police.example"), NOW)).rejectedUploads).toBeNull();

    await dismissRejection(lead, open!.id, NOW);
    expect((await getDashboard(lead, NOW)).rejectedUploads).toEqual([]);
  });

  it("counts a caseworker's own drafts and lists their latest work, newest first", async () => {
    const caseworker = await viewer("caseworker@isva.example");
    const before = await getDashboard(caseworker, NOW);
    expect(before.drafts).toBe(0);
    expect(before.recentDisclosures).toEqual([]);
    const { id } = await saveDraft(caseworker, { disclosure_month: "2026-10" }, undefined, NOW);
    const after = await getDashboard(caseworker, NOW);
    expect(after.drafts).toBe(1);
    expect(after.recentDisclosures?.map((item) => [item.id, item.status])).toEqual([[id, "draft"]]);
  });

  it("does not count one caseworker's drafts on another's dashboard", async () => {
    const council = await viewer("caseworker@council.example");
    await saveDraft(council, { disclosure_month: "2026-09" }, undefined, NOW);
    expect((await getDashboard(council, NOW)).drafts).toBe(1);
    expect((await getDashboard(await viewer("caseworker@health.example"), NOW)).drafts).toBe(0);
  });

  it("lists a partner lead's own corrections in progress until they are submitted, apart from drafts", async () => {
    const lead = await viewer("manager@idva.example");
    const [record] = generateDisclosures({ seed: 13, count: 1, partnerType: "idva_service", ladCodes: ["E08000035"], months: ["2026-09"], now: NOW });
    const input = toDisclosureInput(record!.disclosure, record!.threatAreas) as Record<string, unknown>;
    const { id } = await submitDisclosure(lead, input, undefined, NOW);
    const [submitted] = await test.db.select().from(t.disclosures).where(eq(t.disclosures.id, id));
    const before = await getDashboard(lead, NOW);
    expect(before.corrections).toEqual([]);
    await saveCorrectionSection(lead, { section: "Victim", input: { ...Object.fromEntries(codesIn("Victim").map((code) => [code, input[code]])), victim_sex: "female" }, complete: false }, submitted!.id, NOW);
    const during = await getDashboard(lead, NOW);
    expect(during.corrections?.map((correction) => [correction.correctsId, correction.disclosureMonth])).toEqual([[submitted!.id, submitted!.disclosureMonth!.slice(0, 7)]]);
    expect(during.drafts).toBe(before.drafts);
    expect((await getDashboard(await viewer("caseworker@idva.example"), NOW)).corrections).toEqual([]);
    await submitCorrection(lead, submitted!.id, NOW);
    expect((await getDashboard(lead, NOW)).corrections).toEqual([]);
  });

  it("shows a partner lead the agreement waiting for their organisation's signature", async () => {
    const dashboard = await getDashboard(await viewer("manager@police.example"), NOW);
    expect(dashboard.awaitingSignature?.map((agreement) => agreement.reference)).toEqual(["DSA-WY-2026-002"]);
    expect(dashboard.draftAgreements).toBeNull();
  });

  it("shows a partner lead their own organisation's locked sign-ins and an admin everyone's", async () => {
    await test.db.update(t.users).set({ mfaFailedAttempts: 10, mfaLockedAt: NOW }).where(eq(t.users.email, "caseworker@idva.example"));
    try {
      const idva = await getDashboard(await viewer("manager@idva.example"), NOW);
      expect(idva.lockedAccounts?.map((member) => member.organisation.name)).toEqual(["Demo IDVA Service Leeds"]);
      const police = await getDashboard(await viewer("manager@police.example"), NOW);
      expect(police.lockedAccounts).toEqual([]);
      const admin = await getDashboard(await viewer("admin@national.example"), NOW);
      expect(admin.lockedAccounts?.map((member) => member.organisation.name)).toEqual(["Demo IDVA Service Leeds"]);
    } finally {
      await test.db.update(t.users).set({ mfaFailedAttempts: 0, mfaLockedAt: null }).where(eq(t.users.email, "caseworker@idva.example"));
    }
  });

  it("gives each role only the panels its permissions open", async () => {
    const analyst = await getDashboard(await viewer("analyst@police.example"), NOW);
    expect(analyst.drafts).toBeNull();
    expect(analyst.recentDisclosures).toBeNull();
    expect(analyst.lockedAccounts).toBeNull();
    expect(analyst.sharingProviders?.length).toBeGreaterThan(0);

    const auditor = await getDashboard(await viewer("auditor@national.example"), NOW);
    expect(auditor.recentDisclosures).toBeNull();
    expect(auditor.sharingProviders).toBeNull();
    expect(auditor.agreements?.map((agreement) => agreement.reference)).toContain("DSA-WY-2026-002");

    const otherForce = await getDashboard(await viewer("analyst@otherpolice.example"), NOW);
    expect(otherForce.sharingProviders).toEqual([]);
  });
});

describe("the audit chain alert", () => {
  it("shows administrators and auditors, and no one else, when the latest verification found the chain broken, and clears once it verifies again", async () => {
    const admin = await viewer("admin@national.example");
    const auditor = await viewer("auditor@national.example");
    const analyst = await viewer("analyst@police.example");
    await verifyAuditChainScheduled(test.db, { mailer: null, portalUrl: undefined });
    expect((await getDashboard(admin, NOW)).chainAlert).toBeNull();

    const [event] = await test.db.select().from(t.auditEvents).orderBy(t.auditEvents.seq).limit(1);
    const inMaintenance = (work: (tx: Database) => Promise<unknown>) =>
      test.db.transaction(async (tx) => {
        await tx.execute(sql`set local vawg.audit_maintenance = 'on'`);
        await work(tx as unknown as Database);
      });
    await inMaintenance((tx) => tx.execute(sql`update audit_events set action = 'session.signed_out' where seq = ${event!.seq}`));
    const { verdict } = await verifyAuditChainScheduled(test.db, { mailer: null, portalUrl: undefined });
    expect(verdict.broken?.kind).toBe("changed");

    for (const person of [admin, auditor]) {
      expect((await getDashboard(person, NOW)).chainAlert).toEqual({ verifiedAt: expect.any(Date), message: verdict.broken!.message });
    }
    expect((await getDashboard(analyst, NOW)).chainAlert).toBeNull();

    await inMaintenance((tx) => tx.execute(sql`update audit_events set action = ${event!.action} where seq = ${event!.seq}`));
    await verifyAuditChainScheduled(test.db, { mailer: null, portalUrl: undefined });
    expect((await getDashboard(admin, NOW)).chainAlert).toBeNull();
  });

  it("gives the verdict to administrators and auditors only", async () => {
    const analyst = await viewer("analyst@police.example");
    await expect(withContext(test.db, contextOf(analyst), (tx) => tx.execute(sql`select * from app_audit_chain_alert()`))).rejects.toMatchObject(
      refusedWith("42501", /^Only administrators and auditors see the audit chain's alert$/),
    );
  });
});
