import { eq } from "drizzle-orm";
import type { Database } from "@/db/database";
import * as t from "@/db/schema";
import type { ThreatArea } from "@/lib/taxonomy";

export type TestAgreementTerms = {
  reference: string;
  providers: readonly string[];
  recipients: readonly string[];
  threatAreas: Partial<Record<ThreatArea, "aggregate" | "record">>;
  geography: readonly { forceAreaCode: string; ladCode?: string }[];
  startDate: string;
  endDate: string;
  fields?: readonly string[];
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
