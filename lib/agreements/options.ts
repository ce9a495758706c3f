import { listLocalAuthoritiesInForceArea, listPoliceForceAreas } from "@/lib/reference";
import { DISCLOSURE_FIELDS, SHAREABLE_FIELDS, THREAT_AREAS } from "@/lib/taxonomy";
import { ARTICLE_6_BASES, ARTICLE_9_CONDITIONS, GRANULARITIES, PART_3_CONDITIONS, REGIMES, SCHEDULE_1_CONDITIONS, type PartyRole } from "./schema";
import type { VersionTerms } from "./terms";

type Option = { code: string; label: string };

/** The terms as the agreement form shows them: every value a string, as the form sends it back. */
export type AgreementFormValues = {
  reference: string;
  title: string;
  purpose: string;
  parties: Record<string, { role: PartyRole; contactName: string; contactEmail: string }>;
  processingRegime: string;
  article6Basis: string;
  article9Condition: string;
  dpaCondition: string;
  threatAreas: Record<string, string>;
  fields: string[];
  /** `E23000010`, or `E23000010/E08000035` for one local authority. */
  geography: string[];
  disclosureThreshold: string;
  roundToBase5: boolean;
  retentionMonths: string;
  startDate: string;
  endDate: string;
  reviewDate: string;
  securityConditions: string;
  onwardSharing: string;
};

/** The choices of the agreement form. */
export type AgreementFormOptions = {
  organisations: readonly { id: string; name: string }[];
  regimes: readonly Option[];
  article6Bases: readonly string[];
  article9Conditions: readonly string[];
  schedule1Conditions: readonly string[];
  part3Conditions: readonly string[];
  threatAreas: readonly Option[];
  granularities: readonly Option[];
  fields: readonly Option[];
  forceAreas: readonly (Option & { localAuthorities: readonly Option[] })[];
};

export function agreementFormOptions(organisations: readonly { id: string; name: string }[]): AgreementFormOptions {
  return {
    organisations,
    regimes: Object.entries(REGIMES).map(([code, label]) => ({ code, label })),
    article6Bases: ARTICLE_6_BASES,
    article9Conditions: ARTICLE_9_CONDITIONS,
    schedule1Conditions: SCHEDULE_1_CONDITIONS,
    part3Conditions: PART_3_CONDITIONS,
    threatAreas: THREAT_AREAS.options,
    granularities: Object.entries(GRANULARITIES).map(([code, label]) => ({ code, label })),
    fields: SHAREABLE_FIELDS.map((code) => ({ code, label: DISCLOSURE_FIELDS.label(code) })),
    forceAreas: listPoliceForceAreas().map((area) => ({
      code: area.code,
      label: area.name,
      localAuthorities: listLocalAuthoritiesInForceArea(area.code).map((authority) => ({ code: authority.code, label: authority.name })),
    })),
  };
}

/** A new agreement's form: a threshold of 5, rounded, everything else to fill in. */
export const EMPTY_AGREEMENT: AgreementFormValues = {
  reference: "",
  title: "",
  purpose: "",
  parties: {},
  processingRegime: "",
  article6Basis: "",
  article9Condition: "",
  dpaCondition: "",
  threatAreas: {},
  fields: [],
  geography: [],
  disclosureThreshold: "5",
  roundToBase5: true,
  retentionMonths: "",
  startDate: "",
  endDate: "",
  reviewDate: "",
  securityConditions: "",
  onwardSharing: "",
};

/** A version's terms as the form shows them, for editing a draft. */
export function formValuesOf(terms: Omit<VersionTerms, "parties"> & { parties: readonly { orgId: string; role: PartyRole; contactName: string; contactEmail: string }[] }): AgreementFormValues {
  return {
    reference: terms.reference,
    title: terms.title,
    purpose: terms.purpose,
    parties: Object.fromEntries(terms.parties.map((party) => [party.orgId, { role: party.role, contactName: party.contactName, contactEmail: party.contactEmail }])),
    processingRegime: terms.processingRegime,
    article6Basis: terms.article6Basis ?? "",
    article9Condition: terms.article9Condition ?? "",
    dpaCondition: terms.dpaCondition ?? "",
    threatAreas: Object.fromEntries(terms.threatAreas.map((area) => [area.threatArea, area.granularity])),
    fields: [...terms.fields],
    geography: terms.geography.map((place) => (place.ladCode ? `${place.forceAreaCode}/${place.ladCode}` : place.forceAreaCode)),
    disclosureThreshold: String(terms.disclosureThreshold),
    roundToBase5: terms.roundToBase5,
    retentionMonths: String(terms.retentionMonths),
    startDate: terms.startDate,
    endDate: terms.endDate,
    reviewDate: terms.reviewDate,
    securityConditions: terms.securityConditions,
    onwardSharing: terms.onwardSharing,
  };
}
