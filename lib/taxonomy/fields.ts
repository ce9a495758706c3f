import {
  ABUSE_RECENCIES,
  AGE_BANDS,
  BARRIERS,
  ONLINE_PLATFORMS,
  OTHER_OFFENDING_TYPES,
  PERPETRATOR_NUMBERS,
  PROTECTIVE_ORDERS,
  REFERRALS,
  RELATIONSHIPS,
  SEXES,
  SPACES,
  VICTIM_WANTS,
  YES_NO,
} from "./answers";
import { defineCodes, type CodeList, type CodeOf } from "./code-list";
import { ETHNICITIES } from "./ethnicity";

/**
 * The fields of a disclosure by their stable codes (docs/taxonomy.md#field-codes), as used in CSV headers, API
 * bodies and data-sharing agreements. Free text and the partner reference are never shared.
 */
export const DISCLOSURE_FIELDS = defineCodes({
  disclosure_month: "Month of disclosure",
  abuse_recency: "How long ago the abuse happened",
  threat_areas: "Threat areas",
  sub_types: "Sub-types",
  victim_age_band: "Victim age band",
  victim_sex: "Victim sex",
  victim_gender_differs_from_sex_at_birth: "Victim gender differs from sex at birth",
  victim_ethnicity: "Victim ethnicity",
  victim_lgbtq: "Victim is LGBTQ+",
  victim_disability: "Victim has a disability",
  victim_mental_health_need: "Victim has a mental-health need",
  victim_migrant: "Victim is a migrant",
  victim_no_recourse_to_public_funds: "Victim has no recourse to public funds",
  victim_repeat: "Repeat victim",
  victim_children_in_household: "Children in household",
  perpetrator_relationship: "Perpetrator relationship to victim",
  perpetrator_sex: "Perpetrator sex",
  perpetrator_age_band: "Perpetrator age band",
  perpetrator_number: "Lone or group",
  perpetrator_other_offending: "Perpetrator known to other offending",
  perpetrator_other_offending_types: "Kinds of other offending",
  perpetrator_ideology_concern: "Misogynistic or incel ideology concern",
  space: "Space",
  online_platforms: "Online platform types",
  lad_code: "Local authority district",
  force_area_code: "Police force area",
  reported_to_police: "Reported to police",
  barriers: "Barriers to reporting",
  victim_wants: "What the victim wants",
  protective_orders: "Protective orders in place",
  referrals: "Referrals and support",
  context: "Context (free text)",
});

export type DisclosureField = CodeOf<typeof DISCLOSURE_FIELDS>;

/** Fields that never leave the submitting organisation, whatever an agreement says. */
export const NEVER_SHARED_FIELDS: readonly DisclosureField[] = ["context"];

export const SHAREABLE_FIELDS: readonly DisclosureField[] = DISCLOSURE_FIELDS.codes.filter(
  (field) => !NEVER_SHARED_FIELDS.includes(field),
);

/** The code list each categorical field takes its answers from (threat areas and sub-types have their own). */
export const FIELD_CODE_LISTS: Partial<Record<DisclosureField, CodeList<string>>> = {
  abuse_recency: ABUSE_RECENCIES,
  victim_age_band: AGE_BANDS,
  victim_sex: SEXES,
  victim_gender_differs_from_sex_at_birth: YES_NO,
  victim_ethnicity: ETHNICITIES,
  victim_lgbtq: YES_NO,
  victim_disability: YES_NO,
  victim_mental_health_need: YES_NO,
  victim_migrant: YES_NO,
  victim_no_recourse_to_public_funds: YES_NO,
  victim_repeat: YES_NO,
  victim_children_in_household: YES_NO,
  perpetrator_relationship: RELATIONSHIPS,
  perpetrator_sex: SEXES,
  perpetrator_age_band: AGE_BANDS,
  perpetrator_number: PERPETRATOR_NUMBERS,
  perpetrator_other_offending: YES_NO,
  perpetrator_other_offending_types: OTHER_OFFENDING_TYPES,
  perpetrator_ideology_concern: YES_NO,
  space: SPACES,
  online_platforms: ONLINE_PLATFORMS,
  reported_to_police: YES_NO,
  barriers: BARRIERS,
  victim_wants: VICTIM_WANTS,
  protective_orders: PROTECTIVE_ORDERS,
  referrals: REFERRALS,
};

/** The categorical questions with exactly one answer each (every one accepts "not known"). */
export const SINGLE_ANSWER_FIELDS = [
  "abuse_recency",
  "victim_age_band",
  "victim_sex",
  "victim_gender_differs_from_sex_at_birth",
  "victim_ethnicity",
  "victim_lgbtq",
  "victim_disability",
  "victim_mental_health_need",
  "victim_migrant",
  "victim_no_recourse_to_public_funds",
  "victim_repeat",
  "victim_children_in_household",
  "perpetrator_relationship",
  "perpetrator_sex",
  "perpetrator_age_band",
  "perpetrator_number",
  "perpetrator_other_offending",
  "perpetrator_ideology_concern",
  "space",
  "reported_to_police",
] as const satisfies readonly DisclosureField[];
