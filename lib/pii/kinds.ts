/** The kinds of personal data the free-text scanner looks for (docs/taxonomy.md#free-text). */
export const PII_KINDS = [
  "email",
  "phone",
  "postcode",
  "nhs_number",
  "ni_number",
  "date",
  "street_address",
  "vehicle_registration",
  "profile_link",
  "handle",
  "name",
] as const;

export type PiiKind = (typeof PII_KINDS)[number];

/**
 * One span of text that looks like personal data. `start` and `end` are UTF-16 offsets into the
 * scanned text (`text.slice(start, end)`); `message` names the kind and never repeats the text.
 */
export type PiiFinding = { kind: PiiKind; start: number; end: number; message: string };

/** What each kind is called when shown to a caseworker. */
export const PII_KIND_LABELS: Record<PiiKind, string> = {
  email: "e-mail address",
  phone: "phone number",
  postcode: "full postcode",
  nhs_number: "NHS number",
  ni_number: "National Insurance number",
  date: "date",
  street_address: "street address",
  vehicle_registration: "vehicle registration",
  profile_link: "link to a personal profile",
  handle: "social media handle",
  name: "name",
};

const ARTICLE: Record<PiiKind, "a" | "an"> = {
  email: "an",
  phone: "a",
  postcode: "a",
  nhs_number: "an",
  ni_number: "a",
  date: "a",
  street_address: "a",
  vehicle_registration: "a",
  profile_link: "a",
  handle: "a",
  name: "a",
};

/** The fixed message for a kind: built from the label alone, so it can never carry the matched text. */
export function piiMessage(kind: PiiKind): string {
  return `looks like ${ARTICLE[kind]} ${PII_KIND_LABELS[kind]}`;
}

/**
 * When findings overlap, the merged span takes the first of these kinds present: check-digit
 * numbers and structured identifiers first, the looser word patterns last.
 */
export const PII_KIND_PRIORITY: readonly PiiKind[] = [
  "nhs_number",
  "ni_number",
  "email",
  "profile_link",
  "phone",
  "postcode",
  "vehicle_registration",
  "street_address",
  "date",
  "handle",
  "name",
];
