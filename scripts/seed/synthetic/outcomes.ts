import type { OrganisationType } from "@/lib/access/organisation-types";
import type { AbuseRecency, Barrier, ProtectiveOrder, Referral, ThreatArea } from "@/lib/taxonomy";
import { type KnownWeights, w } from "./weights";

// How recent the abuse is, whether it reached the police and why not, what the victim wants,
// protective orders and referrals.

export const RECENCY_DEFAULT = w({ ongoing: 30, within_last_month: 25, one_to_twelve_months: 28, over_twelve_months: 17 });
export const RECENCY: Partial<Record<ThreatArea, KnownWeights<AbuseRecency>>> = {
  domestic_abuse: w({ ongoing: 38, within_last_month: 22, one_to_twelve_months: 25, over_twelve_months: 15 }),
  stalking_harassment: w({ ongoing: 45, within_last_month: 25, one_to_twelve_months: 22, over_twelve_months: 8 }),
  rasso: w({
    within_last_month: 22,
    one_to_twelve_months: 30,
    over_twelve_months: 33,
    childhood_non_recent: 10,
    ongoing: 5,
  }),
  csae: w({ ongoing: 30, within_last_month: 25, one_to_twelve_months: 35, over_twelve_months: 10 }),
  spiking: w({ within_last_month: 70, one_to_twelve_months: 25, over_twelve_months: 5 }),
};

/** Whether the victim told the police, by partner type: IDVA and ISVA caseloads often come via police. */
export const REPORTED_YES: Record<OrganisationType, number> = {
  idva_service: 0.45,
  isva_service: 0.45,
  health: 0.22,
  local_authority: 0.32,
  third_sector: 0.28,
  police_force: 0.9,
  national: 0.3,
};

const BARRIERS_BASE = {
  fear_of_perpetrator: 25,
  shame_or_stigma: 20,
  fear_of_disbelief: 20,
  did_not_want_criminal_justice: 25,
  distrust_of_police: 12,
  previous_negative_experience: 10,
  financial_dependence: 6,
  childcare_concerns: 4,
  other: 4,
} satisfies KnownWeights<Barrier>;
/** Barriers indexed by [migrant][domestic abuse]: immigration and language concerns arise for migrants. */
export const BARRIERS = [false, true].map((migrant) =>
  [false, true].map((domestic) =>
    w({
      ...BARRIERS_BASE,
      ...(domestic ? { financial_dependence: 20, childcare_concerns: 12 } : {}),
      ...(migrant ? { immigration_concerns: 35, language: 15 } : {}),
    }),
  ),
);

export const WANTS = w({ support: 40, safety_planning: 30, criminal_justice: 12, civil_order: 8, information_only: 10 });
export const WANTS_REPORTED = w({ support: 35, safety_planning: 25, criminal_justice: 28, civil_order: 8, information_only: 6 });

export const ORDERS: Partial<Record<ThreatArea, KnownWeights<ProtectiveOrder>>> = {
  domestic_abuse: w({
    non_molestation_order: 35,
    domestic_violence_protection_order: 20,
    domestic_abuse_protection_order: 15,
    restraining_order: 20,
    other: 5,
  }),
  stalking_harassment: w({ stalking_protection_order: 40, restraining_order: 35, non_molestation_order: 15, other: 10 }),
};
export const ORDERS_GENERAL = w({ restraining_order: 40, non_molestation_order: 30, other: 30 });

export const REFERRALS_GENERAL = w({
  police: 15,
  mental_health: 15,
  health: 10,
  idva: 10,
  refuge_or_housing: 10,
  substance_misuse: 4,
  other: 20,
});
export const REFERRALS: Partial<Record<ThreatArea, KnownWeights<Referral>>> = {
  domestic_abuse: w({
    marac: 20,
    idva: 25,
    refuge_or_housing: 20,
    childrens_services: 10,
    health: 8,
    mental_health: 10,
    police: 6,
    substance_misuse: 4,
    other: 5,
  }),
  rasso: w({ isva: 35, sarc: 30, mental_health: 15, health: 10, police: 8, other: 5 }),
  csae: w({ childrens_services: 45, mental_health: 15, health: 10, police: 15, sarc: 8, isva: 8 }),
  honour_based_abuse: w({ marac: 20, idva: 20, refuge_or_housing: 25, police: 15, childrens_services: 10, other: 10 }),
  msht: w({ refuge_or_housing: 30, police: 25, health: 15, other: 30 }),
  spiking: w({ health: 40, police: 30, sarc: 15, other: 15 }),
};
