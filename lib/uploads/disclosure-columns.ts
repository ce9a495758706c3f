import type { DisclosureInput } from "@/lib/disclosures/schema";
import {
  ASKED_QUESTIONS,
  EARLIEST_DISCLOSURE_MONTH,
  MULTIPLE_ANSWER_FIELDS,
  THREAT_AREAS,
  THREAT_SUB_TYPES,
  questionOf,
  type Question,
  type ThreatArea,
} from "@/lib/taxonomy";
import type { UploadError } from "./events";

/**
 * The disclosure CSV: one row a disclosure, one column a question (lib/taxonomy/questions.ts).
 *
 * - Threat areas are the column `threat_areas` (area codes separated by `;`) and, for each area, a
 *   column `sub_types.<area>` with that area's sub-types separated by `;` (or `not_known`). A
 *   sub-types cell is read only when its area is listed in `threat_areas`.
 * - Other multi-valued answers (barriers, referrals…) are codes separated by `;`.
 * - An empty cell is an unanswered question. Codes are matched exactly; spaces around them are ignored.
 * - `partner_reference` (optional) is your own case reference: a row whose reference already names
 *   one of your organisation's disclosures is skipped, so uploading a file again adds nothing.
 */
export const SEPARATOR = ";";
export const SUB_TYPES_PREFIX = "sub_types.";

const MULTI = new Set<string>(MULTIPLE_ANSWER_FIELDS);

/**
 * Every code a column can hold (answers, threat areas, sub-types), as the taxonomy's own string. An
 * import holds every row's answers until it has saved them all, so a cell holding a code is kept as
 * that string: the copy the file's reader made is dropped at once, instead of 100,000 rows holding
 * millions of copies of a few hundred codes, and the garbage collector copying each of them.
 */
const CODES: ReadonlyMap<string, string> = new Map(
  [
    ...ASKED_QUESTIONS.flatMap((question) => ("list" in question ? question.list.codes : [])),
    ...THREAT_AREAS.codes,
    ...THREAT_AREAS.codes.flatMap((area) => THREAT_SUB_TYPES[area].codes),
  ].map((code) => [code, code]),
);

/** A cell's text as the taxonomy's own string when it is a code (see CODES), else as it is. */
const asCode = (text: string) => CODES.get(text) ?? text;

/** The partner reference keys a row, so it comes first; then every question asked, in the list's order. */
const COLUMN_QUESTIONS = [
  ...ASKED_QUESTIONS.filter((question) => question.kind === "reference"),
  ...ASKED_QUESTIONS.filter((question) => question.kind !== "reference"),
];

/** The template's header: a column a question, each area's sub-types straight after `threat_areas`. */
export const DISCLOSURE_COLUMNS: readonly string[] = COLUMN_QUESTIONS.flatMap((question) =>
  question.kind === "threat_areas" ? [question.code, ...THREAT_AREAS.codes.map((area) => `${SUB_TYPES_PREFIX}${area}`)] : [question.code],
);

/** Columns a file may leave out: the free-text questions, which the form marks optional too. */
export const OPTIONAL_COLUMNS: readonly string[] = COLUMN_QUESTIONS.filter((question) => question.kind === "text" || question.kind === "reference").map(
  (question) => question.code,
);

const KNOWN = new Set(DISCLOSURE_COLUMNS);

export type ColumnGuide = { column: string; label: string; values: string; multiple: boolean };

/** What each column holds, for the upload page's column guide. */
export function columnGuide(): ColumnGuide[] {
  return DISCLOSURE_COLUMNS.map((column) => {
    if (column.startsWith(SUB_TYPES_PREFIX)) {
      const area = column.slice(SUB_TYPES_PREFIX.length) as ThreatArea;
      return { column, label: `Sub-types: ${THREAT_AREAS.label(area)}`, values: THREAT_SUB_TYPES[area].codes.join(", "), multiple: true };
    }
    return { column, ...guideOf(questionOf(column)!) };
  });
}

function guideOf(question: Question): Omit<ColumnGuide, "column"> {
  const { label } = question;
  switch (question.kind) {
    case "reference":
      return { label: question.question, values: `Your own case reference, 1 to ${question.maxLength} characters`, multiple: false };
    case "month":
      return { label, values: `YYYY-MM, from ${EARLIEST_DISCLOSURE_MONTH}, not in the future`, multiple: false };
    case "local_authority":
      return { label, values: "ONS local authority district code, such as E08000035", multiple: false };
    case "text":
      return { label: `${label}, optional`, values: `At most ${question.maxLength.toLocaleString("en-GB")} characters, with no personal data`, multiple: false };
    case "threat_areas":
      return { label, values: THREAT_AREAS.codes.join(", "), multiple: true };
    case "single":
    case "multiple":
      return { label, values: question.list.codes.join(", "), multiple: question.kind === "multiple" };
    case "force_area":
      return { label, values: "", multiple: false };
  }
}

/** Problems with the header row: unknown, repeated and missing columns, each named. */
export function checkDisclosureHeader(header: readonly string[]): UploadError[] {
  const errors: UploadError[] = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = raw.trim();
    const where = `column ${index + 1}`;
    if (name === "") errors.push({ row: 1, column: where, message: "A column has no name. Use the field codes from the template as the header." });
    else if (!KNOWN.has(name)) errors.push({ row: 1, column: displayColumn(name, where), message: `‘${displayColumn(name, where)}’ is not a column of the template. Remove it or correct its name.` });
    else if (seen.has(name)) errors.push({ row: 1, column: name, message: `The column ‘${name}’ appears more than once.` });
    seen.add(name);
  });
  for (const column of DISCLOSURE_COLUMNS) {
    if (!seen.has(column) && !OPTIONAL_COLUMNS.includes(column)) errors.push({ row: 1, column, message: `The column ‘${column}’ is missing. Start from the template.` });
  }
  return errors;
}

/** A header cell is repeated in messages only when it looks like a column name, never arbitrary text. */
function displayColumn(name: string, fallback: string): string {
  return /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(name) ? name : fallback;
}

/** Each area's sub-types column, by area: named once here rather than for every row. */
const SUB_TYPES_COLUMNS: ReadonlyMap<string, string> = new Map(THREAT_AREAS.codes.map((area) => [area, `${SUB_TYPES_PREFIX}${area}`]));

/**
 * A row's cells (by column name) as the schema's input: empty cells left out, lists split on `;`,
 * and each area named in `threat_areas` given its `sub_types.<area>` (empty when none, so the schema
 * says what is missing). Sub-types given for an area not listed are an error of their own.
 */
export function rowToInput(cells: ReadonlyMap<string, string>): { input: DisclosureInput; errors: { column: string; message: string }[] } {
  const input: Record<string, unknown> = {};
  const errors: { column: string; message: string }[] = [];
  // forEach, not for…of: every row of a file passes through here, and iterating a map's entries
  // makes an array for each cell.
  cells.forEach((raw, column) => {
    if (column === "threat_areas" || column.startsWith(SUB_TYPES_PREFIX)) return;
    const cell = raw.trim();
    if (cell === "") return;
    if (MULTI.has(column)) input[column] = splitCodes(cell);
    // Free text keeps its spacing: the scanner's offsets are into the text as written.
    else input[column] = column === "context" ? raw : asCode(cell);
  });
  const areas = splitCodes(cells.get("threat_areas") ?? "");
  if (areas.length > 0) {
    const threatAreas: Record<string, string[]> = {};
    for (const area of areas) {
      if (Object.hasOwn(threatAreas, area)) {
        errors.push({ column: "threat_areas", message: "Give each threat area only once" });
        continue;
      }
      threatAreas[area] = splitCodes(cells.get(SUB_TYPES_COLUMNS.get(area) ?? `${SUB_TYPES_PREFIX}${area}`) ?? "");
    }
    input.threat_areas = threatAreas;
  }
  SUB_TYPES_COLUMNS.forEach((column, area) => {
    if ((cells.get(column) ?? "").trim() !== "" && !areas.includes(area)) {
      errors.push({ column, message: `Leave ${column} empty, or add ${area} to threat_areas` });
    }
  });
  return { input: input as DisclosureInput, errors };
}

/** The CSV column of a schema field path: an area's sub-types are its `sub_types.<area>` column. */
export function columnOfPath(path: string): string {
  if (path.startsWith("threat_areas.")) {
    const area = path.slice("threat_areas.".length);
    return THREAT_AREAS.has(area) ? `${SUB_TYPES_PREFIX}${area}` : "threat_areas";
  }
  return path;
}

/**
 * The codes in a cell, trimmed, empty ones dropped, each as the taxonomy's own string when it is one
 * (see CODES). It runs for every list of every row, so it walks the cell from separator to separator
 * instead of splitting it into an array that is thrown away.
 */
function splitCodes(cell: string): string[] {
  const codes: string[] = [];
  for (let start = 0; start <= cell.length; ) {
    const separator = cell.indexOf(SEPARATOR, start);
    const end = separator === -1 ? cell.length : separator;
    const code = cell.slice(start, end).trim();
    if (code !== "") codes.push(asCode(code));
    start = end + SEPARATOR.length;
  }
  return codes;
}
