import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import type { Viewer } from "@/lib/auth/viewer";
import { Conflict, Forbidden } from "@/lib/errors";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { agreementDraft } from "./schema";
import { createDraft, getAgreement, importDraftParties, sendForSignature } from "./service";

let test: TestDatabase;
let admin: Viewer;
let charityLead: Viewer;
let gmLead: Viewer;
let gmAnalyst: Viewer;
let isvaLead: Viewer;

beforeAll(async () => {
  test = await openDemoDatabase();
  admin = await viewerFor(test.db, "admin@national.example");
  charityLead = await viewerFor(test.db, "manager@charity.example");
  gmLead = await viewerFor(test.db, "manager@otherpolice.example");
  gmAnalyst = await viewerFor(test.db, "analyst@otherpolice.example");
  isvaLead = await viewerFor(test.db, "manager@isva.example");
});
afterAll(async () => {
  await test?.close();
});

let references = 0;
/** A draft in which the charity provides to Greater Manchester Police. */
function newDraft(): Promise<string> {
  return createDraft(
    admin,
    agreementDraft.parse({
      reference: `DSA-CSV-${++references}`,
      title: "Parties from a file",
      purpose: "To test filling in the parties from a CSV file.",
      parties: {
        [charityLead.organisation.id]: { role: "provider", contactName: "Cara Lead", contactEmail: "cara@charity.example" },
        [gmLead.organisation.id]: { role: "recipient", contactName: "Gil Lead", contactEmail: "gil@otherpolice.example" },
      },
      processingRegime: "uk_gdpr",
      article6Basis: "6(1)(e) public task",
      article9Condition: "9(2)(g) substantial public interest",
      dpaCondition: "DPA 2018 Schedule 1, paragraph 6 (statutory and government purposes)",
      threatAreas: { domestic_abuse: "aggregate" },
      geography: [{ forceAreaCode: "E23000010", ladCode: null }],
      retentionMonths: 12,
      startDate: "2026-01-01",
      endDate: "2030-01-01",
      reviewDate: "2027-01-01",
    }),
  );
}

const partiesOf = async (id: string) =>
  (await getAgreement(admin, id)).versions[0]!.parties.map(({ orgName, role, contactName, contactEmail }) => ({ orgName, role, contactName, contactEmail }));

async function auditOf(agreementId: string) {
  return test.db
    .select({ action: t.auditEvents.action, details: t.auditEvents.details })
    .from(t.auditEvents)
    .where(and(eq(t.auditEvents.subjectType, "agreement"), eq(t.auditEvents.subjectId, agreementId)))
    .orderBy(t.auditEvents.seq);
}

describe("filling in a draft's parties from a CSV file", () => {
  it("replaces the draft's parties with the file's, matching organisation names in any case, and audits it", async () => {
    const id = await newDraft();
    const csv = [
      "Organisation,Role,Contact_Name,Contact_Email",
      `  ${isvaLead.organisation.name.toUpperCase()} ,both,Ivy Lead,ivy@isva.example`,
      `"${gmLead.organisation.name}",recipient,Gil Lead,gil@otherpolice.example`,
      "",
    ].join("\r\n");
    expect(await importDraftParties(admin, id, csv)).toBe(2);
    expect(await partiesOf(id)).toEqual(
      expect.arrayContaining([
        { orgName: isvaLead.organisation.name, role: "both", contactName: "Ivy Lead", contactEmail: "ivy@isva.example" },
        { orgName: gmLead.organisation.name, role: "recipient", contactName: "Gil Lead", contactEmail: "gil@otherpolice.example" },
      ]),
    );
    expect(await partiesOf(id)).toHaveLength(2);
    const events = await auditOf(id);
    expect(events.map((event) => event.action)).toEqual(["agreement.drafted", "agreement.draft_updated"]);
    expect(events[1]!.details).toMatchObject({ version: 1, parties: 2, source: "csv" });
  });

  it("names the line and column of every problem, an unknown organisation and a wrong role alike, and changes nothing", async () => {
    const id = await newDraft();
    const before = await partiesOf(id);
    const csv = [
      "organisation,role,contact_name,contact_email",
      "Nowhere Trust,provider,Nia Nowhere,nia@nowhere.example",
      `${gmLead.organisation.name},reader,Gil Lead,gil@otherpolice.example`,
    ].join("\n");
    const refusal = importDraftParties(admin, id, csv);
    await expect(refusal).rejects.toMatchObject({
      message: "There is a problem with the CSV of parties.",
      fieldErrors: {
        parties:
          'Line 2, column organisation: no organisation is called "Nowhere Trust"; Line 3, column role: Choose whether the organisation provides data, receives it, or both',
      },
    });
    expect(await partiesOf(id)).toEqual(before);
    expect((await auditOf(id)).map((event) => event.action)).toEqual(["agreement.drafted"]);
  });

  it("holds the file's parties to the draft's own rules: two or more, one providing and one receiving", async () => {
    const id = await newDraft();
    const csv = `organisation,role,contact_name,contact_email\n${charityLead.organisation.name},provider,Cara Lead,cara@charity.example\n`;
    await expect(importDraftParties(admin, id, csv)).rejects.toMatchObject({ fieldErrors: { parties: "Choose at least two organisations as parties" } });
    const providers = `organisation,role,contact_name,contact_email\n${charityLead.organisation.name},provider,Cara,cara@charity.example\n${gmLead.organisation.name},provider,Gil,gil@otherpolice.example\n`;
    await expect(importDraftParties(admin, id, providers)).rejects.toMatchObject({ fieldErrors: { parties: "Choose at least one organisation that receives data" } });
    expect(await partiesOf(id)).toHaveLength(2);
  });

  it("refuses once the version is sent for signature, leaving its terms as signed", async () => {
    const id = await newDraft();
    await sendForSignature(admin, id);
    const before = await partiesOf(id);
    const csv = `organisation,role,contact_name,contact_email\n${isvaLead.organisation.name},both,Ivy,ivy@isva.example\n${gmLead.organisation.name},recipient,Gil,gil@otherpolice.example\n`;
    await expect(importDraftParties(admin, id, csv)).rejects.toThrow(new Conflict("Only a draft version can be changed. This version is awaiting signatures."));
    expect(await partiesOf(id)).toEqual(before);
  });

  it("refuses anyone but an admin, before reading the file", async () => {
    const id = await newDraft();
    const csv = `organisation,role,contact_name,contact_email\n${isvaLead.organisation.name},both,Ivy,ivy@isva.example\n${gmLead.organisation.name},recipient,Gil,gil@otherpolice.example\n`;
    await expect(importDraftParties(charityLead, id, csv)).rejects.toBeInstanceOf(Forbidden);
    await expect(importDraftParties(gmAnalyst, id, "not even a CSV")).rejects.toBeInstanceOf(Forbidden);
    expect(await partiesOf(id)).toHaveLength(2);
    expect((await partiesOf(id)).map((party) => party.orgName)).not.toContain(isvaLead.organisation.name);
  });
});
