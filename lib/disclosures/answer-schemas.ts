import { z } from "zod";
import { getLocalAuthority } from "@/lib/reference";
import {
  EARLIEST_DISCLOSURE_MONTH,
  NOT_KNOWN,
  NOT_KNOWN_LABEL,
  THREAT_AREAS,
  THREAT_SUB_TYPES,
  type CodeList,
  type ListWords,
  type MultipleQuestion,
  type ReferenceQuestion,
  type SingleQuestion,
  type SubTypeOf,
  type TextQuestion,
  type ThreatArea,
} from "@/lib/taxonomy";

/**
 * The schema of one answer of each kind of question, with the messages a person reads. Which
 * questions there are, and which are required, is the list's business (lib/taxonomy/questions.ts);
 * lib/disclosures/schema.ts puts them together.
 */

export type Mode = "draft" | "submit";

/** A finding of the personal-data scanner: UTF-16 offsets into the text it was given, and what to say. */
type TextFinding = { start: number; end: number; message: string };
export type TextScanner = (text: string) => readonly TextFinding[];

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_MISSING = "Enter the month of disclosure";
const MONTH_FORMAT = "Enter the month of disclosure as a year and month, like 2024-03";
const MONTH_FUTURE = "Enter a month that is not in the future";
const MONTH_TOO_EARLY = `Enter a month that is ${monthName(EARLIEST_DISCLOSURE_MONTH)} or later`;

/** A month as YYYY-MM, from the earliest month to `latestMonth`. */
export function monthAnswer(latestMonth: string) {
  return z
    .string({ error: (issue) => (isBlank(issue.input) ? MONTH_MISSING : MONTH_FORMAT) })
    .trim()
    .regex(MONTH_PATTERN, { error: (issue) => (isBlank(issue.input) ? MONTH_MISSING : MONTH_FORMAT) })
    .superRefine((month, ctx) => {
      if (!MONTH_PATTERN.test(month)) return;
      if (month > latestMonth) ctx.addIssue({ code: "custom", message: MONTH_FUTURE });
      else if (month < EARLIEST_DISCLOSURE_MONTH) ctx.addIssue({ code: "custom", message: MONTH_TOO_EARLY });
    });
}

const LAD_MISSING = "Select the local authority district";
const LAD_UNKNOWN = "Select a local authority district from the list";

/** An ONS local authority district code, in any case, kept in upper case. */
export function localAuthorityAnswer() {
  return z
    .string({ error: (issue) => (isBlank(issue.input) ? LAD_MISSING : LAD_UNKNOWN) })
    .trim()
    .toUpperCase()
    .superRefine((code, ctx) => {
      if (code === "") ctx.addIssue({ code: "custom", message: LAD_MISSING });
      else if (!getLocalAuthority(code)) ctx.addIssue({ code: "custom", message: LAD_UNKNOWN });
    });
}

/** One answer from a code list: a missing answer is asked for, a wrong one names the question. */
export function singleAnswer(question: SingleQuestion) {
  const invalid = `Select one of the listed answers for ‘${question.label}’`;
  return z.enum(question.list.codes, { error: (issue) => (isBlank(issue.input) ? question.prompt : invalid) });
}

/**
 * Codes from a list, each once, with "Not known" (and any other `exclusive` code, such as
 * "None") only on its own. `missing` is said when a required list is left out.
 */
function codes<C extends string>(list: CodeList<C>, words: ListWords, exclusive: readonly string[] = [], missing?: string) {
  const invalid = `Select ${words.list} from the list`;
  const alone = [...exclusive, ...(list.has(NOT_KNOWN) ? [NOT_KNOWN] : [])].filter((code) => list.has(code));
  return z
    .array(z.enum(list.codes, { error: invalid }), { error: (issue) => (missing && isBlank(issue.input) ? missing : invalid) })
    .superRefine((values, ctx) => {
      // Most lists hold one code or none, and cannot repeat one: no set is built for them.
      if (values.length > 1 && new Set(values).size !== values.length) ctx.addIssue({ code: "custom", message: `Select each ${words.item} only once` });
      for (const code of alone) {
        if (values.includes(code) && values.some((value) => value !== code)) {
          ctx.addIssue({ code: "custom", message: `Select ‘${list.label(code)}’ on its own, not with other ${words.items}` });
        }
      }
    });
}

/** A multi-valued answer; an empty list says "none", except where the question is required. */
export function multipleAnswer(question: MultipleQuestion, mode: Mode) {
  const required = question.required ? question.missing : undefined;
  const schema = codes(question.list, question.words, question.exclusive, required);
  return required && mode === "submit" ? schema.min(1, required) : schema.default([]);
}

const THREAT_AREAS_MISSING = "Select at least one threat area";
const THREAT_AREAS_UNKNOWN = "Select threat areas from the list";

/** Each area's sub-types; a submission needs at least one in every area chosen (possibly "Not known"). */
function subTypes<A extends ThreatArea>(area: A, mode: Mode): z.ZodType<SubTypeOf<A>[], SubTypeOf<A>[]> {
  const name = lowerFirst(THREAT_AREAS.label(area));
  const list = THREAT_SUB_TYPES[area] as unknown as CodeList<SubTypeOf<A>>;
  const schema = codes(list, { list: `types of ${name}`, item: "type", items: "types" });
  return mode === "submit" ? schema.min(1, `Select at least one type of ${name}, or ‘${NOT_KNOWN_LABEL}’`) : schema;
}

type ThreatAreaShape = { [A in ThreatArea]: z.ZodOptional<z.ZodType<SubTypeOf<A>[], SubTypeOf<A>[]>> };

/** The threat areas, an object keyed by area whose values are that area's sub-types. */
export function threatAreasAnswer(mode: Mode) {
  const shape = Object.fromEntries(THREAT_AREAS.codes.map((area) => [area, subTypes(area, mode).optional()])) as ThreatAreaShape;
  const schema = z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? THREAT_AREAS_UNKNOWN : isBlank(issue.input) ? THREAT_AREAS_MISSING : THREAT_AREAS_UNKNOWN,
  });
  if (mode === "draft") return schema;
  return schema.refine((areas) => chosenAreas(areas).length > 0, THREAT_AREAS_MISSING);
}

/** The areas given, in taxonomy order. */
export function chosenAreas(areas: Partial<Record<ThreatArea, unknown>>): ThreatArea[] {
  return THREAT_AREAS.codes.filter((area) => areas[area] !== undefined);
}

/** Free text: trimmed, at most its length in characters, one issue per personal-data finding (offsets into the text as sent). */
export function textAnswer(question: TextQuestion, scanText: TextScanner | undefined) {
  const { maxLength } = question;
  return z
    .string({ error: "Enter the context as text" })
    .superRefine((raw, ctx) => {
      const text = raw.trim();
      if (longerThan(text, maxLength)) {
        ctx.addIssue({
          code: "too_big",
          origin: "string",
          maximum: maxLength,
          inclusive: true,
          message: `Enter context of ${maxLength.toLocaleString("en-GB")} characters or fewer`,
        });
        return;
      }
      if (!scanText || text === "") return;
      const offset = raw.length - raw.trimStart().length;
      for (const finding of scanText(text)) {
        ctx.addIssue({ code: "custom", message: finding.message, params: { start: finding.start + offset, end: finding.end + offset } });
      }
    })
    .trim();
}

const NOT_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;

/** The partner's own reference: 1 to its length in printable characters, trimmed. */
export function referenceAnswer(question: ReferenceQuestion) {
  const { maxLength } = question;
  const length = `Enter a partner reference of 1 to ${maxLength} characters, or leave it out`;
  return z
    .string({ error: length })
    .trim()
    .superRefine((reference, ctx) => {
      if (reference === "" || longerThan(reference, maxLength)) ctx.addIssue({ code: "custom", message: length });
      else if (NOT_PRINTABLE.test(reference)) {
        ctx.addIssue({ code: "custom", message: "Enter a partner reference using only printable characters" });
      }
    });
}

function isBlank(value: unknown): boolean {
  return value === undefined || (typeof value === "string" && value.trim() === "");
}

function monthName(month: string): string {
  const date = new Date(`${month}-01T12:00:00Z`);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" }).format(date);
}

/**
 * Whether a text has more than `max` characters as Postgres counts them (code points, not UTF-16
 * units). A text has no more code points than units, so only a text with more units is counted.
 */
function longerThan(text: string, max: number): boolean {
  if (text.length <= max) return false;
  let count = 0;
  for (const _ of text) count++;
  return count > max;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
