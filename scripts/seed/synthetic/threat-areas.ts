import type { OrganisationType } from "@/lib/access/organisation-types";
import type { SubTypeOf, ThreatArea } from "@/lib/taxonomy";
import type { Weights } from "../random";
import { type KnownWeights, w } from "./weights";

// Which threat areas and sub-types a synthetic disclosure is tagged with.

// Police forces and the national body do not usually submit disclosures; they get a broad mix.
const BROAD_MIX = w({
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
});

/** The threat area a partner mostly records. Pooled over the five partner types, with co-tags, stalking lands near 43%. */
export const PRIMARY_AREAS: Record<OrganisationType, Weights<ThreatArea>> = {
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
  police_force: BROAD_MIX,
  national: BROAD_MIX,
};

/**
 * Further areas tagged alongside the primary one, each with its probability. Only the primary area
 * adds co-tags, so `csae` (children) and `adult_sexual_exploitation` (adults) never meet.
 */
export const CO_TAGS: Record<ThreatArea, readonly (readonly [ThreatArea, number])[]> = {
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

export const SUB_TYPES: { [A in ThreatArea]: KnownWeights<SubTypeOf<A>> } = {
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
export const SUB_TYPE_COUNT = w({ 1: 72, 2: 21, 3: 7 });
