import type { AgeBand, Relationship, ThreatArea } from "@/lib/taxonomy";
import { type KnownWeights, w } from "./weights";

// The victim and the perpetrator: ages, ethnicity, how they are related, other offending.

const ADULT_AGE = w({ "18-24": 20, "25-34": 30, "35-44": 23, "45-54": 14, "55-64": 7, "65-74": 4, "75+": 2 });

/** Victim age by primary area; the 15-17 weight is the share of older children outside `csae`. */
export const VICTIM_AGE: Record<ThreatArea, KnownWeights<AgeBand>> = {
  domestic_abuse: w({ ...ADULT_AGE, "15-17": 2 }),
  rasso: w({ "15-17": 6, "18-24": 35, "25-34": 27, "35-44": 17, "45-54": 9, "55-64": 4, "65-74": 1.5, "75+": 0.5 }),
  csae: w({ "10-14": 40, "15-17": 60 }),
  tech_enabled: w({ "15-17": 8, "18-24": 32, "25-34": 30, "35-44": 17, "45-54": 8, "55-64": 3, "65-74": 1.5, "75+": 0.5 }),
  stalking_harassment: w({ ...ADULT_AGE, "15-17": 3 }),
  msht: w({ "15-17": 5, "18-24": 30, "25-34": 35, "35-44": 20, "45-54": 8, "55-64": 2 }),
  honour_based_abuse: w({ "15-17": 8, "18-24": 35, "25-34": 30, "35-44": 15, "45-54": 8, "55-64": 3, "65-74": 1 }),
  adult_sexual_exploitation: w({ "18-24": 30, "25-34": 35, "35-44": 22, "45-54": 10, "55-64": 3 }),
  spiking: w({ "15-17": 2, "18-24": 55, "25-34": 28, "35-44": 10, "45-54": 4, "55-64": 1 }),
  incel_related: w({ "15-17": 4, "18-24": 35, "25-34": 30, "35-44": 18, "45-54": 9, "55-64": 4 }),
};

export const PERPETRATOR_AGE = w({
  "15-17": 2,
  "18-24": 15,
  "25-34": 30,
  "35-44": 27,
  "45-54": 15,
  "55-64": 7,
  "65-74": 3,
  "75+": 1,
});
export const PERPETRATOR_AGE_OF_CHILD = w({
  "10-14": 3,
  "15-17": 17,
  "18-24": 22,
  "25-34": 20,
  "35-44": 17,
  "45-54": 12,
  "55-64": 6,
  "65-74": 3,
});
export const PERPETRATOR_AGE_PEER = w({ "15-17": 45, "18-24": 45, "25-34": 10 });

/**
 * England and Wales, Census 2021 (per cent). White British is raised from 74.4 so that, pooled with
 * the honour-based abuse and trafficking tables below, it lands near the census share.
 */
export const ETHNICITY = w({
  english_welsh_scottish_ni_british: 84,
  irish: 0.9,
  gypsy_or_irish_traveller: 0.2,
  roma: 0.2,
  other_white: 6.2,
  white_and_black_caribbean: 0.8,
  white_and_black_african: 0.4,
  white_and_asian: 0.8,
  other_mixed: 0.6,
  indian: 3.1,
  pakistani: 2.7,
  bangladeshi: 1.1,
  chinese: 0.7,
  other_asian: 1.6,
  african: 2.5,
  caribbean: 1,
  other_black: 0.5,
  arab: 0.6,
  any_other: 1.6,
});
export const ETHNICITY_HONOUR_BASED = w({
  english_welsh_scottish_ni_british: 6,
  gypsy_or_irish_traveller: 3,
  roma: 2,
  other_white: 5,
  white_and_asian: 2,
  other_mixed: 2,
  indian: 12,
  pakistani: 30,
  bangladeshi: 9,
  other_asian: 6,
  african: 10,
  other_black: 2,
  arab: 6,
  any_other: 5,
});
export const ETHNICITY_TRAFFICKING = w({
  english_welsh_scottish_ni_british: 28,
  roma: 3,
  other_white: 30,
  other_mixed: 2,
  chinese: 4,
  other_asian: 8,
  african: 13,
  other_black: 3,
  arab: 2,
  any_other: 7,
});

export const RELATIONSHIP_DOMESTIC = w({ current_partner: 38, ex_partner: 44, family_member: 16, multiple: 2 });
export const RELATIONSHIP_TEEN_DOMESTIC = w({ current_partner: 45, ex_partner: 35, family_member: 20 });
export const RELATIONSHIP: Record<ThreatArea, KnownWeights<Relationship>> = {
  domestic_abuse: RELATIONSHIP_DOMESTIC,
  rasso: w({
    acquaintance: 38,
    stranger: 20,
    current_partner: 10,
    ex_partner: 13,
    family_member: 5,
    online_contact_only: 5,
    carer: 2,
    multiple: 7,
  }),
  csae: w({ family_member: 22, acquaintance: 30, online_contact_only: 22, stranger: 8, carer: 3, multiple: 15 }),
  tech_enabled: w({ ex_partner: 30, online_contact_only: 32, acquaintance: 20, stranger: 10, current_partner: 8 }),
  stalking_harassment: w({
    ex_partner: 42,
    acquaintance: 25,
    stranger: 13,
    online_contact_only: 9,
    current_partner: 3,
    family_member: 3,
    multiple: 5,
  }),
  msht: w({ acquaintance: 30, stranger: 20, multiple: 30, family_member: 10, current_partner: 10 }),
  honour_based_abuse: w({ family_member: 78, current_partner: 10, multiple: 12 }),
  adult_sexual_exploitation: w({ acquaintance: 30, stranger: 30, multiple: 20, current_partner: 12, online_contact_only: 8 }),
  spiking: w({ stranger: 68, acquaintance: 27, multiple: 5 }),
  incel_related: w({ online_contact_only: 40, stranger: 35, acquaintance: 25 }),
};

export const OTHER_OFFENDING = w({ violence: 40, drugs: 25, acquisitive: 15, public_order: 15, weapons: 10, sexual: 10, other: 8 });
