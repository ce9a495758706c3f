import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withContext } from "@/db/context";
import * as t from "@/db/schema";
import { refusedWith, type TestDatabase } from "@/db/testing";
import { contextOf } from "@/lib/access/guard";
import { listGrants } from "@/lib/access/visibility";
import type { Viewer } from "@/lib/auth/viewer";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { viewerFor } from "@/lib/testing/viewers";
import type { AgreementDraft } from "./schema";
import {
  amend,
  createDraft,
  deleteDraft,
  expireAgreements,
  getAgreement,
  listAgreements,
  reinstate,
  sendForSignature,
  sign,
  suspend,
  terminate,
  updateDraft,
  withdrawFromSignature,
} from "./service";
import { openAgreementsCast, testDraft, type AgreementsCast } from "@/lib/testing/agreements";

let cast: AgreementsCast;
let test: TestDatabase;
let admin: Viewer;
let charityLead: Viewer;
let gmLead: Viewer;
let gmAnalyst: Viewer;
let isvaLead: Viewer;

beforeAll(async () => {
  cast = await openAgreementsCast();
  ({ test, admin, charityLead, gmLead, gmAnalyst, isvaLead } = cast);
});
afterAll(async () => {
  await test?.close();
});

/** A new agreement: the charity provides to Greater Manchester Police (who share nothing else in force). */
const draft = (overrides: Partial<AgreementDraft> = {}): AgreementDraft => testDraft(cast, overrides);

const signAs = async (signer: Viewer, id: string, overrides: { termsSha256?: string } = {}) => {
  const terms = (await getAgreement(signer, id)).versions[0]!;
  return sign(signer, id, { signerName: signer.displayName, signerTitle: "Partner lead", termsSha256: overrides.termsSha256 ?? terms.sha256 });
};

/** Drafted, sent and signed by both parties: active. */
async function activeAgreement(overrides: Partial<AgreementDraft> = {}): Promise<string> {
  const id = await createDraft(admin, draft(overrides));
  await sendForSignature(admin, id);
  await signAs(charityLead, id);
  expect(await signAs(gmLead, id)).toBe("active");
  return id;
}

/** The recipient's grants in force at `now` under the one agreement (tests leave others behind). */
const grantsOf = async (viewer: Viewer, agreementId: string, now = new Date()) =>
  (await withContext(test.db, contextOf(viewer), (tx) => listGrants(tx, viewer, now))).filter((grant) => grant.agreementId === agreementId);

async function auditActions(agreementId: string): Promise<string[]> {
  const rows = await test.db
    .select({ action: t.auditEvents.action })
    .from(t.auditEvents)
    .where(and(eq(t.auditEvents.subjectType, "agreement"), eq(t.auditEvents.subjectId, agreementId)))
    .orderBy(t.auditEvents.seq);
  return rows.map((row) => row.action);
}

describe("drafting", () => {
  it("lets an admin create a draft that partners cannot see yet, and audits it", async () => {
    const id = await createDraft(admin, draft());
    const detail = await getAgreement(admin, id);
    expect(detail).toMatchObject({ status: "draft", state: "Draft", currentVersionId: null });
    expect(detail.versions).toHaveLength(1);
    expect(detail.versions[0]).toMatchObject({ version: 1, status: "draft", threatAreas: expect.arrayContaining([{ threatArea: "domestic_abuse", granularity: "record" }]) });
    expect(detail.actions).toEqual(["edit", "delete", "send_for_signature"]);
    await expect(getAgreement(gmLead, id)).rejects.toBeInstanceOf(NotFound);
    expect((await listAgreements(gmLead)).map((agreement) => agreement.id)).not.toContain(id);
    expect(await auditActions(id)).toEqual(["agreement.drafted"]);
  });

  it("refuses drafting to anyone but an admin", async () => {
    await expect(createDraft(charityLead, draft())).rejects.toBeInstanceOf(Forbidden);
    await expect(createDraft(gmAnalyst, draft())).rejects.toBeInstanceOf(Forbidden);
  });

  it("refuses a reference already used, against the reference field", async () => {
    await expect(createDraft(admin, draft({ reference: "DSA-WY-2025-001" }))).rejects.toMatchObject({
      fieldErrors: { reference: "An agreement with this reference already exists" },
    });
  });

  it("changes a draft's terms, and refuses once it is sent", async () => {
    const id = await createDraft(admin, draft());
    await updateDraft(admin, id, draft({ reference: "DSA-TEST-RENAMED", title: "Renamed", retentionMonths: 24, threatAreas: { stalking_harassment: "aggregate" }, fields: [] }));
    const detail = await getAgreement(admin, id);
    expect(detail).toMatchObject({ reference: "DSA-TEST-RENAMED", title: "Renamed" });
    expect(detail.versions[0]).toMatchObject({ retentionMonths: 24, threatAreas: [{ threatArea: "stalking_harassment", granularity: "aggregate" }], fields: [] });
    await sendForSignature(admin, id);
    await expect(updateDraft(admin, id, draft({ reference: "DSA-TEST-RENAMED" }))).rejects.toThrow(new Conflict("Only a draft version can be changed. This version is awaiting signatures."));
    expect(await auditActions(id)).toEqual(["agreement.drafted", "agreement.draft_updated", "agreement.sent_for_signature"]);
  });

  it("deletes a draft that was never signed, but not one sent for signature", async () => {
    const id = await createDraft(admin, draft());
    expect(await deleteDraft(admin, id)).toEqual({ agreementDeleted: true });
    await expect(getAgreement(admin, id)).rejects.toBeInstanceOf(NotFound);
    const sent = await createDraft(admin, draft());
    await sendForSignature(admin, sent);
    await expect(deleteDraft(admin, sent)).rejects.toThrow("Only a draft version can be deleted. This version is awaiting signatures.");
  });

  it("keeps the database's own guard: sent terms cannot be rewritten even by an admin's transaction", async () => {
    const id = await createDraft(admin, draft());
    await sendForSignature(admin, id);
    const versionId = (await getAgreement(admin, id)).versions[0]!.id;
    await expect(
      withContext(test.db, contextOf(admin), (tx) => tx.update(t.agreementVersions).set({ retentionMonths: 99 }).where(eq(t.agreementVersions.id, versionId))),
    ).rejects.toMatchObject(refusedWith("55000", /cannot change/));
  });
});

describe("signing", () => {
  it("shows a party's partner lead what waits for their signature", async () => {
    const id = await createDraft(admin, draft());
    await sendForSignature(admin, id);
    const listed = (await listAgreements(gmLead)).find((agreement) => agreement.id === id);
    expect(listed).toMatchObject({ status: "awaiting_signatures", state: "Awaiting signatures", awaitingYourSignature: true });
    expect((await getAgreement(gmLead, id)).actions).toEqual(["sign"]);
    expect((await listAgreements(admin)).find((agreement) => agreement.id === id)?.awaitingYourSignature).toBe(false);
  });

  it("activates the agreement when the last party signs, and grants the recipient access at once", async () => {
    const id = await createDraft(admin, draft());
    await sendForSignature(admin, id);
    expect(await signAs(charityLead, id)).toBe("awaiting_signatures");
    expect(await grantsOf(gmAnalyst, id)).toEqual([]);
    expect(await signAs(gmLead, id)).toBe("active");
    const detail = await getAgreement(admin, id);
    expect(detail).toMatchObject({ status: "active", state: "Active", currentVersionId: detail.versions[0]!.id });
    expect(detail.versions[0]!.status).toBe("signed");
    // Parties come by name: Demo Police Greater Manchester, then Demo Women's Aid Calderdale.
    expect(detail.versions[0]!.parties.map((party) => party.signature)).toEqual([
      expect.objectContaining({ signerName: gmLead.displayName, termsSha256: detail.versions[0]!.sha256 }),
      expect.objectContaining({ signerName: charityLead.displayName, signerTitle: "Partner lead", termsSha256: detail.versions[0]!.sha256 }),
    ]);
    expect((await grantsOf(gmAnalyst, id)).map((grant) => grant.threatArea).sort()).toEqual(["domestic_abuse", "rasso"]);
    expect(await auditActions(id)).toEqual(["agreement.drafted", "agreement.sent_for_signature", "agreement.signed", "agreement.signed", "agreement.version_in_force"]);
    await terminate(admin, id, "End of the test");
  });

  it("refuses a signature from another organisation's partner lead, an analyst, or an admin", async () => {
    const id = await createDraft(admin, draft());
    await sendForSignature(admin, id);
    const sha256 = (await getAgreement(charityLead, id)).versions[0]!.sha256;
    await expect(sign(isvaLead, id, { signerName: "I", signerTitle: "Lead", termsSha256: sha256 })).rejects.toBeInstanceOf(NotFound);
    await expect(sign(gmAnalyst, id, { signerName: "A", signerTitle: "Analyst", termsSha256: sha256 })).rejects.toBeInstanceOf(Forbidden);
    await expect(sign(admin, id, { signerName: "A", signerTitle: "Admin", termsSha256: sha256 })).rejects.toBeInstanceOf(Forbidden);
  });

  it("refuses a second signature from the same party", async () => {
    const id = await createDraft(admin, draft());
    await sendForSignature(admin, id);
    await signAs(charityLead, id);
    await expect(signAs(charityLead, id)).rejects.toThrow(new Conflict("Demo Women's Aid Calderdale has already signed version 1 of this agreement."));
  });

  it("refuses a signature against terms that changed since they were opened", async () => {
    const id = await createDraft(admin, draft());
    await sendForSignature(admin, id);
    const opened = (await getAgreement(charityLead, id)).versions[0]!.sha256;
    await withdrawFromSignature(admin, id);
    await updateDraft(admin, id, draft({ reference: (await getAgreement(admin, id)).reference, retentionMonths: 6 }));
    await sendForSignature(admin, id);
    await expect(signAs(charityLead, id, { termsSha256: opened })).rejects.toThrow(
      new Conflict("The terms have changed since you opened them. Read them again, then sign if you agree."),
    );
    expect(await signAs(charityLead, id)).toBe("awaiting_signatures");
  });

  it("refuses signing a draft that was never sent", async () => {
    const id = await createDraft(admin, draft());
    await expect(signAs(charityLead, id, { termsSha256: "0".repeat(64) })).rejects.toBeInstanceOf(NotFound);
  });
});

describe("withdrawing from signature", () => {
  it("withdraws the version, keeps its signatures, and leaves a draft copy to change", async () => {
    const id = await createDraft(admin, draft());
    await sendForSignature(admin, id);
    await signAs(charityLead, id);
    await withdrawFromSignature(admin, id);
    const detail = await getAgreement(admin, id);
    expect(detail.status).toBe("draft");
    expect(detail.versions.map((version) => [version.version, version.status])).toEqual([
      [2, "draft"],
      [1, "withdrawn"],
    ]);
    expect(detail.versions[1]!.parties.find((party) => party.orgId === charityLead.organisation.id)!.signature).toMatchObject({ signerName: charityLead.displayName });
    expect(detail.versions[0]!.retentionMonths).toBe(detail.versions[1]!.retentionMonths);
    await expect(withdrawFromSignature(admin, id)).rejects.toThrow("Only a version awaiting signatures can be withdrawn from signature. This version is a draft.");
    await expect(deleteDraft(admin, id)).rejects.toThrow(/Signatures on an earlier version are on record/);
    expect(await auditActions(id)).toContain("agreement.withdrawn_from_signature");
  });
});

describe("suspension, reinstatement and termination", () => {
  it("cuts the recipient's access at once on suspension and restores it on reinstatement", async () => {
    const id = await activeAgreement();
    expect((await grantsOf(gmAnalyst, id)).length > 0).toBe(true);
    await expect(suspend(admin, id, " ")).rejects.toMatchObject({ fieldErrors: { reason: "Enter the reason" } });
    await suspend(admin, id, "Breach under investigation");
    expect(await grantsOf(gmAnalyst, id)).toEqual([]);
    expect(await getAgreement(gmLead, id)).toMatchObject({ status: "suspended", state: "Suspended", statusReason: "Breach under investigation" });
    await expect(suspend(admin, id, "Again")).rejects.toThrow("Only an active agreement can be suspended. This one is suspended.");
    await reinstate(admin, id);
    expect((await grantsOf(gmAnalyst, id)).length > 0).toBe(true);
    await expect(reinstate(admin, id)).rejects.toThrow("Only a suspended agreement can be reinstated. This one is active.");
    await terminate(admin, id, "Partnership ended");
    expect(await grantsOf(gmAnalyst, id)).toEqual([]);
    expect(await getAgreement(admin, id)).toMatchObject({ status: "terminated", statusReason: "Partnership ended", state: expect.stringMatching(/^Terminated on \d+ \w+ \d{4}$/) });
    await expect(reinstate(admin, id)).rejects.toBeInstanceOf(Conflict);
    await expect(amend(admin, id)).rejects.toThrow("Only an active or suspended agreement can be amended. This one is terminated.");
    expect(await auditActions(id)).toEqual(expect.arrayContaining(["agreement.suspended", "agreement.reinstated", "agreement.terminated"]));
  });

  it("refuses the lifecycle to anyone but an admin", async () => {
    const id = await activeAgreement();
    await expect(suspend(gmLead, id, "No")).rejects.toBeInstanceOf(Forbidden);
    await expect(terminate(charityLead, id, "No")).rejects.toBeInstanceOf(Forbidden);
    await expect(amend(gmAnalyst, id)).rejects.toBeInstanceOf(Forbidden);
    await terminate(admin, id, "End of the test");
  });
});

describe("amendments", () => {
  it("keeps the signed version in force while the amendment awaits signatures, then switches", async () => {
    const id = await activeAgreement();
    const first = (await getAgreement(admin, id)).versions[0]!;
    await amend(admin, id);
    await expect(amend(admin, id)).rejects.toThrow("An amendment is already a draft: finish or withdraw it first.");
    await updateDraft(admin, id, draft({ reference: (await getAgreement(admin, id)).reference, threatAreas: { domestic_abuse: "record", stalking_harassment: "record" } }));
    await sendForSignature(admin, id);
    expect(await getAgreement(admin, id)).toMatchObject({ status: "active", state: "Active (version 2 awaiting signatures)" });
    await signAs(gmLead, id);
    expect(new Set((await grantsOf(gmAnalyst, id)).map((grant) => grant.versionId))).toEqual(new Set([first.id]));
    expect(await signAs(charityLead, id)).toBe("active");
    const detail = await getAgreement(admin, id);
    expect(detail.versions.map((version) => [version.version, version.status])).toEqual([
      [2, "signed"],
      [1, "superseded"],
    ]);
    expect(detail.currentVersionId).toBe(detail.versions[0]!.id);
    expect((await grantsOf(gmAnalyst, id)).map((grant) => grant.threatArea).sort()).toEqual(["domestic_abuse", "stalking_harassment"]);
    expect(await auditActions(id)).toContain("agreement.amended");
    await terminate(admin, id, "End of the test");
  });

  it("keeps a suspended agreement suspended when its amendment is signed", async () => {
    const id = await activeAgreement();
    await suspend(admin, id, "Review");
    await amend(admin, id);
    await sendForSignature(admin, id);
    await signAs(charityLead, id);
    expect(await signAs(gmLead, id)).toBe("suspended");
    expect(await grantsOf(gmAnalyst, id)).toEqual([]);
    await terminate(admin, id, "End of the test");
  });

  it("discards a draft amendment without touching the version in force", async () => {
    const id = await activeAgreement();
    await amend(admin, id);
    expect(await deleteDraft(admin, id)).toEqual({ agreementDeleted: false });
    expect((await getAgreement(admin, id)).versions.map((version) => version.status)).toEqual(["signed"]);
    await terminate(admin, id, "End of the test");
  });
});

describe("dates, in Europe/London", () => {
  // British Summer Time begins at 01:00 UTC on 28 March 2027 and ends at 01:00 UTC on 31 October 2027.
  it("starts access at midnight UK time on the start day and ends it at midnight before the end day, across clock changes", async () => {
    const id = await activeAgreement({ startDate: "2027-03-28", endDate: "2027-10-31", reviewDate: "2027-06-01" });
    const has = async (now: string) => (await grantsOf(gmAnalyst, id, new Date(now))).length > 0;
    expect(await has("2027-03-27T23:59:59Z")).toBe(false);
    expect(await has("2027-03-28T00:00:00Z")).toBe(true);
    expect(await has("2027-10-30T22:59:59Z")).toBe(true);
    expect(await has("2027-10-30T23:00:00Z")).toBe(false);
    expect((await getAgreement(admin, id, { now: new Date("2027-03-27T23:59:59Z") })).state).toBe("Signed — in force from 28 March 2027");
    expect((await getAgreement(admin, id, { now: new Date("2027-10-30T22:59:59Z") })).state).toBe("Active");
    expect((await getAgreement(admin, id, { now: new Date("2027-10-30T23:00:00Z") })).state).toBe("Ended on 31 October 2027 (awaiting expiry)");
    await terminate(admin, id, "End of the test");
  });

  it("records the expiry of an agreement whose end date has passed", async () => {
    const id = await activeAgreement({ startDate: "2024-01-01", endDate: "2025-01-01", reviewDate: "2024-06-01" });
    expect((await getAgreement(admin, id)).state).toBe("Ended on 1 January 2025 (awaiting expiry)");
    const reference = (await getAgreement(admin, id)).reference;
    await expect(expireAgreements(gmLead)).rejects.toBeInstanceOf(Forbidden);
    expect(await expireAgreements(admin)).toEqual([reference]);
    expect(await getAgreement(admin, id)).toMatchObject({ status: "expired", state: "Expired on 1 January 2025" });
    expect(await auditActions(id)).toContain("agreement.expired");
    await expect(terminate(admin, id, "Too late")).rejects.toBeInstanceOf(Conflict);
  });
});

describe("the demo agreements", () => {
  it("were made through the service: the draft pilot awaits Demo Police West Yorkshire's signature", async () => {
    const wyLead = await viewerFor(test.db, "manager@police.example");
    const listed = await listAgreements(wyLead);
    expect(listed.find((agreement) => agreement.reference === "DSA-WY-2026-002")).toMatchObject({ awaitingYourSignature: true, state: "Awaiting signatures" });
    expect(listed.find((agreement) => agreement.reference === "DSA-WY-2025-001")).toMatchObject({ awaitingYourSignature: false, state: "Active" });
    const [signature] = await test.db
      .select()
      .from(t.agreementSignatures)
      .innerJoin(t.agreementVersions, eq(t.agreementVersions.id, t.agreementSignatures.versionId))
      .innerJoin(t.agreements, eq(t.agreements.id, t.agreementVersions.agreementId))
      .where(eq(t.agreements.reference, "DSA-WY-2025-001"))
      .orderBy(desc(t.agreementSignatures.signedAt))
      .limit(1);
    const detail = await getAgreement(admin, signature!.agreements.id);
    expect(signature!.agreement_signatures.termsSha256).toBe(detail.versions[0]!.sha256);
  });

  it("hides other organisations' agreements from a partner lead", async () => {
    expect((await listAgreements(isvaLead)).map((agreement) => agreement.reference)).toEqual(["DSA-WY-2025-001"]);
    const gm = (await listAgreements(admin)).find((agreement) => agreement.reference === "DSA-GM-2023-004")!;
    await expect(getAgreement(isvaLead, gm.id)).rejects.toBeInstanceOf(NotFound);
    await expect(getAgreement(isvaLead, "not-a-uuid")).rejects.toBeInstanceOf(NotFound);
  });
});
