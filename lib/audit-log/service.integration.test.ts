import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withContext } from "@/db/context";
import * as t from "@/db/schema";
import { refusedWith, type TestDatabase } from "@/db/testing";
import { createApiToken } from "@/lib/api-tokens/service";
import { hashPassword } from "@/lib/auth/password";
import { hashToken } from "@/lib/auth/tokens";
import { completeSecondFactor, verifyPasswordStep } from "@/lib/auth/sign-in";
import { base32Decode, totpCode } from "@/lib/auth/totp";
import { sealTotpSecret } from "@/lib/auth/totp-secret";
import type { Viewer } from "@/lib/auth/viewer";
import { Forbidden, Invalid } from "@/lib/errors";
import { createLogger, replaceLogger } from "@/lib/log";
import type { MailMessage } from "@/lib/mail/transport";
import { exportSharedDisclosures, getSharedDisclosure, listSharedDisclosures, parseSharedQuery } from "@/lib/shared-disclosures/service";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { listOrganisationAccess, parseAccessCursor } from "./organisation-access";
import { verifyAuditChainScheduled } from "@/lib/audit/scheduled";
import { AUDIT_PAGE_SIZE, auditChainStatus, listAuditEvents, parseAuditQuery, verifyAuditChainNow } from "./service";

// The auditor's log and chain status, the partner lead's view of who read their organisation's
// records, the scheduled verification, and what the log never holds
// (docs/security.md#audit-log).

let test: TestDatabase;
let analyst: Viewer;
let auditor: Viewer;
let idvaLead: Viewer;
let isvaLead: Viewer;
let otherLead: Viewer;

beforeAll(async () => {
  test = await openDemoDatabase(undefined, { disclosuresPerPartner: 6 });
  analyst = await viewerFor(test.db, "analyst@police.example");
  auditor = await viewerFor(test.db, "auditor@national.example");
  idvaLead = await viewerFor(test.db, "manager@idva.example");
  isvaLead = await viewerFor(test.db, "manager@isva.example");
  otherLead = await viewerFor(test.db, "manager@otherpolice.example");
});
afterAll(async () => {
  await test?.close();
});

async function eventsOf(action: string) {
  return test.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, action)).orderBy(sql`seq desc`);
}

/** The chain's anchors, the furthest first, read as the owner. */
async function anchors() {
  return test.db.select().from(t.auditChainAnchors).orderBy(sql`position desc, id desc`);
}

describe("record-level reads of partner data", () => {
  it("audits a list page (web or API) with the ids it shows, and each provider's count and agreements", async () => {
    const page = await listSharedDisclosures(analyst, parseSharedQuery({}));
    expect(page.items.length).toBeGreaterThan(0);
    const [event] = await eventsOf("shared_disclosures.listed");
    expect(event).toMatchObject({ actorUserId: analyst.userId, actorOrgId: analyst.organisation.id, outcome: "success" });
    expect(event?.details.ids).toEqual(page.items.map((item) => item.id));
    const providers = event?.details.providers as Record<string, { count: number; agreements: string[] }>;
    const idvaCount = page.items.filter((item) => item.provider.id === idvaLead.organisation.id).length;
    expect(idvaCount).toBeGreaterThan(0);
    expect(providers[idvaLead.organisation.id]?.count).toBe(idvaCount);
    expect(Object.values(providers).reduce((sum, share) => sum + share.count, 0)).toBe(page.items.length);
  });

  it("shows a partner lead each read of their organisation's records, counting only theirs, with the agreement", async () => {
    const page = await listSharedDisclosures(analyst, parseSharedQuery({}));
    const idvaItem = page.items.find((item) => item.provider.id === idvaLead.organisation.id);
    if (!idvaItem) throw new Error("the analyst sees no IDVA record");
    await getSharedDisclosure(analyst, idvaItem.id);
    await exportSharedDisclosures(analyst, parseSharedQuery({}));
    const access = await listOrganisationAccess(idvaLead);
    expect(access.items.slice(0, 3).map((item) => item.action)).toEqual(["shared_disclosures.exported", "shared_disclosure.viewed", "shared_disclosures.listed"]);
    const [exported, viewed, listed] = access.items;
    expect(viewed).toMatchObject({ records: 1, actor: { id: analyst.userId, name: analyst.displayName }, organisation: { id: analyst.organisation.id, name: analyst.organisation.name } });
    expect(listed?.records).toBe(page.items.filter((item) => item.provider.id === idvaLead.organisation.id).length);
    expect(exported?.records).toBeGreaterThanOrEqual(listed?.records ?? 0);
    expect(viewed?.agreements.map((agreement) => agreement.reference)).toEqual(["DSA-WY-2025-001"]);
    // Nothing of other providers' shares, nor the ids, leaves the function.
    expect(Object.keys(viewed ?? {}).sort()).toEqual(["action", "actor", "agreements", "occurredAt", "organisation", "records", "seq"]);
  });

  it("shows each partner lead only their own organisation's reads", async () => {
    const isva = await listOrganisationAccess(isvaLead);
    const [listedEvent] = await eventsOf("shared_disclosures.listed");
    const providers = listedEvent?.details.providers as Record<string, { count: number }>;
    for (const item of isva.items) expect(item.records).toBeGreaterThan(0);
    expect(isva.items.find((item) => item.seq === listedEvent?.seq)?.records).toBe(providers[isvaLead.organisation.id]?.count);
    expect((await listOrganisationAccess(otherLead)).items).toEqual([]);
  });

  it("refuses the access log to anyone but a partner lead, in the service and in the database", async () => {
    await expect(listOrganisationAccess(analyst)).rejects.toBeInstanceOf(Forbidden);
    const app = await test.connectAsApp();
    await expect(
      withContext(app.db, { userId: analyst.userId, orgId: idvaLead.organisation.id, role: "analyst" }, (tx) => tx.execute(sql`select * from app_organisation_access_log(null, 10)`)),
    ).rejects.toMatchObject(refusedWith("42501", /^Only a partner lead sees who accessed their organisation's data$/));
  });

  it("refuses a malformed page of the access log with a message", () => {
    for (const bad of ["abc", "0", "-1", "1.5", "99999999999999999999"]) expect(() => parseAccessCursor(bad)).toThrow(Invalid);
    expect(parseAccessCursor("42")).toBe(42);
  });
});

describe("the auditor's log", () => {
  it("filters by action, organisation, actor, outcome and day", async () => {
    const byAction = await listAuditEvents(auditor, parseAuditQuery({ action: "shared_disclosures.listed" }));
    expect(byAction.items.length).toBeGreaterThan(0);
    expect(byAction.items.every((item) => item.action === "shared_disclosures.listed")).toBe(true);
    const byOrganisation = await listAuditEvents(auditor, parseAuditQuery({ organisation: analyst.organisation.id }));
    expect(byOrganisation.items.length).toBeGreaterThan(0);
    expect(byOrganisation.items.every((item) => item.organisation?.id === analyst.organisation.id)).toBe(true);
    const byActor = await listAuditEvents(auditor, parseAuditQuery({ actor: analyst.email.toUpperCase() }));
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((item) => item.actor?.email === analyst.email)).toBe(true);
    expect((await listAuditEvents(auditor, parseAuditQuery({ actor: "nobody@nowhere.example" }))).items).toEqual([]);
    expect((await listAuditEvents(auditor, parseAuditQuery({ outcome: "success", to: "2000-01-01" }))).items).toEqual([]);
  });

  it("pages newest first by event number, forwards and back", async () => {
    await test.db.insert(t.auditEvents).values(Array.from({ length: AUDIT_PAGE_SIZE + 10 }, () => ({ action: "sign_in.failed", outcome: "failure" as const })));
    const first = await listAuditEvents(auditor, parseAuditQuery({}));
    expect(first.items.length).toBe(AUDIT_PAGE_SIZE);
    expect(first.newer).toBeNull();
    expect(first.older).not.toBeNull();
    const second = await listAuditEvents(auditor, parseAuditQuery({ before: String(first.older) }));
    expect(second.items[0]?.seq).toBeLessThan(first.items.at(-1)?.seq ?? 0);
    const back = await listAuditEvents(auditor, parseAuditQuery({ after: String(second.newer) }));
    expect(back.items.map((item) => item.seq)).toEqual(first.items.map((item) => item.seq));
  });

  it("refuses malformed filters and paging by name, before any query", () => {
    const refused = (params: Record<string, string>) => {
      try {
        parseAuditQuery(params);
      } catch (error) {
        if (error instanceof Invalid) return error.fieldErrors;
        throw error;
      }
      throw new Error("accepted");
    };
    expect(refused({ before: "abc" })).toEqual({ cursor: "That page of the audit log does not exist: start again from the first page" });
    expect(refused({ before: "99999999999999999999" })).toHaveProperty("cursor");
    expect(refused({ before: "0" })).toHaveProperty("cursor");
    expect(refused({ before: "5", after: "3" })).toEqual({ cursor: "Ask for the events before or after one event, not both" });
    expect(refused({ from: "2026-02-30" })).toEqual({ from: "From date must be a real date, like 2026-03-31" });
    expect(refused({ from: "2026-03-02", to: "2026-03-01" })).toEqual({ to: "To date must be the same as or after the From date" });
    expect(refused({ organisation: "x" })).toEqual({ organisation: "Select an organisation from the list" });
    expect(refused({ action: "user.deleted" })).toEqual({ action: "Select an action from the list" });
    expect(refused({ outcome: "maybe" })).toEqual({ outcome: "Select an outcome from the list" });
  });

  it("is refused to everyone but auditors", async () => {
    await expect(listAuditEvents(idvaLead, parseAuditQuery({}))).rejects.toBeInstanceOf(Forbidden);
    await expect(verifyAuditChainNow(analyst)).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("verification", () => {
  it("records an auditor's verification in the log and shows the chain intact", async () => {
    const verdict = await verifyAuditChainNow(auditor);
    expect(verdict).toMatchObject({ intact: true, broken: null });
    const [event] = await eventsOf("audit.verified");
    expect(event).toMatchObject({ actorUserId: auditor.userId, outcome: "success", details: { checked: verdict.checked, head: verdict.head } });
    expect(await auditChainStatus(auditor)).toMatchObject({ lastVerification: { intact: true, checked: verdict.checked, byScheduler: false } });
  });

  it("anchors the head an auditor's verification found intact, as the daily one does, in the anchors, the portal's log and the verdict's event", async () => {
    const logged: string[] = [];
    replaceLogger(createLogger({ level: "info", destination: { write: (line: string) => void logged.push(line) } }));
    try {
      const verdict = await verifyAuditChainNow(auditor);
      expect(verdict.intact).toBe(true);
      const [anchor] = await anchors();
      expect(anchor).toMatchObject({ position: verdict.head.position, hash: verdict.head.hash });
      const anchored = { position: anchor!.position, hash: anchor!.hash, anchoredAt: anchor!.anchoredAt.toISOString() };
      const [event] = await eventsOf("audit.verified");
      expect(event).toMatchObject({ actorUserId: auditor.userId, details: { head: verdict.head, anchor: anchored } });
      const lines = logged.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ msg: "Audit chain anchored", userId: auditor.userId, anchor: anchored }));
    } finally {
      replaceLogger(createLogger({ level: "silent" }));
    }
  });

  it("names a row the owner edited, records audit.chain_broken and e-mails every auditor", async () => {
    const [target] = await eventsOf("shared_disclosure.viewed");
    if (!target) throw new Error("no event to tamper with");
    const [link] = await test.db.select().from(t.auditChain).where(eq(t.auditChain.eventSeq, target.seq));
    await test.db.transaction(async (tx) => {
      await tx.execute(sql`set local vawg.audit_maintenance = 'on'`);
      await tx.execute(sql`update audit_events set actor_user_id = ${idvaLead.userId} where seq = ${target.seq}`);
    });
    const sent: MailMessage[] = [];
    const { verdict, alerted } = await verifyAuditChainScheduled(test.db, { mailer: { send: async (message) => void sent.push(message), close: () => {} }, portalUrl: "https://portal.example" });
    expect(verdict.broken).toMatchObject({ kind: "changed", position: link?.position, eventSeq: target.seq, expected: link?.hash });
    expect(alerted).toBe(1);
    expect(sent).toEqual([expect.objectContaining({ to: "auditor@national.example", subject: "Audit log: the hash chain is broken" })]);
    expect(sent[0]?.text).toContain(`Audit event ${target.seq} (link ${link?.position}) has changed since it was sealed`);
    expect(sent[0]?.text).toContain("https://portal.example/audit");
    const [event] = await eventsOf("audit.chain_broken");
    expect(event).toMatchObject({ actorUserId: null, outcome: "failure", details: { broken: { position: link?.position, eventSeq: target.seq } } });
    expect(await auditChainStatus(auditor)).toMatchObject({ lastVerification: { intact: false, byScheduler: true, broken: { position: link?.position } } });
  });

  it("anchors nothing when an auditor's verification finds the chain broken, and records the break as theirs", async () => {
    const [target] = await eventsOf("shared_disclosures.listed");
    if (!target) throw new Error("no event to tamper with");
    await test.db.transaction(async (tx) => {
      await tx.execute(sql`set local vawg.audit_maintenance = 'on'`);
      await tx.execute(sql`update audit_events set outcome = 'denied' where seq = ${target.seq}`);
    });
    const before = await anchors();
    const verdict = await verifyAuditChainNow(auditor);
    expect(verdict.intact).toBe(false);
    expect(await anchors()).toEqual(before);
    const [event] = await eventsOf("audit.chain_broken");
    expect(event).toMatchObject({ actorUserId: auditor.userId, outcome: "failure", details: { head: verdict.head, broken: { position: verdict.broken?.position } } });
    expect(event?.details).not.toHaveProperty("anchor");
  });
});

describe("what the audit log never holds", () => {
  it("keeps no password, code, challenge, session or API token in any event of the key flows", async () => {
    const PASSWORD = "a long and unremarkable passphrase";
    const SECRET = "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD";
    const [org] = await test.db.select().from(t.organisations).where(eq(t.organisations.id, idvaLead.organisation.id));
    const [person] = await test.db
      .insert(t.users)
      .values({ email: "secrets@idva.example", displayName: "Secrets Test", passwordHash: await hashPassword(PASSWORD), totpSecret: sealTotpSecret(SECRET), mfaEnrolledAt: new Date() })
      .returning();
    await test.db.insert(t.memberships).values({ userId: person!.id, orgId: org!.id, role: "submitter" });
    const client = { ipAddress: "192.0.2.44", userAgent: "test" };
    const policy = { idleMinutes: 30, absoluteHours: 12 };
    const now = new Date();
    const code = totpCode(base32Decode(SECRET), now);
    const wrongCode = code === "000000" ? "111111" : "000000";
    await expect(verifyPasswordStep(test.db, { email: person!.email, password: `${PASSWORD} wrong` }, client, now)).rejects.toBeInstanceOf(Invalid);
    const step = await verifyPasswordStep(test.db, { email: person!.email, password: PASSWORD }, client, now);
    await expect(completeSecondFactor(test.db, { challengeToken: step.challengeToken, code: wrongCode }, client, policy, now)).rejects.toBeInstanceOf(Invalid);
    const signedIn = await completeSecondFactor(test.db, { challengeToken: step.challengeToken, code }, client, policy, now);
    const lead = await viewerFor(test.db, "manager@idva.example");
    const { token } = await createApiToken(lead, { name: "Secrets test", scopes: ["submit"], expiresInDays: 30 });

    const rows = await test.db.select().from(t.auditEvents);
    const actions = new Set(rows.map((row) => row.action));
    for (const action of ["sign_in.failed", "sign_in.password_verified", "session.signed_in", "api_token.created"]) expect(actions).toContain(action);
    const text = JSON.stringify(rows);
    const secrets = {
      password: PASSWORD,
      "TOTP secret": SECRET,
      "right code": `"${code}"`,
      "wrong code": `"${wrongCode}"`,
      "challenge token": step.challengeToken,
      "challenge token hash": hashToken(step.challengeToken),
      "session token": signedIn.sessionToken,
      "session id": hashToken(signedIn.sessionToken),
      "other session id": lead.sessionId,
      "API token": token,
      "API token hash": hashToken(token),
    };
    const leaked = Object.entries(secrets).filter(([, secret]) => text.includes(secret));
    expect(leaked.map(([name]) => name)).toEqual([]);
    const keys = rows.flatMap((row) => Object.keys(row.details));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => /password|secret|^code$|token$|session_?id|context/i.test(key))).toEqual([]);
  });
});
