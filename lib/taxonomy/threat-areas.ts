import { defineAnswers, defineCodes, type CodeList, type CodeOf } from "./code-list";

/** Threat areas of the national VAWG STRA. A disclosure carries one or more; "not known" is not an option. */
export const THREAT_AREAS = defineCodes({
  domestic_abuse: "Domestic abuse",
  rasso: "Rape and serious sexual offences",
  csae: "Child sexual abuse and exploitation",
  tech_enabled: "Tech-enabled VAWG",
  stalking_harassment: "Stalking and harassment",
  msht: "Modern slavery and human trafficking",
  honour_based_abuse: "Honour-based abuse",
  adult_sexual_exploitation: "Adult sexual exploitation and sex work",
  spiking: "Spiking",
  incel_related: "Incel / misogynistic-ideology related",
});

export type ThreatArea = CodeOf<typeof THREAT_AREAS>;

/** The four key threats named by the STRA. */
export const KEY_THREATS: readonly ThreatArea[] = ["domestic_abuse", "rasso", "csae", "tech_enabled"];

export const THREAT_AREA_DESCRIPTIONS: Partial<Record<ThreatArea, string>> = {
  csae: "Female victims aged 10–17",
  tech_enabled: "Including online harassment",
};

export const THREAT_SUB_TYPES = {
  domestic_abuse: defineAnswers({
    physical: "Physical",
    coercive_control: "Coercive control",
    economic: "Economic",
    psychological: "Psychological",
    sexual: "Sexual",
    other: "Other",
  }),
  rasso: defineAnswers({
    rape: "Rape",
    assault_by_penetration: "Assault by penetration",
    sexual_assault: "Sexual assault",
    other: "Other",
  }),
  csae: defineAnswers({
    contact_abuse: "Contact abuse",
    exploitation: "Exploitation",
    indecent_images: "Indecent images",
    self_generated_images: "Self-generated images",
    online_grooming: "Online grooming",
    group_based_exploitation: "Group-based exploitation",
    intra_familial: "Intra-familial abuse",
  }),
  tech_enabled: defineAnswers({
    online_harassment: "Online harassment",
    image_based_abuse: "Image-based abuse",
    unwanted_sexual_images: "Unwanted sexual images",
    tracking_or_spyware: "Tracking or spyware",
    impersonation: "Impersonation",
    virtual_or_metaverse: "Virtual or metaverse abuse",
    other: "Other",
  }),
  stalking_harassment: defineAnswers({
    stalking: "Stalking",
    harassment: "Harassment",
    cyberstalking: "Cyberstalking",
  }),
  msht: defineAnswers({
    sexual_exploitation: "Sexual exploitation",
    domestic_servitude: "Domestic servitude",
    criminal_exploitation: "Criminal exploitation",
    labour_exploitation: "Labour exploitation",
  }),
  honour_based_abuse: defineAnswers({
    coercive_control: "Coercive control",
    assault: "Assault",
    forced_marriage: "Forced marriage",
    fgm: "Female genital mutilation",
    other: "Other",
  }),
  adult_sexual_exploitation: defineAnswers({
    survival_sex: "Survival sex",
    exploitation_of_prostitution: "Exploitation of prostitution",
    other: "Other",
  }),
  spiking: defineAnswers({
    drink: "Drink",
    needle: "Needle",
    food: "Food",
    other: "Other",
  }),
  incel_related: defineAnswers({
    online_threats: "Online threats",
    offline_violence: "Offline violence",
    ideology_concern: "Ideology concern",
  }),
} as const satisfies Record<ThreatArea, CodeList<string>>;

export type SubTypeOf<A extends ThreatArea> = CodeOf<(typeof THREAT_SUB_TYPES)[A]>;

/**
 * Sub-types that involve technology: choosing one (or the space "online") makes the online
 * platform question apply.
 */
const TECH_ENABLED_SUB_TYPES: { readonly [A in ThreatArea]?: readonly SubTypeOf<A>[] } = {
  tech_enabled: THREAT_SUB_TYPES.tech_enabled.codes.filter((code) => code !== "not_known"),
  stalking_harassment: ["cyberstalking"],
  csae: ["indecent_images", "self_generated_images", "online_grooming"],
  incel_related: ["online_threats"],
};

export function isTechEnabledSubType(area: ThreatArea, subType: string): boolean {
  const list = TECH_ENABLED_SUB_TYPES[area] as readonly string[] | undefined;
  return list?.includes(subType) ?? false;
}
