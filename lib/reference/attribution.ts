/**
 * The Open Government Licence attribution that must appear on every page, export or map that
 * uses the ONS reference data (lib/reference/data/SOURCES.md).
 */
export const REFERENCE_ATTRIBUTION = [
  "Source: Office for National Statistics licensed under the Open Government Licence v.3.0.",
  "Contains OS data © Crown copyright and database right 2023.",
] as const;

export const OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
