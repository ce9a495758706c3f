import { z } from "zod";
import {
  ASKED_QUESTIONS,
  THREAT_AREAS_QUESTION,
  applies,
  areaApplies,
  givenAnswersOf,
  questionsOf,
  type CodeList,
  type SubTypeOf,
  type ThreatArea,
} from "@/lib/taxonomy";
import {
  localAuthorityAnswer,
  monthAnswer,
  multipleAnswer,
  referenceAnswer,
  singleAnswer,
  textAnswer,
  threatAreasAnswer,
  type Mode,
  type TextScanner,
} from "./answer-schemas";
import { objectError } from "./field-errors";

export type { TextScanner } from "./answer-schemas";

/**
 * A disclosure as a partner submits it: the JSON body of the API, and what the form and the CSV
 * importer hand over once they have decoded their own formats. Keys are the field codes of the
 * questions (lib/taxonomy/questions.ts), in their order.
 *
 * - `threat_areas` is an object keyed by threat area, each value the sub-types chosen in that area:
 *   `{ "domestic_abuse": ["coercive_control"], "stalking_harassment": ["not_known"] }`. An area
 *   cannot be given twice, and each area's sub-types are checked against that area's own list.
 * - Multi-valued answers are arrays of codes; an empty (or absent) array means none were given.
 * - A field left out is unanswered; `null` is not accepted.
 *
 * Nothing the server owns is accepted (organisation, author, status, ids, times) and neither is the
 * police force area, which is derived from `lad_code`: an unknown key is refused by name.
 *
 * `disclosureSchema` is the submission: every question marked required, and a list that must be
 * answered where it applies once it does (the kinds of other offending). Lists that are not
 * required may be empty: they have no "none" code, so an empty list is how "none" is said.
 * `draftSchema` requires nothing but holds every value given to the same rules; a rule between two
 * answers (a question's condition) applies once both are given.
 *
 * The disclosure month is checked against the calendar month of `now` in UK time (Europe/London),
 * so a disclosure made in the first hour of a month under BST can already carry that month.
 */

export type DisclosureSchemaOptions = {
  now: Date;
  /** Scans the context for personal data; without it the context is only trimmed and measured. */
  scanText?: TextScanner | undefined;
};

/** A submission: every answer a complete disclosure needs is present. */
export function disclosureSchema(options: DisclosureSchemaOptions) {
  return z
    .strictObject(shapeOf("submit", options), { error: objectError })
    .superRefine((value, ctx) => checkAnswersTogether(value, ctx, "submit"), { when: hasObjectValue });
}

/** A draft: nothing is required yet, but every value given is valid, as in a submission. */
export function draftSchema(options: DisclosureSchemaOptions) {
  return z
    .strictObject(shapeOf("draft", options), { error: objectError })
    .superRefine((value, ctx) => checkAnswersTogether(value, ctx, "draft"), { when: hasObjectValue });
}

/** What a client sends, draft or submission (the submission requires more of it). */
export type DisclosureInput = z.input<ReturnType<typeof draftSchema>>;
export type DraftDisclosure = z.output<ReturnType<typeof draftSchema>>;

// ---------------------------------------------------------------------------------------------
// The shape, one key per question asked

type AskedQuestion = (typeof ASKED_QUESTIONS)[number];
type ThreatAreasValue = { [A in ThreatArea]?: SubTypeOf<A>[] };
type ValueOf<Q> = Q extends { kind: "single"; list: CodeList<infer C> }
  ? C
  : Q extends { kind: "multiple"; list: CodeList<infer C> }
    ? C[]
    : Q extends { kind: "threat_areas" }
      ? ThreatAreasValue
      : string;
type Answer<Q> = z.ZodType<ValueOf<Q>, ValueOf<Q>>;
/** Lists default to empty unless a submission requires them; other questions are optional unless required. */
type SchemaOf<Q, M extends Mode> = Q extends { kind: "multiple" }
  ? Q extends { required: true }
    ? M extends "submit"
      ? Answer<Q>
      : z.ZodDefault<Answer<Q>>
    : z.ZodDefault<Answer<Q>>
  : Q extends { required: true }
    ? M extends "submit"
      ? Answer<Q>
      : z.ZodOptional<Answer<Q>>
    : z.ZodOptional<Answer<Q>>;
type Shape<M extends Mode> = { [Q in AskedQuestion as Q["code"]]: SchemaOf<Q, M> };

function shapeOf<M extends Mode>(mode: M, options: DisclosureSchemaOptions): Shape<M> {
  const latestMonth = ukMonthOf(options.now);
  const entries = ASKED_QUESTIONS.map((question): [string, z.ZodType] => {
    const answer = answerSchema(question, mode, latestMonth, options.scanText);
    const optional = question.kind !== "multiple" && !(question.required && mode === "submit");
    return [question.code, optional ? answer.optional() : answer];
  });
  return Object.fromEntries(entries) as Shape<M>;
}

function answerSchema(question: AskedQuestion, mode: Mode, latestMonth: string, scanText: TextScanner | undefined): z.ZodType {
  switch (question.kind) {
    case "month":
      return monthAnswer(latestMonth);
    case "threat_areas":
      return threatAreasAnswer(mode);
    case "single":
      return singleAnswer(question);
    case "multiple":
      return multipleAnswer(question, mode);
    case "local_authority":
      return localAuthorityAnswer();
    case "text":
      return textAnswer(question, scanText);
    case "reference":
      return referenceAnswer(question);
  }
}

// ---------------------------------------------------------------------------------------------
// Rules between answers

/** The lists asked only when another answer allows them, found once rather than for every disclosure checked. */
const CONDITIONAL_LISTS = questionsOf("multiple").flatMap((question) => ("condition" in question ? [question] : []));

/**
 * Runs even when single fields failed, so a person sees every problem at once; it reads only the
 * answers that are themselves valid, and a rule between two answers waits until both are given.
 */
function checkAnswersTogether(value: unknown, ctx: z.RefinementCtx, mode: Mode): void {
  const input = value as Record<string, unknown>;
  const answers = givenAnswersOf(input);

  const { childOnly } = THREAT_AREAS_QUESTION;
  if (answers.areas.some(([area]) => areaApplies(area, answers) === "no")) {
    ctx.addIssue({ code: "custom", path: [childOnly.ageField], message: childOnly.message });
  }

  for (const question of CONDITIONAL_LISTS) {
    const given = input[question.code];
    const holds = applies(question.condition, answers);
    if (strings(given).length > 0 && holds === "no") {
      ctx.addIssue({ code: "custom", path: [question.code], message: question.condition.message });
    }
    if (mode === "submit" && "requiredWhenApplies" in question && holds === "yes" && Array.isArray(given) && given.length === 0) {
      ctx.addIssue({ code: "custom", path: [question.code], message: question.missing });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Built once: a formatter's construction costs more than formatting with it. */
const UK_MONTH = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit" });

/** The calendar month of `now` in the UK, as YYYY-MM. */
export function ukMonthOf(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new RangeError("now is not a valid date");
  const parts = UK_MONTH.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}`;
}

function hasObjectValue(payload: { value: unknown }): boolean {
  return isRecord(payload.value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
