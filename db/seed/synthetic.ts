import type { OrganisationType } from "@/lib/access/organisation-types";
import { getLocalAuthority } from "@/lib/reference";
import {
  EARLIEST_DISCLOSURE_MONTH,
  NOT_KNOWN,
  THREAT_AREAS,
  isTechEnabledSubType,
  type AbuseRecency,
  type AgeBand,
  type Barrier,
  type Ethnicity,
  type OnlinePlatform,
  type OtherOffendingType,
  type PerpetratorNumber,
  type ProtectiveOrder,
  type Referral,
  type Relationship,
  type Sex,
  type Space,
  type SubTypeOf,
  type ThreatArea,
  type VictimWant,
  type YesNo,
} from "@/lib/taxonomy";
import type { disclosures } from "../schema/disclosures";
import { Random, type Weights } from "./random";

/**
 * Deterministic synthetic disclosures for the demo seed and for benchmarks. Proportions follow the
 * national VAWG STRA (stalking and harassment ≈43%, a third of it domestic-abuse related, ≈25% repeat
 * victims) pooled over the partner types, and every record keeps the rules of docs/taxonomy.md#rules-between-answers.
 */

export type SyntheticDisclosure = {
  disclosure: Omit<typeof disclosures.$inferInsert, "id" | "orgId" | "createdBy" | "seriesId">;
  threatAreas: { threatArea: ThreatArea; subTypes: string[] }[];
};

export type SyntheticOptions = {
  /** Any safe integer; the same seed and options always give the same records. */
  seed: number;
  count: number;
  partnerType: OrganisationType;
  /**
   * Local authority district codes, each entry equally likely (list a code twice to double its
   * weight); each record's force area is looked up from its district.
   */
  ladCodes: readonly string[];
  /** Months as "YYYY-MM", none before 2015-01 or after the month of `now` (UTC); later ones weigh a little more. */
  months: readonly string[];
  /** Submission times never pass it; defaults to the current time. */
  now?: Date;
};

/** A whole batch as an array: fine for the demo seed's few hundred records per partner. */
export function generateDisclosures(options: SyntheticOptions): SyntheticDisclosure[] {
  return Array.from(iterateDisclosures(options));
}

/** One record at a time, for volumes that should not sit in memory at once. */
export function* iterateDisclosures(options: SyntheticOptions): Generator<SyntheticDisclosure> {
  const plan = preparePlan(options);
  const rng = new Random(options.seed);
  for (let i = 0; i < options.count; i++) yield generateOne(rng, plan);
}

// ---------------------------------------------------------------------------------------------
// Weight tables. Frozen so the generator compiles each one once (see random.ts).

type Known<C extends string> = Exclude<C, typeof NOT_KNOWN>;
type KnownWeights<C extends string> = Weights<Known<C>>;

function w<const T extends Record<string, number>>(weights: T): Readonly<T> {
  return Object.freeze(weights);
}

/** The threat area a partner mostly records. Pooled over the five partner types, with co-tags, stalking lands near 43%. */
const PRIMARY_AREAS: Record<OrganisationType, Weights<ThreatArea>> = {
  idva_service: w({
    domestic_abuse: 66,
    stalking_harassment: 22,
    tech_enabled: 3,
    honour_based_abuse: 4,
    rasso: 2,
    msht: 1,
    csae: 0.5,
    adult_sexual_exploitation: 0.5,
    spiking: 0.5,
    incel_related: 0.5,
  }),
  isva_service: w({
    rasso: 56,
    stalking_harassment: 24,
    csae: 7,
    domestic_abuse: 3,
    spiking: 4,
    tech_enabled: 2,
    adult_sexual_exploitation: 2,
    msht: 1,
    honour_based_abuse: 0.5,
    incel_related: 0.5,
  }),
  health: w({
    stalking_harassment: 36,
    domestic_abuse: 25,
    rasso: 19,
    csae: 5,
    spiking: 4,
    honour_based_abuse: 4,
    tech_enabled: 3,
    msht: 2,
    adult_sexual_exploitation: 1.5,
    incel_related: 0.5,
  }),
  local_authority: w({
    stalking_harassment: 44,
    domestic_abuse: 22,
    csae: 14,
    msht: 5,
    honour_based_abuse: 4,
    tech_enabled: 4,
    adult_sexual_exploitation: 3,
    rasso: 3,
    spiking: 0.5,
    incel_related: 0.5,
  }),
  third_sector: w({
    stalking_harassment: 60,
    domestic_abuse: 11,
    tech_enabled: 9,
    rasso: 7,
    spiking: 3,
    adult_sexual_exploitation: 3,
    honour_based_abuse: 2,
    msht: 2,
    incel_related: 2,
    csae: 1,
  }),
  // Police forces and the national body do not usually submit disclosures; they get a broad mix.
  police_force: w({
    stalking_harassment: 45,
    domestic_abuse: 25,
    rasso: 12,
    tech_enabled: 5,
    csae: 5,
    spiking: 3,
    honour_based_abuse: 2,
    msht: 1,
    adult_sexual_exploitation: 1,
    incel_related: 1,
  }),
  national: w({
    stalking_harassment: 45,
    domestic_abuse: 25,
    rasso: 12,
    tech_enabled: 5,
    csae: 5,
    spiking: 3,
    honour_based_abuse: 2,
    msht: 1,
    adult_sexual_exploitation: 1,
    incel_related: 1,
  }),
};

/**
 * Further areas tagged alongside the primary one, each with its probability. Only the primary area
 * adds co-tags, so `csae` (children) and `adult_sexual_exploitation` (adults) never meet.
 */
const CO_TAGS: Record<ThreatArea, readonly (readonly [ThreatArea, number])[]> = {
  domestic_abuse: [
    ["stalking_harassment", 0.19],
    ["rasso", 0.05],
    ["tech_enabled", 0.05],
    ["honour_based_abuse", 0.02],
  ],
  stalking_harassment: [
    ["domestic_abuse", 0.24],
    ["tech_enabled", 0.05],
  ],
  rasso: [
    ["domestic_abuse", 0.12],
    ["spiking", 0.03],
    ["stalking_harassment", 0.04],
  ],
  csae: [
    ["tech_enabled", 0.15],
    ["msht", 0.03],
  ],
  tech_enabled: [
    ["stalking_harassment", 0.12],
    ["domestic_abuse", 0.08],
    ["incel_related", 0.02],
  ],
  msht: [
    ["adult_sexual_exploitation", 0.2],
    ["rasso", 0.05],
  ],
  honour_based_abuse: [["domestic_abuse", 0.35]],
  adult_sexual_exploitation: [
    ["msht", 0.15],
    ["rasso", 0.1],
  ],
  spiking: [["rasso", 0.12]],
  incel_related: [
    ["tech_enabled", 0.3],
    ["stalking_harassment", 0.1],
  ],
};

const SUB_TYPES: { [A in ThreatArea]: KnownWeights<SubTypeOf<A>> } = {
  domestic_abuse: w({ physical: 30, coercive_control: 35, economic: 10, psychological: 30, sexual: 8, other: 3 }),
  rasso: w({ rape: 45, assault_by_penetration: 12, sexual_assault: 40, other: 3 }),
  csae: w({
    contact_abuse: 25,
    exploitation: 15,
    indecent_images: 10,
    self_generated_images: 10,
    online_grooming: 15,
    group_based_exploitation: 8,
    intra_familial: 17,
  }),
  tech_enabled: w({
    online_harassment: 40,
    image_based_abuse: 20,
    unwanted_sexual_images: 12,
    tracking_or_spyware: 12,
    impersonation: 8,
    virtual_or_metaverse: 2,
    other: 6,
  }),
  stalking_harassment: w({ stalking: 45, harassment: 45, cyberstalking: 8 }),
  msht: w({ sexual_exploitation: 40, domestic_servitude: 20, criminal_exploitation: 20, labour_exploitation: 20 }),
  honour_based_abuse: w({ coercive_control: 40, assault: 20, forced_marriage: 25, fgm: 10, other: 5 }),
  adult_sexual_exploitation: w({ survival_sex: 40, exploitation_of_prostitution: 50, other: 10 }),
  spiking: w({ drink: 80, needle: 10, food: 5, other: 5 }),
  incel_related: w({ online_threats: 50, offline_violence: 20, ideology_concern: 30 }),
};

/** How many sub-types are chosen within one area. */
const SUB_TYPE_COUNT = w({ 1: 72, 2: 21, 3: 7 });

const ADULT_AGE = w({ "18-24": 20, "25-34": 30, "35-44": 23, "45-54": 14, "55-64": 7, "65-74": 4, "75+": 2 });

/** Victim age by primary area; the 15-17 weight is the share of older children outside `csae`. */
const VICTIM_AGE: Record<ThreatArea, KnownWeights<AgeBand>> = {
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

const PERPETRATOR_AGE = w({
  "15-17": 2,
  "18-24": 15,
  "25-34": 30,
  "35-44": 27,
  "45-54": 15,
  "55-64": 7,
  "65-74": 3,
  "75+": 1,
});
const PERPETRATOR_AGE_OF_CHILD = w({
  "10-14": 3,
  "15-17": 17,
  "18-24": 22,
  "25-34": 20,
  "35-44": 17,
  "45-54": 12,
  "55-64": 6,
  "65-74": 3,
});
const PERPETRATOR_AGE_PEER = w({ "15-17": 45, "18-24": 45, "25-34": 10 });

/**
 * England and Wales, Census 2021 (per cent). White British is raised from 74.4 so that, pooled with
 * the honour-based abuse and trafficking tables below, it lands near the census share.
 */
const ETHNICITY = w({
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
const ETHNICITY_HONOUR_BASED = w({
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
const ETHNICITY_TRAFFICKING = w({
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

const RELATIONSHIP_DOMESTIC = w({ current_partner: 38, ex_partner: 44, family_member: 16, multiple: 2 });
const RELATIONSHIP_TEEN_DOMESTIC = w({ current_partner: 45, ex_partner: 35, family_member: 20 });
const RELATIONSHIP: Record<ThreatArea, KnownWeights<Relationship>> = {
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

const SPACE_DOMESTIC = w({
  private_dwelling: 78,
  other_private: 5,
  street_or_open_space: 7,
  online: 5,
  workplace: 2,
  public_transport: 1,
  night_time_economy: 2,
});
const SPACE: Record<ThreatArea, KnownWeights<Space>> = {
  domestic_abuse: SPACE_DOMESTIC,
  rasso: w({
    private_dwelling: 52,
    other_private: 10,
    night_time_economy: 15,
    street_or_open_space: 10,
    education_further_higher: 3,
    workplace: 4,
    public_transport: 2,
    online: 4,
  }),
  csae: w({
    private_dwelling: 37,
    online: 22,
    education_secondary: 15,
    street_or_open_space: 10,
    other_private: 10,
    education_primary: 4,
  }),
  tech_enabled: w({ online: 88, private_dwelling: 10, other_private: 2 }),
  stalking_harassment: w({
    private_dwelling: 25,
    street_or_open_space: 27,
    workplace: 12,
    online: 6,
    public_transport: 8,
    night_time_economy: 6,
    other_private: 8,
    education_further_higher: 5,
  }),
  msht: w({ other_private: 40, private_dwelling: 30, workplace: 22, street_or_open_space: 5, online: 3 }),
  honour_based_abuse: w({ private_dwelling: 86, other_private: 6, online: 3, street_or_open_space: 5 }),
  adult_sexual_exploitation: w({ other_private: 30, street_or_open_space: 30, private_dwelling: 28, online: 12 }),
  spiking: w({ night_time_economy: 85, other_private: 10, education_further_higher: 5 }),
  incel_related: w({ online: 60, street_or_open_space: 22, education_further_higher: 8, workplace: 10 }),
};

const PLATFORMS_GENERAL = w({
  mainstream_social_media: 40,
  private_messaging: 35,
  dating_app: 10,
  gaming_platform: 4,
  forum_or_community: 4,
  adult_content_site: 3,
  smart_device_or_tracker: 5,
  other: 4,
});
const PLATFORMS: Partial<Record<ThreatArea, KnownWeights<OnlinePlatform>>> = {
  csae: w({
    mainstream_social_media: 40,
    private_messaging: 30,
    gaming_platform: 18,
    forum_or_community: 4,
    adult_content_site: 4,
    other: 4,
  }),
  rasso: w({ dating_app: 45, mainstream_social_media: 25, private_messaging: 25, other: 5 }),
  incel_related: w({ forum_or_community: 45, mainstream_social_media: 35, gaming_platform: 10, other: 10 }),
  adult_sexual_exploitation: w({ adult_content_site: 45, private_messaging: 25, dating_app: 20, other: 10 }),
};

const RECENCY_DEFAULT = w({ ongoing: 30, within_last_month: 25, one_to_twelve_months: 28, over_twelve_months: 17 });
const RECENCY: Partial<Record<ThreatArea, KnownWeights<AbuseRecency>>> = {
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
const REPORTED_YES: Record<OrganisationType, number> = {
  idva_service: 0.45,
  isva_service: 0.45,
  health: 0.22,
  local_authority: 0.32,
  third_sector: 0.28,
  police_force: 0.9,
  national: 0.3,
};

/** Share of "not known" per categorical field, scaled per partner type: recording completeness differs. */
const NOT_KNOWN_RATE = 0.03;
const COMPLETENESS: Record<OrganisationType, number> = {
  idva_service: 0.7,
  isva_service: 0.9,
  health: 1.5,
  local_authority: 1.3,
  third_sector: 1,
  police_force: 0.8,
  national: 1,
};

const OTHER_OFFENDING = w({ violence: 40, drugs: 25, acquisitive: 15, public_order: 15, weapons: 10, sexual: 10, other: 8 });

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
const BARRIERS = [false, true].map((migrant) =>
  [false, true].map((domestic) =>
    w({
      ...BARRIERS_BASE,
      ...(domestic ? { financial_dependence: 20, childcare_concerns: 12 } : {}),
      ...(migrant ? { immigration_concerns: 35, language: 15 } : {}),
    }),
  ),
);

const WANTS = w({ support: 40, safety_planning: 30, criminal_justice: 12, civil_order: 8, information_only: 10 });
const WANTS_REPORTED = w({ support: 35, safety_planning: 25, criminal_justice: 28, civil_order: 8, information_only: 6 });

const ORDERS: Partial<Record<ThreatArea, KnownWeights<ProtectiveOrder>>> = {
  domestic_abuse: w({
    non_molestation_order: 35,
    domestic_violence_protection_order: 20,
    domestic_abuse_protection_order: 15,
    restraining_order: 20,
    other: 5,
  }),
  stalking_harassment: w({ stalking_protection_order: 40, restraining_order: 35, non_molestation_order: 15, other: 10 }),
};
const ORDERS_GENERAL = w({ restraining_order: 40, non_molestation_order: 30, other: 30 });

const REFERRALS_GENERAL = w({
  police: 15,
  mental_health: 15,
  health: 10,
  idva: 10,
  refuge_or_housing: 10,
  substance_misuse: 4,
  other: 20,
});
const REFERRALS: Partial<Record<ThreatArea, KnownWeights<Referral>>> = {
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

const LIST_SIZE = w({ 1: 55, 2: 32, 3: 13 });

// ---------------------------------------------------------------------------------------------

type Plan = {
  partnerType: OrganisationType;
  notKnown: number;
  monthWeights: Weights<string>;
  ladWeights: Weights<string>;
  forceAreaOf: ReadonlyMap<string, string>;
  now: Date;
};

function preparePlan(options: SyntheticOptions): Plan {
  const { count, partnerType, ladCodes, months } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count is a whole number, not ${count}`);
  if (!(partnerType in PRIMARY_AREAS)) throw new RangeError(`Unknown partner type ${partnerType}`);
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new RangeError("now is not a valid date");
  if (ladCodes.length === 0) throw new RangeError("At least one local authority district code is needed");
  if (months.length === 0) throw new RangeError("At least one month is needed");

  const latestMonth = now.toISOString().slice(0, 7);
  for (const month of months) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`Month "${month}" is not YYYY-MM`);
    if (month < EARLIEST_DISCLOSURE_MONTH || month > latestMonth) {
      throw new RangeError(`Month ${month} is outside ${EARLIEST_DISCLOSURE_MONTH} to ${latestMonth}`);
    }
  }

  // Disclosures rise mildly over the period: the last month carries half again the first's weight.
  const ordered = [...months].sort();
  const monthWeights: Record<string, number> = {};
  ordered.forEach((month, index) => {
    monthWeights[month] = (monthWeights[month] ?? 0) + 1 + (ordered.length > 1 ? (0.5 * index) / (ordered.length - 1) : 0);
  });

  // Each entry is equally likely, so a caller weights a district by listing it more than once.
  const ladWeights: Record<string, number> = {};
  const forceAreaOf = new Map<string, string>();
  for (const code of ladCodes) {
    const authority = getLocalAuthority(code);
    if (!authority) throw new RangeError(`Unknown local authority district ${code}`);
    ladWeights[code] = (ladWeights[code] ?? 0) + 1;
    forceAreaOf.set(code, authority.forceAreaCode);
  }

  return {
    partnerType,
    notKnown: NOT_KNOWN_RATE * COMPLETENESS[partnerType],
    monthWeights: Object.freeze(monthWeights),
    ladWeights: Object.freeze(ladWeights),
    forceAreaOf,
    now,
  };
}

type Nk = typeof NOT_KNOWN;

function generateOne(rng: Random, plan: Plan): SyntheticDisclosure {
  const nk = plan.notKnown;
  /** A single answer that is "not known" at the plan's rate. */
  const answer = <C extends string>(weights: Weights<C>, rate = nk): C | Nk =>
    rng.chance(rate) ? NOT_KNOWN : rng.weighted(weights);
  const yesNo = (yes: number, rate = nk): YesNo => (rng.chance(rate) ? NOT_KNOWN : rng.chance(yes) ? "yes" : "no");

  // Threat areas and sub-types.
  const primary = rng.weighted(PRIMARY_AREAS[plan.partnerType]);
  const areas = new Set<ThreatArea>([primary]);
  for (const [area, p] of CO_TAGS[primary]) if (rng.chance(p)) areas.add(area);
  const threatAreas = THREAT_AREAS.codes
    .filter((area) => areas.has(area))
    .map((area) => ({ threatArea: area, subTypes: pickSubTypes(rng, area) }));
  const has = (area: ThreatArea) => areas.has(area);
  const subTypes = new Set(threatAreas.flatMap((entry) => entry.subTypes));
  const techEnabled = threatAreas.some((entry) => entry.subTypes.some((code) => isTechEnabledSubType(entry.threatArea, code)));

  // Victim. `csae` needs a child; adult sexual exploitation needs an adult.
  let victimAgeBand: AgeBand;
  if (has("csae")) victimAgeBand = rng.weighted(VICTIM_AGE.csae);
  else if (has("adult_sexual_exploitation")) victimAgeBand = answer(VICTIM_AGE.adult_sexual_exploitation);
  else victimAgeBand = answer(VICTIM_AGE[primary]);
  const child = victimAgeBand === "10-14" || victimAgeBand === "15-17";

  const maleVictim = primary === "msht" ? 0.2 : primary === "spiking" ? 0.08 : primary === "tech_enabled" ? 0.05 : 0.025;
  const victimSex: Sex = has("csae") ? "female" : rng.chance(nk * 0.7) ? NOT_KNOWN : rng.chance(maleVictim) ? "male" : "female";

  const ethnicWeights = has("honour_based_abuse")
    ? ETHNICITY_HONOUR_BASED
    : has("msht")
      ? ETHNICITY_TRAFFICKING
      : ETHNICITY;
  const victimEthnicity: Ethnicity = rng.chance(0.03) ? "not_stated" : answer(ethnicWeights);

  const migrantShare = has("msht") ? 0.6 : has("honour_based_abuse") ? 0.35 : 0.08;
  const victimMigrant = yesNo(migrantShare);
  const victimNoRecourseToPublicFunds: YesNo =
    victimMigrant === "yes" ? yesNo(0.3, nk * 2) : victimMigrant === "no" ? "no" : rng.chance(0.6) ? NOT_KNOWN : "no";

  // Perpetrator. Domestic abuse needs someone personally connected to the victim.
  let perpetratorRelationship: Relationship;
  if (has("domestic_abuse")) perpetratorRelationship = answer(child ? RELATIONSHIP_TEEN_DOMESTIC : RELATIONSHIP_DOMESTIC);
  else if (subTypes.has("intra_familial") && has("csae")) perpetratorRelationship = "family_member";
  else perpetratorRelationship = answer(RELATIONSHIP[primary]);

  const femalePerpetrator = has("honour_based_abuse") ? 0.2 : has("msht") ? 0.15 : has("domestic_abuse") ? 0.07 : 0.04;
  const perpetratorSex: Sex = rng.chance(nk * 1.3) ? NOT_KNOWN : rng.chance(femalePerpetrator) ? "female" : "male";
  const perpetratorAgeBand: AgeBand = answer(
    has("csae") ? PERPETRATOR_AGE_OF_CHILD : child ? PERPETRATOR_AGE_PEER : PERPETRATOR_AGE,
    nk * 2,
  );

  const groupShare = subTypes.has("group_based_exploitation") ? 0.95 : has("msht") ? 0.4 : perpetratorRelationship === "multiple" ? 0.9 : 0.04;
  const perpetratorNumber: PerpetratorNumber = rng.chance(nk) ? NOT_KNOWN : rng.chance(groupShare) ? "group" : "lone";

  const perpetratorOtherOffending = yesNo(has("domestic_abuse") ? 0.4 : 0.25, nk * 2.5);
  const perpetratorOtherOffendingTypes: (OtherOffendingType | Nk)[] =
    perpetratorOtherOffending === "yes" ? multi(rng, OTHER_OFFENDING, 0.08, 0) : [];
  const perpetratorIdeologyConcern = yesNo(has("incel_related") ? 0.75 : 0.02, nk * 2);

  // Place.
  let space: Space = answer(SPACE[primary]);
  if (techEnabled && space !== "online" && rng.chance(0.5)) space = "online";
  space = suitedToAge(space, victimAgeBand);
  const onlinePlatforms: (OnlinePlatform | Nk)[] =
    space === "online" || techEnabled ? pickPlatforms(rng, primary, subTypes) : [];

  // Time: a child cannot disclose non-recent childhood abuse as an adult would.
  let abuseRecency: AbuseRecency = answer(RECENCY[primary] ?? RECENCY_DEFAULT);
  if (child && abuseRecency === "childhood_non_recent") abuseRecency = "over_twelve_months";

  // Reporting and outcomes.
  const reportedToPolice = yesNo(REPORTED_YES[plan.partnerType]);
  const barriers: (Barrier | Nk)[] =
    reportedToPolice === "no"
      ? rng.chance(0.08)
        ? []
        : multi(rng, BARRIERS[victimMigrant === "yes" ? 1 : 0]![has("domestic_abuse") ? 1 : 0]!, 0.04, 0)
      : [];
  const victimWants: (VictimWant | Nk)[] = multi(rng, reportedToPolice === "yes" ? WANTS_REPORTED : WANTS, nk, 0.02);
  const protectiveOrders: (ProtectiveOrder | Nk)[] = rng.chance(nk * 2.5)
    ? [NOT_KNOWN]
    : rng.chance(has("domestic_abuse") || has("stalking_harassment") ? 0.7 : 0.9)
      ? ["none"]
      : [rng.weighted(ORDERS[primary] ?? (has("domestic_abuse") ? ORDERS.domestic_abuse! : ORDERS_GENERAL))];
  const referrals: (Referral | Nk)[] = multi(rng, REFERRALS[primary] ?? REFERRALS_GENERAL, nk, 0.06);

  const victimChildrenInHousehold = child ? yesNo(0.02) : yesNo(has("domestic_abuse") ? 0.55 : 0.3);

  // When and where.
  const month = rng.weighted(plan.monthWeights);
  const ladCode = rng.weighted(plan.ladWeights);
  const { createdAt, submittedAt } = timesIn(rng, month, plan.now);

  return {
    disclosure: {
      version: 1,
      supersedesId: null,
      status: "submitted",
      disclosureMonth: `${month}-01`,
      abuseRecency,
      victimAgeBand,
      victimSex,
      victimGenderDiffersFromSexAtBirth: yesNo(0.015, nk * 2),
      victimEthnicity,
      victimLgbtq: yesNo(0.06, nk * 1.5),
      victimDisability: yesNo(0.18),
      victimMentalHealthNeed: yesNo(has("rasso") ? 0.5 : 0.38),
      victimMigrant,
      victimNoRecourseToPublicFunds,
      victimRepeat: yesNo(0.26),
      victimChildrenInHousehold,
      perpetratorRelationship,
      perpetratorSex,
      perpetratorAgeBand,
      perpetratorNumber,
      perpetratorOtherOffending,
      perpetratorOtherOffendingTypes,
      perpetratorIdeologyConcern,
      space,
      onlinePlatforms,
      ladCode,
      forceAreaCode: plan.forceAreaOf.get(ladCode) as string,
      reportedToPolice,
      barriers,
      victimWants,
      protectiveOrders,
      referrals,
      context: null,
      partnerReferenceHash: null,
      submittedAt,
      withdrawnAt: null,
      withdrawnReason: null,
      createdAt,
      updatedAt: submittedAt,
    },
    threatAreas,
  };
}

function pickSubTypes(rng: Random, area: ThreatArea): string[] {
  if (rng.chance(0.02)) return [NOT_KNOWN];
  const k = Number(rng.weighted(SUB_TYPE_COUNT));
  return distinct(rng, SUB_TYPES[area] as Weights<string>, k);
}

/**
 * A multi-valued answer: ["not_known"] at rate `notKnown`, empty at rate `empty`, otherwise one to
 * three distinct codes. "not_known" is never mixed with other codes.
 */
function multi<C extends string>(rng: Random, weights: Weights<C>, notKnown: number, empty: number): (C | Nk)[] {
  if (rng.chance(notKnown)) return [NOT_KNOWN];
  if (rng.chance(empty)) return [];
  return distinct(rng, weights, Number(rng.weighted(LIST_SIZE)));
}

/** Up to `k` distinct codes drawn by weight (rejection is cheap: the lists are short). */
function distinct<C extends string>(rng: Random, weights: Weights<C>, k: number): C[] {
  const chosen: C[] = [];
  for (let attempt = 0; chosen.length < k && attempt < k * 6; attempt++) {
    const code = rng.weighted(weights);
    if (!chosen.includes(code)) chosen.push(code);
  }
  return chosen;
}

function pickPlatforms(rng: Random, primary: ThreatArea, subTypes: ReadonlySet<string>): (OnlinePlatform | Nk)[] {
  if (rng.chance(0.04)) return [NOT_KNOWN];
  if (rng.chance(0.05)) return [];
  const weights = PLATFORMS[primary] ?? PLATFORMS_GENERAL;
  const platforms = distinct(rng, weights, rng.chance(0.75) ? 1 : 2);
  if (subTypes.has("tracking_or_spyware") && !platforms.includes("smart_device_or_tracker")) {
    platforms.unshift("smart_device_or_tracker");
  }
  if (subTypes.has("online_grooming") && !platforms.includes("gaming_platform") && rng.chance(0.2)) {
    platforms.push("gaming_platform");
  }
  return platforms;
}

/** Keeps schools and colleges plausible for the victim's age. */
function suitedToAge(space: Space, age: AgeBand): Space {
  const education = space === "education_primary" || space === "education_secondary" || space === "education_further_higher";
  if (!education) return space;
  if (age === "10-14") return space === "education_further_higher" ? "education_secondary" : space;
  if (age === "15-17") return space === "education_primary" ? "education_secondary" : space;
  return space === "education_further_higher" ? space : "education_further_higher";
}

/** A working-hours submission time within the month (never after `now`), drafted minutes to days before. */
function timesIn(rng: Random, month: string, now: Date): { createdAt: Date; submittedAt: Date } {
  const year = Number(month.slice(0, 4));
  const monthIndex = Number(month.slice(5, 7)) - 1;
  const days = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const submitted = Date.UTC(year, monthIndex, rng.int(1, days), rng.int(8, 17), rng.int(0, 59), rng.int(0, 59));
  const submittedAt = new Date(Math.min(submitted, now.getTime()));
  const draftedFor = rng.chance(0.8) ? rng.int(2, 90) * 60_000 : rng.int(1, 5) * 86_400_000;
  return { createdAt: new Date(submittedAt.getTime() - draftedFor), submittedAt };
}
