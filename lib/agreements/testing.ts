import type { Viewer } from "@/lib/access/viewer";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { agreementDraft, type AgreementDraft } from "./schema";

/**
 * The people agreement tests act as, on a fresh demo database: the administrator, and the partner
 * leads and analyst of organisations that share nothing else in force (the Calderdale charity
 * providing, Greater Manchester Police receiving), plus the Bradford ISVA's lead as an outsider.
 */
export async function openAgreementsCast() {
  const test = await openDemoDatabase();
  const as = (email: string): Promise<Viewer> => viewerFor(test.db, email);
  return {
    test,
    admin: await as("admin@national.example"),
    charityLead: await as("manager@charity.example"),
    gmLead: await as("manager@otherpolice.example"),
    gmAnalyst: await as("analyst@otherpolice.example"),
    isvaLead: await as("manager@isva.example"),
  };
}

export type AgreementsCast = Awaited<ReturnType<typeof openAgreementsCast>>;

let references = 0;

/** A valid draft in which the charity provides to Greater Manchester Police, with a reference of its own. */
export function testDraft(cast: AgreementsCast, overrides: Partial<AgreementDraft> = {}): AgreementDraft {
  return agreementDraft.parse({
    reference: `DSA-TEST-${++references}`,
    title: "Calderdale to Greater Manchester",
    purpose: "To test the agreement lifecycle.",
    parties: {
      [cast.charityLead.organisation.id]: { role: "provider", contactName: "Cara Lead", contactEmail: "cara@charity.example" },
      [cast.gmLead.organisation.id]: { role: "recipient", contactName: "Gil Lead", contactEmail: "gil@otherpolice.example" },
    },
    processingRegime: "uk_gdpr",
    article6Basis: "6(1)(e) public task",
    article9Condition: "9(2)(g) substantial public interest",
    dpaCondition: "DPA 2018 Schedule 1, paragraph 6 (statutory and government purposes)",
    threatAreas: { domestic_abuse: "record", rasso: "aggregate" },
    fields: ["victim_age_band"],
    geography: [{ forceAreaCode: "E23000010", ladCode: null }],
    retentionMonths: 12,
    startDate: "2026-01-01",
    endDate: "2030-01-01",
    reviewDate: "2027-01-01",
    ...overrides,
  });
}
