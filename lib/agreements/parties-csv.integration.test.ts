import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import { Conflict, Forbidden } from "@/lib/errors";
import { createDraft, getAgreement, importDraftParties, sendForSignature } from "./service";
import { openAgreementsCast, testDraft, type AgreementsCast } from "@/lib/testing/agreements";

let cast: AgreementsCast;

beforeAll(async () => {
  cast = await openAgreementsCast();
});
afterAll(async () => {
  await cast?.test.close();
});

/** A draft in which the charity provides to Greater Manchester Police. */
function newDraft(): Promise<string> {
  return createDraft(
    cast.admin,
    testDraft(cast, { title: "Parties from a file", purpose: "To test filling in the parties from a CSV file.", threatAreas: { domestic_abuse: "aggregate" }, fields: [] }),
  );
}

const partiesOf = async (id: string) =>
  (await getAgreement(cast.admin, id)).versions[0]!.parties.map(({ orgName, role, contactName, contactEmail }) => ({ orgName, role, contactName, contactEmail }));

async function auditOf(agreementId: string) {
  return cast.test.db
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
      `  ${cast.isvaLead.organisation.name.toUpperCase()} ,both,Ivy Lead,ivy@isva.example`,
      `"${cast.gmLead.organisation.name}",recipient,Gil Lead,gil@otherpolice.example`,
      "",
    ].join("\r\n");
    expect(await importDraftParties(cast.admin, id, csv)).toBe(2);
    expect(await partiesOf(id)).toEqual(
      expect.arrayContaining([
        { orgName: cast.isvaLead.organisation.name, role: "both", contactName: "Ivy Lead", contactEmail: "ivy@isva.example" },
        { orgName: cast.gmLead.organisation.name, role: "recipient", contactName: "Gil Lead", contactEmail: "gil@otherpolice.example" },
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
      `${cast.gmLead.organisation.name},reader,Gil Lead,gil@otherpolice.example`,
    ].join("\n");
    const refusal = importDraftParties(cast.admin, id, csv);
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
    const csv = `organisation,role,contact_name,contact_email\n${cast.charityLead.organisation.name},provider,Cara Lead,cara@charity.example\n`;
    await expect(importDraftParties(cast.admin, id, csv)).rejects.toMatchObject({ fieldErrors: { parties: "Choose at least two organisations as parties" } });
    const providers = `organisation,role,contact_name,contact_email\n${cast.charityLead.organisation.name},provider,Cara,cara@charity.example\n${cast.gmLead.organisation.name},provider,Gil,gil@otherpolice.example\n`;
    await expect(importDraftParties(cast.admin, id, providers)).rejects.toMatchObject({ fieldErrors: { parties: "Choose at least one organisation that receives data" } });
    expect(await partiesOf(id)).toHaveLength(2);
  });

  it("refuses once the version is sent for signature, leaving its terms as signed", async () => {
    const id = await newDraft();
    await sendForSignature(cast.admin, id);
    const before = await partiesOf(id);
    const csv = `organisation,role,contact_name,contact_email\n${cast.isvaLead.organisation.name},both,Ivy,ivy@isva.example\n${cast.gmLead.organisation.name},recipient,Gil,gil@otherpolice.example\n`;
    await expect(importDraftParties(cast.admin, id, csv)).rejects.toThrow(new Conflict("Only a draft version can be changed. This version is awaiting signatures."));
    expect(await partiesOf(id)).toEqual(before);
  });

  it("refuses anyone but an admin, before reading the file", async () => {
    const id = await newDraft();
    const csv = `organisation,role,contact_name,contact_email\n${cast.isvaLead.organisation.name},both,Ivy,ivy@isva.example\n${cast.gmLead.organisation.name},recipient,Gil,gil@otherpolice.example\n`;
    await expect(importDraftParties(cast.charityLead, id, csv)).rejects.toBeInstanceOf(Forbidden);
    await expect(importDraftParties(cast.gmAnalyst, id, "not even a CSV")).rejects.toBeInstanceOf(Forbidden);
    expect(await partiesOf(id)).toHaveLength(2);
    expect((await partiesOf(id)).map((party) => party.orgName)).not.toContain(cast.isvaLead.organisation.name);
  });
});
