/** Organisation types (docs/access.md#organisation-types). Access rules read them: some permissions hold in one type only. */
export const ORGANISATION_TYPES = [
  "police_force",
  "local_authority",
  "health",
  "isva_service",
  "idva_service",
  "third_sector",
  "national",
] as const;

export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  police_force: "Police force",
  local_authority: "Local authority",
  health: "Health body",
  isva_service: "ISVA service",
  idva_service: "IDVA service",
  third_sector: "Third-sector organisation",
  national: "National coordinator",
};
