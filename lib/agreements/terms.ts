import { createHash } from "node:crypto";
import { DISCLOSURE_FIELDS, THREAT_AREAS, type ThreatArea } from "@/lib/taxonomy";
import { getLocalAuthority, getPoliceForceArea } from "@/lib/reference";
import { longDate } from "./lifecycle";
import { GRANULARITIES, PARTY_ROLES, REGIMES, type PartyRole } from "./schema";

/** Everything a signature covers: the terms of one version, with the parties' names. */
export type VersionTerms = {
  reference: string;
  title: string;
  version: number;
  purpose: string;
  parties: readonly { orgName: string; role: PartyRole; contactName: string; contactEmail: string }[];
  processingRegime: keyof typeof REGIMES;
  article6Basis: string | null;
  article9Condition: string | null;
  dpaCondition: string | null;
  threatAreas: readonly { threatArea: ThreatArea; granularity: keyof typeof GRANULARITIES }[];
  fields: readonly string[];
  geography: readonly { forceAreaCode: string; ladCode: string | null }[];
  disclosureThreshold: number;
  roundToBase5: boolean;
  retentionMonths: number;
  startDate: string;
  endDate: string;
  reviewDate: string;
  securityConditions: string;
  onwardSharing: string;
};

/**
 * The canonical text of a version: every term, in a fixed order (parties by name, threat areas,
 * fields and places by code), in words a data protection officer reads. What a signer sees is
 * exactly this text, and its SHA-256 is what their signature records.
 */
export function canonicalTerms(terms: VersionTerms): string {
  const byCode = <T>(items: readonly T[], key: (item: T) => string) => [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const lines = [
    `Data-sharing agreement ${terms.reference}, version ${terms.version}`,
    `Title: ${terms.title}`,
    "",
    "Purpose:",
    terms.purpose,
    "",
    "Parties:",
    ...byCode(terms.parties, (party) => party.orgName).map(
      (party) => `- ${party.orgName}: ${PARTY_ROLES[party.role].toLowerCase()}; contact ${party.contactName} <${party.contactEmail}>`,
    ),
    "",
    `Processing under: ${REGIMES[terms.processingRegime]}`,
    ...(terms.processingRegime === "uk_gdpr"
      ? [`UK GDPR Article 6 basis: ${terms.article6Basis ?? ""}`, `UK GDPR Article 9 condition: ${terms.article9Condition ?? ""}`, `DPA 2018 Schedule 1 condition: ${terms.dpaCondition ?? ""}`]
      : [`DPA 2018 Part 3 condition: ${terms.dpaCondition ?? ""}`]),
    "",
    "Threat areas shared:",
    ...byCode(terms.threatAreas, (area) => area.threatArea).map(
      (area) => `- ${THREAT_AREAS.label(area.threatArea)} (${area.threatArea}): ${GRANULARITIES[area.granularity].toLowerCase()}`,
    ),
    "",
    "Fields shared at record level:",
    ...(terms.fields.length === 0 ? ["- none"] : [...terms.fields].sort().map((field) => `- ${fieldLabel(field)} (${field})`)),
    "",
    "Geography:",
    ...byCode(terms.geography, (place) => `${place.forceAreaCode}/${place.ladCode ?? ""}`).map((place) => `- ${placeName(place)}`),
    "",
    `Disclosure control: counts from 1 to ${terms.disclosureThreshold - 1} are suppressed; counts below national level ${terms.roundToBase5 ? "are" : "are not"} rounded to base 5`,
    `Retention: ${terms.retentionMonths} months`,
    `Start date: ${longDate(terms.startDate)} (${terms.startDate})`,
    `End date: ${longDate(terms.endDate)} (${terms.endDate}); in force up to the day before`,
    `Review date: ${longDate(terms.reviewDate)} (${terms.reviewDate})`,
    "",
    "Security conditions:",
    terms.securityConditions || "None stated",
    "",
    "Onward sharing:",
    terms.onwardSharing || "None stated",
  ];
  return `${lines.join("\n")}\n`;
}

/** The hex SHA-256 of the canonical text, as a signature records it. */
export function termsSha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function placeName(place: { forceAreaCode: string; ladCode: string | null }): string {
  const force = getPoliceForceArea(place.forceAreaCode)?.name ?? place.forceAreaCode;
  if (!place.ladCode) return `${force} (${place.forceAreaCode}), the whole force area`;
  return `${getLocalAuthority(place.ladCode)?.name ?? place.ladCode} (${place.ladCode}), in ${force}`;
}

function fieldLabel(field: string): string {
  return (DISCLOSURE_FIELDS.codes as readonly string[]).includes(field) ? DISCLOSURE_FIELDS.label(field as never) : field;
}
