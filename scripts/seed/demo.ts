import type { Role } from "@/lib/access/roles";
import type { OrganisationType } from "@/lib/access/organisation-types";
import { SHAREABLE_FIELDS, THREAT_AREAS, type ThreatArea } from "@/lib/taxonomy";

/**
 * The fictitious organisations, accounts and agreements of README.md#demo-accounts.
 * Names and e-mails are exactly as listed there; the extra partner leads exist so that every
 * party to an agreement has someone to sign it.
 */
const WEST_YORKSHIRE = "E23000010";
const GREATER_MANCHESTER = "E23000005";

export type DemoOrganisation = {
  key: string;
  name: string;
  type: OrganisationType;
  forceAreaCode?: string;
  /** The local authority district the organisation serves, by ONS name; none means the whole force area. */
  localAuthority?: string;
};

export const DEMO_ORGANISATIONS = [
  { key: "national", name: "National VAWG Coordination", type: "national" },
  { key: "wyPolice", name: "Demo Police West Yorkshire", type: "police_force", forceAreaCode: WEST_YORKSHIRE },
  { key: "gmPolice", name: "Demo Police Greater Manchester", type: "police_force", forceAreaCode: GREATER_MANCHESTER },
  { key: "idva", name: "Demo IDVA Service Leeds", type: "idva_service", forceAreaCode: WEST_YORKSHIRE, localAuthority: "Leeds" },
  { key: "isva", name: "Demo ISVA Service Bradford", type: "isva_service", forceAreaCode: WEST_YORKSHIRE, localAuthority: "Bradford" },
  { key: "council", name: "Demo Council Wakefield", type: "local_authority", forceAreaCode: WEST_YORKSHIRE, localAuthority: "Wakefield" },
  { key: "health", name: "Demo NHS Trust Kirklees", type: "health", forceAreaCode: WEST_YORKSHIRE, localAuthority: "Kirklees" },
  { key: "charity", name: "Demo Women's Aid Calderdale", type: "third_sector", forceAreaCode: WEST_YORKSHIRE, localAuthority: "Calderdale" },
] as const satisfies readonly DemoOrganisation[];

export type DemoOrganisationKey = (typeof DEMO_ORGANISATIONS)[number]["key"];

export function demoOrganisation(key: DemoOrganisationKey): DemoOrganisation {
  const organisation: DemoOrganisation | undefined = DEMO_ORGANISATIONS.find((candidate) => candidate.key === key);
  if (!organisation) throw new Error(`No demo organisation ${key}`);
  return organisation;
}

/** The partners that submit disclosures: the five West Yorkshire partners of the active agreement. */
export const SUBMITTING_PARTNERS = ["idva", "isva", "council", "health", "charity"] as const satisfies readonly DemoOrganisationKey[];

export type DemoAccount = { email: string; displayName: string; organisation: DemoOrganisationKey; role: Role };

export const DEMO_ACCOUNTS = [
  { email: "admin@national.example", displayName: "Demo Administrator", organisation: "national", role: "admin" },
  { email: "auditor@national.example", displayName: "Demo Auditor", organisation: "national", role: "auditor" },
  { email: "analyst@police.example", displayName: "Demo Analyst (West Yorkshire)", organisation: "wyPolice", role: "analyst" },
  { email: "viewer@police.example", displayName: "Demo Viewer (West Yorkshire)", organisation: "wyPolice", role: "viewer" },
  { email: "manager@police.example", displayName: "Demo Partner Lead (West Yorkshire Police)", organisation: "wyPolice", role: "org_manager" },
  { email: "analyst@otherpolice.example", displayName: "Demo Analyst (Greater Manchester)", organisation: "gmPolice", role: "analyst" },
  { email: "manager@idva.example", displayName: "Demo Partner Lead (IDVA Leeds)", organisation: "idva", role: "org_manager" },
  { email: "caseworker@idva.example", displayName: "Demo Caseworker (IDVA Leeds)", organisation: "idva", role: "submitter" },
  { email: "caseworker@isva.example", displayName: "Demo Caseworker (ISVA Bradford)", organisation: "isva", role: "submitter" },
  { email: "caseworker@council.example", displayName: "Demo Caseworker (Council Wakefield)", organisation: "council", role: "submitter" },
  { email: "caseworker@health.example", displayName: "Demo Caseworker (NHS Kirklees)", organisation: "health", role: "submitter" },
  { email: "caseworker@charity.example", displayName: "Demo Caseworker (Women's Aid Calderdale)", organisation: "charity", role: "submitter" },
  // Signatories for the partners whose leads the README's table of demo accounts does not list.
  { email: "manager@otherpolice.example", displayName: "Demo Partner Lead (Greater Manchester Police)", organisation: "gmPolice", role: "org_manager" },
  { email: "manager@isva.example", displayName: "Demo Partner Lead (ISVA Bradford)", organisation: "isva", role: "org_manager" },
  { email: "manager@council.example", displayName: "Demo Partner Lead (Council Wakefield)", organisation: "council", role: "org_manager" },
  { email: "manager@health.example", displayName: "Demo Partner Lead (NHS Kirklees)", organisation: "health", role: "org_manager" },
  { email: "manager@charity.example", displayName: "Demo Partner Lead (Women's Aid Calderdale)", organisation: "charity", role: "org_manager" },
] as const satisfies readonly DemoAccount[];

export type DemoAgreement = {
  reference: string;
  title: string;
  status: "active" | "expired" | "awaiting_signatures";
  purpose: string;
  providers: readonly DemoOrganisationKey[];
  recipients: readonly DemoOrganisationKey[];
  /** Threat areas at record granularity; the rest of `threatAreas` is aggregate only. */
  recordThreatAreas: readonly ThreatArea[];
  threatAreas: readonly ThreatArea[];
  forceAreas: readonly string[];
  /** Months relative to the day the seed runs. */
  startsInMonths: number;
  endsInMonths: number;
  /** Parties that have signed; every party when the agreement is in force. */
  signedBy: readonly DemoOrganisationKey[];
};

const WEST_YORKSHIRE_PARTNERS = SUBMITTING_PARTNERS;

export const DEMO_AGREEMENTS = [
  {
    reference: "DSA-WY-2025-001",
    title: "West Yorkshire VAWG partnership",
    status: "active",
    purpose:
      "To build a shared picture of violence against women and girls in West Yorkshire, including abuse never reported to police, to inform the force's strategic assessment and commissioning.",
    providers: WEST_YORKSHIRE_PARTNERS,
    recipients: ["wyPolice"],
    recordThreatAreas: ["domestic_abuse", "stalking_harassment", "tech_enabled"],
    threatAreas: THREAT_AREAS.codes,
    forceAreas: [WEST_YORKSHIRE],
    startsInMonths: -12,
    endsInMonths: 24,
    signedBy: [...WEST_YORKSHIRE_PARTNERS, "wyPolice"],
  },
  {
    reference: "DSA-GM-2023-004",
    title: "Calderdale and Greater Manchester cross-border pilot",
    status: "expired",
    purpose: "A pilot sharing aggregate data on women supported in Calderdale who live or work in Greater Manchester.",
    providers: ["charity"],
    recipients: ["gmPolice"],
    recordThreatAreas: [],
    threatAreas: THREAT_AREAS.codes,
    forceAreas: [WEST_YORKSHIRE],
    startsInMonths: -36,
    endsInMonths: -6,
    signedBy: ["charity", "gmPolice"],
  },
  {
    reference: "DSA-WY-2026-002",
    title: "West Yorkshire online harms pilot",
    status: "awaiting_signatures",
    purpose: "To share record-level data on tech-enabled abuse with the force's online harms team.",
    providers: ["idva", "charity"],
    recipients: ["wyPolice"],
    recordThreatAreas: ["tech_enabled"],
    threatAreas: ["tech_enabled", "stalking_harassment"],
    forceAreas: [WEST_YORKSHIRE],
    startsInMonths: 1,
    endsInMonths: 13,
    signedBy: ["idva"],
  },
] as const satisfies readonly DemoAgreement[];

/** Record-level recipients see every field that may be shared at all. */
export const DEMO_RECORD_FIELDS = SHAREABLE_FIELDS;
