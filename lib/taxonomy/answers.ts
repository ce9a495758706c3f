import { defineAnswers, type CodeOf } from "./code-list";

/**
 * The categorical answers of a disclosure other than threat areas and ethnicity (docs/taxonomy.md).
 * Every list accepts "not known"; multi-valued answers treat it as exclusive.
 */

export const YES_NO = defineAnswers({ yes: "Yes", no: "No" });
export type YesNo = CodeOf<typeof YES_NO>;

export const AGE_BANDS = defineAnswers({
  "10-14": "10 to 14",
  "15-17": "15 to 17",
  "18-24": "18 to 24",
  "25-34": "25 to 34",
  "35-44": "35 to 44",
  "45-54": "45 to 54",
  "55-64": "55 to 64",
  "65-74": "65 to 74",
  "75+": "75 and over",
});
export type AgeBand = CodeOf<typeof AGE_BANDS>;

/** Age bands of children: `csae` needs one of these. */
export const CHILD_AGE_BANDS: readonly AgeBand[] = ["10-14", "15-17"];

export const SEXES = defineAnswers({ female: "Female", male: "Male" });
export type Sex = CodeOf<typeof SEXES>;

export const RELATIONSHIPS = defineAnswers({
  current_partner: "Current partner",
  ex_partner: "Ex-partner",
  family_member: "Family member",
  acquaintance: "Acquaintance",
  carer: "Carer",
  stranger: "Stranger",
  online_contact_only: "Online contact only",
  multiple: "Multiple perpetrators with different relationships",
});
export type Relationship = CodeOf<typeof RELATIONSHIPS>;

export const PERPETRATOR_NUMBERS = defineAnswers({ lone: "Lone perpetrator", group: "Group" });
export type PerpetratorNumber = CodeOf<typeof PERPETRATOR_NUMBERS>;

export const OTHER_OFFENDING_TYPES = defineAnswers({
  violence: "Violence",
  weapons: "Weapons",
  drugs: "Drugs",
  acquisitive: "Acquisitive crime",
  public_order: "Public order",
  sexual: "Sexual offending",
  other: "Other",
});
export type OtherOffendingType = CodeOf<typeof OTHER_OFFENDING_TYPES>;

export const SPACES = defineAnswers({
  private_dwelling: "Private dwelling",
  other_private: "Other private space",
  night_time_economy: "Night-time economy",
  street_or_open_space: "Street or open space",
  public_transport: "Public transport",
  education_primary: "Primary education",
  education_secondary: "Secondary education",
  education_further_higher: "Further or higher education",
  workplace: "Workplace",
  online: "Online",
});
export type Space = CodeOf<typeof SPACES>;

export const ONLINE_PLATFORMS = defineAnswers({
  mainstream_social_media: "Mainstream social media",
  private_messaging: "Private messaging",
  dating_app: "Dating app",
  gaming_platform: "Gaming platform",
  forum_or_community: "Forum or online community",
  adult_content_site: "Adult content site",
  smart_device_or_tracker: "Smart device or tracker",
  other: "Other",
});
export type OnlinePlatform = CodeOf<typeof ONLINE_PLATFORMS>;

export const ABUSE_RECENCIES = defineAnswers({
  within_last_month: "Within the last month",
  one_to_twelve_months: "One to twelve months ago",
  over_twelve_months: "Over twelve months ago",
  childhood_non_recent: "In childhood (non-recent)",
  ongoing: "Ongoing",
});
export type AbuseRecency = CodeOf<typeof ABUSE_RECENCIES>;

export const BARRIERS = defineAnswers({
  fear_of_disbelief: "Fear of not being believed",
  distrust_of_police: "Distrust of police",
  immigration_concerns: "Immigration concerns",
  fear_of_perpetrator: "Fear of the perpetrator",
  shame_or_stigma: "Shame or stigma",
  financial_dependence: "Financial dependence",
  childcare_concerns: "Childcare concerns",
  language: "Language",
  previous_negative_experience: "Previous negative experience",
  did_not_want_criminal_justice: "Did not want a criminal justice outcome",
  other: "Other",
});
export type Barrier = CodeOf<typeof BARRIERS>;

export const VICTIM_WANTS = defineAnswers({
  safety_planning: "Safety planning",
  support: "Support",
  criminal_justice: "Criminal justice outcome",
  civil_order: "Civil order",
  information_only: "Information only",
});
export type VictimWant = CodeOf<typeof VICTIM_WANTS>;

export const PROTECTIVE_ORDERS = defineAnswers({
  none: "None",
  non_molestation_order: "Non-molestation order",
  domestic_violence_protection_order: "Domestic violence protection order",
  domestic_abuse_protection_order: "Domestic abuse protection order",
  stalking_protection_order: "Stalking protection order",
  restraining_order: "Restraining order",
  other: "Other",
});
export type ProtectiveOrder = CodeOf<typeof PROTECTIVE_ORDERS>;

export const REFERRALS = defineAnswers({
  marac: "MARAC",
  idva: "IDVA",
  isva: "ISVA",
  refuge_or_housing: "Refuge or housing",
  health: "Health",
  mental_health: "Mental health",
  childrens_services: "Children's services",
  police: "Police",
  sarc: "Sexual assault referral centre",
  substance_misuse: "Substance misuse",
  other: "Other",
});
export type Referral = CodeOf<typeof REFERRALS>;

/** The earliest month a disclosure may be for (docs/taxonomy.md#period). */
export const EARLIEST_DISCLOSURE_MONTH = "2015-01";

/** Free-text context is optional and short (docs/taxonomy.md#free-text). */
export const CONTEXT_MAX_LENGTH = 1000;
