import { eq } from "drizzle-orm";
import type { Database } from "@/db/database";
import * as t from "@/db/schema";
import type { ThreatArea } from "@/lib/taxonomy";
import type { Viewer } from "@/lib/access/viewer";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { agreementDraft, type AgreementDraft } from "@/lib/agreements/schema";

export type TestAgreementTerms = {
  reference: string;
  providers: readonly string[];
  recipients: readonly string[];
  threatAreas: Partial<Record<ThreatArea, "aggregate" | "record">>;
  geography: readonly { forceAreaCode: string; ladCode?: string }[];
  startDate: string;
  endDate: string;
  fields?: readonly string[];
  /** The disclosure control the agreement asks for (the defaults: threshold 5, rounded). */
  disclosureThreshold?: number;
  roundToBase5?: boolean;
};

/**
 * An agreement in force, written on the owner connection along the path the database allows: a
 * draft version with its parties and scope, then signed and made current, which fills
 * agreement_grants. For tests of the access rule that need terms the demo data does not have;
 * returns the agreement's id.
 */
export async function insertActiveAgreement(db: Database, terms: TestAgreementTerms): Promise<string> {
  const [agreement] = await db
    .insert(t.agreements)
    .values({ reference: terms.reference, title: `Test agreement ${terms.reference}`, status: "awaiting_signatures" })
    .returning({ id: t.agreements.id });
  const [version] = await db
    .insert(t.agreementVersions)
    .values({
      agreementId: agreement!.id,
      version: 1,
      purpose: "A test of the access rule.",
      processingRegime: "uk_gdpr",
      retentionMonths: 12,
      startDate: terms.startDate,
      endDate: terms.endDate,
      reviewDate: terms.startDate,
      ...(terms.disclosureThreshold === undefined ? {} : { disclosureThreshold: terms.disclosureThreshold }),
      ...(terms.roundToBase5 === undefined ? {} : { roundToBase5: terms.roundToBase5 }),
    })
    .returning({ id: t.agreementVersions.id });
  const versionId = version!.id;
  const parties = new Set([...terms.providers, ...terms.recipients]);
  await db.insert(t.agreementParties).values(
    [...parties].map((orgId) => ({ versionId, orgId, isProvider: terms.providers.includes(orgId), isRecipient: terms.recipients.includes(orgId) })),
  );
  await db.insert(t.agreementThreatAreas).values(
    Object.entries(terms.threatAreas).map(([threatArea, granularity]) => ({ versionId, threatArea: threatArea as ThreatArea, granularity })),
  );
  await db.insert(t.agreementGeography).values(terms.geography.map((place) => ({ versionId, forceAreaCode: place.forceAreaCode, ladCode: place.ladCode ?? null })));
  if (terms.fields?.length) await db.insert(t.agreementFields).values(terms.fields.map((field) => ({ versionId, field })));
  await db.update(t.agreementVersions).set({ status: "signed", signedAt: new Date() }).where(eq(t.agreementVersions.id, versionId));
  await db.update(t.agreements).set({ status: "active", currentVersionId: versionId }).where(eq(t.agreements.id, agreement!.id));
  return agreement!.id;
}

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
