import { ASKED_QUESTIONS, MULTIPLE_ANSWER_FIELDS, THREAT_AREAS } from "@/lib/taxonomy";
import type { DisclosureInput } from "./schema";

/**
 * The disclosure form's names and the schema's input shape, both ways. The form is flat: the
 * threat areas chosen are a checkbox group `threat_area`, each area's sub-types a checkbox group
 * `threat_areas.<area>`, multi-valued answers repeat their name. Pure, so the client can use it.
 */

/** What a form holds: one string per single answer, a list per multiple choice. */
export type FormValues = Record<string, string | string[]>;

/** The checkbox group choosing threat areas; each chosen area's sub-types are `threat_areas.<area>`. */
export const THREAT_AREA_FIELD = "threat_area";
export const SUB_TYPE_PREFIX = "threat_areas.";

/** The form's names in the order of its questions, so problems can be listed top to bottom. */
export const FORM_FIELD_ORDER: readonly string[] = ASKED_QUESTIONS.flatMap((question) =>
  question.kind === "threat_areas" ? [question.code, ...THREAT_AREAS.codes.map((area) => `${SUB_TYPE_PREFIX}${area}`)] : [question.code],
);

/** Names that steer the action rather than answer a question. */
const CONTROL_FIELDS = new Set(["intent", "draft_id", "correct_id", "section", "return", "lad_code_confirmed"]);

const MULTI = new Set<string>(MULTIPLE_ANSWER_FIELDS);

/**
 * What a form sent as form values: a name sent more than once becomes a list; files are ignored.
 * From the form in the browser, or from the lists a refused post echoes back (lib/actions.ts).
 */
export function formValuesOf(sent: FormData | Readonly<Record<string, readonly string[]>>): FormValues {
  const values: FormValues = {};
  const keys = sent instanceof FormData ? new Set(sent.keys()) : Object.keys(sent);
  for (const key of keys) {
    if (key.startsWith("$ACTION")) continue;
    const all = (sent instanceof FormData ? sent.getAll(key) : (sent[key] ?? [])).filter((value): value is string => typeof value === "string");
    values[key] = all.length > 1 || isListName(key) ? all : (all[0] ?? "");
  }
  return values;
}

/**
 * The schema's input from the form's fields: empty answers are left out (unanswered), lists are
 * lists, and each chosen threat area carries its sub-types (an empty list when none were ticked,
 * so a submission says what is missing). Sub-types of an area not chosen are dropped. Names the
 * form does not know are passed on, for the strict schema to refuse by name.
 */
export function formToInput(form: Readonly<Record<string, unknown>>): DisclosureInput {
  const input: Record<string, unknown> = {};
  let areas: string[] = [];
  const subTypes = new Map<string, string[]>();
  for (const [key, raw] of Object.entries(form)) {
    if (key.startsWith("$ACTION") || CONTROL_FIELDS.has(key)) continue;
    const list = toList(raw);
    if (key === THREAT_AREA_FIELD) areas = list;
    else if (key.startsWith(SUB_TYPE_PREFIX)) subTypes.set(key.slice(SUB_TYPE_PREFIX.length), list);
    else if (MULTI.has(key)) {
      if (list.length > 0) input[key] = list;
    } else if (Array.isArray(raw)) {
      if (list.length > 0) input[key] = list.length === 1 ? list[0] : list;
    } else if (typeof raw === "string") {
      if (raw.trim() !== "") input[key] = raw;
    } else if (raw !== undefined && raw !== null) {
      input[key] = raw;
    }
  }
  const chosen = [...new Set(areas)];
  if (chosen.length > 0) input.threat_areas = Object.fromEntries(chosen.map((area) => [area, subTypes.get(area) ?? []]));
  return input as DisclosureInput;
}

/** The form's values for a stored disclosure's input, to edit a draft or correct a submission. */
export function inputToForm(input: DisclosureInput): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (key === "threat_areas" && isRecord(value)) {
      values[THREAT_AREA_FIELD] = Object.keys(value);
      for (const [area, chosen] of Object.entries(value)) values[`${SUB_TYPE_PREFIX}${area}`] = toList(chosen);
    } else if (Array.isArray(value)) {
      values[key] = toList(value);
    } else if (typeof value === "string") {
      values[key] = value;
    }
  }
  return values;
}

/** One answer of the form values ("" when unanswered). */
export function single(values: FormValues, name: string): string {
  const value = values[name];
  return typeof value === "string" ? value : (value?.[0] ?? "");
}

/** A multiple choice of the form values (empty when none). */
export function multiple(values: FormValues, name: string): string[] {
  const value = values[name];
  return value === undefined ? [] : typeof value === "string" ? (value === "" ? [] : [value]) : value;
}

function isListName(key: string): boolean {
  return MULTI.has(key) || key === THREAT_AREA_FIELD || key.startsWith(SUB_TYPE_PREFIX);
}

function toList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is string => typeof item === "string" && item.trim() !== "");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
