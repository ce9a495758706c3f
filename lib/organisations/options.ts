import { listLocalAuthoritiesInForceArea, listPoliceForceAreas } from "@/lib/reference";
import { ORGANISATION_TYPE_LABELS, ORGANISATION_TYPES } from "@/lib/access/organisation-types";

/** The choices of the organisation form: types, and force areas with their local authorities. */
export function organisationFormOptions() {
  return {
    types: ORGANISATION_TYPES.map((type) => ({ value: type, label: ORGANISATION_TYPE_LABELS[type] })),
    forceAreas: listPoliceForceAreas().map((area) => ({
      value: area.code,
      label: area.name,
      localAuthorities: listLocalAuthoritiesInForceArea(area.code).map((authority) => ({ value: authority.code, label: authority.name })),
    })),
  };
}
