import { defineCodes, type CodeOf } from "./code-list";

/**
 * The fields of a disclosure by their stable codes (TAXONOMY.md), as used in CSV headers, API
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
