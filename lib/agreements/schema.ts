import { z } from "zod";
import { CsvSyntaxError, parseCsvText } from "@/lib/csv/strict";
import { Invalid } from "@/lib/errors";
import { getLocalAuthority, getPoliceForceArea } from "@/lib/reference";
import { SHAREABLE_FIELDS, THREAT_AREAS } from "@/lib/taxonomy";

/**
 * The terms of an agreement as an admin drafts them (docs/access.md#data-sharing-agreements): one
 * schema for the form, any API and the CSV of parties. Parties and threat areas are keyed by
 * organisation id and threat-area code, so every error names the field it belongs to.
 */

export const PARTY_ROLES = { provider: "Provides data", recipient: "Receives data", both: "Provides and receives data" } as const;
export type PartyRole = keyof typeof PARTY_ROLES;

export const GRANULARITIES = { aggregate: "Aggregate counts only", record: "Record level" } as const;

/** UK GDPR Article 6(1) bases a public-sector sharing agreement may rest on. */
export const ARTICLE_6_BASES = [
  "6(1)(c) legal obligation",
  "6(1)(d) vital interests",
  "6(1)(e) public task",
  "6(1)(f) legitimate interests",
] as const;

/** UK GDPR Article 9(2) conditions for special-category data. */
export const ARTICLE_9_CONDITIONS = [
  "9(2)(b) employment, social security and social protection",
  "9(2)(c) vital interests",
  "9(2)(g) substantial public interest",
  "9(2)(h) health or social care",
  "9(2)(j) archiving, research and statistics",
] as const;

/** The DPA 2018 Schedule 1 conditions that go with those Article 9 conditions. */
export const SCHEDULE_1_CONDITIONS = [
  "DPA 2018 Schedule 1, paragraph 2 (health or social care purposes)",
  "DPA 2018 Schedule 1, paragraph 4 (research)",
  "DPA 2018 Schedule 1, paragraph 6 (statutory and government purposes)",
  "DPA 2018 Schedule 1, paragraph 10 (preventing or detecting unlawful acts)",
  "DPA 2018 Schedule 1, paragraph 18 (safeguarding of children and individuals at risk)",
] as const;

/** DPA 2018 Part 3: the section a competent authority's law-enforcement processing relies on. */
export const PART_3_CONDITIONS = [
  "DPA 2018 section 35(2)(b) necessary for a law enforcement purpose",
  "DPA 2018 section 35(5) and Schedule 8, paragraph 1 (statutory purposes)",
  "DPA 2018 section 35(5) and Schedule 8, paragraph 4 (safeguarding of children and individuals at risk)",
] as const;

export const REGIMES = { uk_gdpr: "UK GDPR", dpa_2018_part_3: "DPA 2018 Part 3 (law enforcement)" } as const;

/** One party's part and contact: the row of the form, the CSV and the API alike. */
const partyTerms = z.object({
  role: z.enum(Object.keys(PARTY_ROLES) as [PartyRole, ...PartyRole[]], "Choose whether the organisation provides data, receives it, or both"),
  contactName: z.string().trim().min(1, "Enter the name of a contact at the organisation").max(200, "Enter a contact name of 200 characters or fewer"),
  contactEmail: z.string().trim().pipe(z.email("Enter the contact's e-mail address, like name@example.org")),
});
export type PartyTerms = z.infer<typeof partyTerms>;

const isoDate = (label: string) =>
  z.iso.date(`Enter the ${label} as a real date, like 2027-03-01`);
const count = (message: string) => z.coerce.number(message).int(message);
const optionalText = z.string().trim().max(4000, "Enter 4,000 characters or fewer").default("");

export const agreementDraft = z
  .object({
    reference: z
      .string()
      .trim()
      .min(1, "Enter the agreement's reference, like DSA-WY-2027-003")
      .max(40, "Enter a reference of 40 characters or fewer")
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, "Use only letters, numbers and hyphens in the reference"),
    title: z.string().trim().min(1, "Enter the agreement's title").max(200, "Enter a title of 200 characters or fewer"),
    purpose: z.string().trim().min(1, "Enter what the data is shared for").max(4000, "Enter a purpose of 4,000 characters or fewer"),
    parties: z.record(z.uuid("Choose organisations from the list"), partyTerms),
    processingRegime: z.enum(Object.keys(REGIMES) as ["uk_gdpr", "dpa_2018_part_3"], "Choose the law the processing falls under"),
    article6Basis: z.string().trim().optional(),
    article9Condition: z.string().trim().optional(),
    dpaCondition: z.string().trim().optional(),
    threatAreas: z.record(z.string(), z.enum(["aggregate", "record"], "Choose aggregate or record level")),
    fields: z.array(z.string()).default([]),
    geography: z.array(z.object({ forceAreaCode: z.string(), ladCode: z.string().nullable() })),
    disclosureThreshold: count("Enter the threshold as a whole number, like 5").min(3, "Enter a threshold of 3 or more").max(100, "Enter a threshold of 100 or less").default(5),
    roundToBase5: z.boolean().default(true),
    retentionMonths: count("Enter the retention period as a whole number of months").min(1, "Enter a retention period of at least 1 month").max(240, "Enter a retention period of 240 months or fewer"),
    startDate: isoDate("start date"),
    endDate: isoDate("end date"),
    reviewDate: isoDate("review date"),
    securityConditions: optionalText,
    onwardSharing: optionalText,
  })
  // Runs even when a field above is wrong, so every problem is shown at once; hence the guards.
  .superRefine(
    (input, context) => {
      const draft = input as Partial<typeof input>;
      const issue = (path: string, message: string) => context.addIssue({ code: "custom", path: [path], message });
      const parties = Object.values(draft.parties ?? {}).filter((party) => typeof party === "object" && party !== null);
      if (parties.length < 2) issue("parties", "Choose at least two organisations as parties");
      else if (!parties.some((party) => party.role === "provider" || party.role === "both")) issue("parties", "Choose at least one organisation that provides data");
      else if (!parties.some((party) => party.role === "recipient" || party.role === "both")) issue("parties", "Choose at least one organisation that receives data");

      if (draft.processingRegime === "uk_gdpr") {
        if (!oneOf(ARTICLE_6_BASES, draft.article6Basis)) issue("article6Basis", "Choose the UK GDPR Article 6 lawful basis");
        if (!oneOf(ARTICLE_9_CONDITIONS, draft.article9Condition)) issue("article9Condition", "Choose the UK GDPR Article 9 condition for special-category data");
        if (!oneOf(SCHEDULE_1_CONDITIONS, draft.dpaCondition)) issue("dpaCondition", "Choose the DPA 2018 Schedule 1 condition");
      } else if (draft.processingRegime === "dpa_2018_part_3") {
        if (draft.article6Basis) issue("article6Basis", "Leave the Article 6 basis empty: it does not apply under DPA 2018 Part 3");
        if (draft.article9Condition) issue("article9Condition", "Leave the Article 9 condition empty: it does not apply under DPA 2018 Part 3");
        if (!oneOf(PART_3_CONDITIONS, draft.dpaCondition)) issue("dpaCondition", "Choose the DPA 2018 Part 3 condition relied on");
      }

      const threatAreas = typeof draft.threatAreas === "object" && draft.threatAreas !== null ? draft.threatAreas : {};
      const areas = Object.values(threatAreas);
      if (areas.length === 0) issue("threatAreas", "Choose at least one threat area to share");
      if (Object.keys(threatAreas).some((code) => !THREAT_AREAS.has(code))) issue("threatAreas", "Choose threat areas from the list");
      const fields = Array.isArray(draft.fields) ? draft.fields : [];
      const anyRecord = areas.includes("record");
      if (anyRecord && fields.length === 0) issue("fields", "Choose the fields shared at record level");
      if (!anyRecord && fields.length > 0) issue("fields", "Leave the fields empty: no threat area is shared at record level");
      if (fields.some((field) => !(SHAREABLE_FIELDS as readonly string[]).includes(field))) issue("fields", "Choose only fields that may be shared");
      if (new Set(fields).size !== fields.length) issue("fields", "Choose each field once");

      const geography = Array.isArray(draft.geography) ? draft.geography : [];
      if (geography.length === 0) issue("geography", "Choose at least one force area or local authority");
      for (const place of geography) {
        if (!getPoliceForceArea(String(place?.forceAreaCode))) {
          issue("geography", "Choose force areas from the list");
          break;
        }
        if (place.ladCode != null && getLocalAuthority(place.ladCode)?.forceAreaCode !== place.forceAreaCode) {
          issue("geography", "Choose local authorities within their own force area");
          break;
        }
        if (place.ladCode != null && geography.some((whole) => whole.ladCode === null && whole.forceAreaCode === place.forceAreaCode)) {
          issue("geography", "Choose a whole force area or some of its local authorities, not both");
          break;
        }
      }

      const day = (value: unknown) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);
      const [start, end, review] = [day(draft.startDate), day(draft.endDate), day(draft.reviewDate)];
      if (start && end && start >= end) issue("endDate", "Enter an end date after the start date");
      if (start && end && review && (review < start || review > end)) issue("reviewDate", "Enter a review date between the start and end dates");
    },
    { when: () => true },
  );

export type AgreementDraft = z.infer<typeof agreementDraft>;

function oneOf(options: readonly string[], value: string | undefined): boolean {
  return value !== undefined && options.includes(value);
}

/**
 * The draft as the form sends it: `parties.<orgId>.provider|recipient|contactName|contactEmail`,
 * `threatAreas.<code>` (empty: not shared), `fields` and `geography` checkboxes (`E23000010` for a
 * whole force area, `E23000010/E08000035` for one local authority), `roundToBase5` a checkbox.
 */
export const agreementDraftForm = z.preprocess((raw) => draftFromForm(raw as Record<string, unknown>), agreementDraft);

function draftFromForm(form: Record<string, unknown>): Record<string, unknown> {
  const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : undefined);
  const list = (name: string) => [form[name] ?? []].flat().filter((value): value is string => typeof value === "string" && value !== "");
  const parties: Record<string, Record<string, unknown>> = {};
  const threatAreas: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    const party = /^parties\.([^.]+)\.(provider|recipient)$/.exec(key);
    if (party && value) {
      const [, orgId, part] = party;
      const row = (parties[orgId!] ??= { contactName: text(`parties.${orgId}.contactName`) ?? "", contactEmail: text(`parties.${orgId}.contactEmail`) ?? "" });
      row.role = row.role ? "both" : part;
    }
    const area = /^threatAreas\.(.+)$/.exec(key);
    if (area && typeof value === "string" && value !== "") threatAreas[area[1]!] = value;
  }
  const blankToUndefined = (name: string) => (text(name) ? text(name) : undefined);
  return {
    reference: text("reference"),
    title: text("title"),
    purpose: text("purpose"),
    parties,
    processingRegime: blankToUndefined("processingRegime"),
    article6Basis: blankToUndefined("article6Basis"),
    article9Condition: blankToUndefined("article9Condition"),
    dpaCondition: blankToUndefined("dpaCondition"),
    threatAreas,
    fields: list("fields"),
    geography: list("geography").map((value) => {
      const [forceAreaCode, ladCode] = value.split("/");
      return { forceAreaCode: forceAreaCode ?? "", ladCode: ladCode ?? null };
    }),
    disclosureThreshold: blankToUndefined("disclosureThreshold"),
    roundToBase5: form.roundToBase5 !== undefined,
    retentionMonths: text("retentionMonths"),
    startDate: text("startDate"),
    endDate: text("endDate"),
    reviewDate: text("reviewDate"),
    securityConditions: text("securityConditions"),
    onwardSharing: text("onwardSharing"),
  };
}

/** A CSV of parties holds a short line per organisation: far under this. */
export const PARTIES_CSV_MAX_BYTES = 256 * 1024;

const PARTY_COLUMNS = ["organisation", "role", "contact_name", "contact_email"] as const;
const COLUMN_OF_FIELD: Record<string, (typeof PARTY_COLUMNS)[number]> = { role: "role", contactName: "contact_name", contactEmail: "contact_email" };

/**
 * The parties of a draft from a CSV with the columns organisation (its name), role (provider,
 * recipient or both), contact_name and contact_email. Each row is checked by the same party schema
 * as the form; every problem names its line and column (Invalid, under the field `parties`).
 */
export function parsePartiesCsv(text: string, organisationIdByName: (name: string) => string | undefined): Record<string, PartyTerms> {
  let rows;
  try {
    rows = parseCsvText(text, { skipBlankRows: true });
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new Invalid(`The CSV of parties cannot be read: ${error.message}.`, { parties: `Line ${error.line}: ${error.description}` });
    throw error;
  }
  const [header, ...body] = rows;
  const headings = header?.fields.map((field) => field.trim().toLowerCase()) ?? [];
  const missing = PARTY_COLUMNS.filter((column) => !headings.includes(column));
  if (missing.length > 0) throw new Invalid("The CSV of parties has the wrong columns.", { parties: `Add the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")} to the first line` });
  const problems: string[] = [];
  const parties: Record<string, PartyTerms> = {};
  for (const row of body) {
    const cell = (column: string) => row.fields[headings.indexOf(column)]?.trim() ?? "";
    const orgId = organisationIdByName(cell("organisation"));
    if (!orgId) problems.push(`Line ${row.line}, column organisation: no organisation is called "${cell("organisation")}"`);
    else if (parties[orgId]) problems.push(`Line ${row.line}, column organisation: "${cell("organisation")}" is listed twice`);
    const parsed = partyTerms.safeParse({ role: cell("role"), contactName: cell("contact_name"), contactEmail: cell("contact_email") });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`Line ${row.line}, column ${COLUMN_OF_FIELD[String(issue.path[0])] ?? "?"}: ${issue.message}`);
    } else if (orgId && !parties[orgId]) {
      parties[orgId] = parsed.data;
    }
  }
  if (body.length === 0) problems.push("Line 2: add a row for each party");
  if (problems.length > 0) throw new Invalid("There is a problem with the CSV of parties.", { parties: problems.join("; ") });
  return parties;
}
