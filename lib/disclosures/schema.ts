import { z } from "zod";
import type { disclosures, disclosureThreatAreas } from "@/db/schema/disclosures";
import { forceAreaOfLocalAuthority, getLocalAuthority } from "@/lib/reference";
import {
  ABUSE_RECENCIES,
  AGE_BANDS,
  BARRIERS,
  CHILD_AGE_BANDS,
  CONTEXT_MAX_LENGTH,
  DISCLOSURE_FIELDS,
  EARLIEST_DISCLOSURE_MONTH,
  ETHNICITIES,
  NOT_KNOWN,
  NOT_KNOWN_LABEL,
  ONLINE_PLATFORMS,
  OTHER_OFFENDING_TYPES,
  PERPETRATOR_NUMBERS,
  PROTECTIVE_ORDERS,
  REFERRALS,
  RELATIONSHIPS,
  SEXES,
  SPACES,
  THREAT_AREAS,
  THREAT_SUB_TYPES,
  VICTIM_WANTS,
  YES_NO,
  isTechEnabledSubType,
  type CodeList,
  type DisclosureField,
  type SubTypeOf,
  type ThreatArea,
} from "@/lib/taxonomy";

/**
 * A disclosure as a partner submits it: the JSON body of the API, and what the form and the CSV
 * importer hand over once they have decoded their own formats. Keys are the field codes of docs/taxonomy.md#field-codes.
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
 * `disclosureSchema` is the submission: the month, at least one threat area with its sub-types
 * (or "Not known"), the district, every single-choice answer (each may be "Not known"), the
 * protective orders ("None" or "Not known" answer it) and, when the perpetrator is known to other
 * offending, its kinds. Barriers, what the victim wants, referrals and online platforms may be empty:
 * they have no "none" code, so an empty list is how "none" is said. `draftSchema` requires nothing
 * but holds every value given to the same rules; a rule between two answers applies once both are given.
 *
 * The disclosure month is checked against the calendar month of `now` in UK time (Europe/London),
 * so a disclosure made in the first hour of a month under BST can already carry that month.
 */

/** A finding of the personal-data scanner: UTF-16 offsets into the text it was given, and what to say. */
export type TextFinding = { start: number; end: number; message: string };
export type TextScanner = (text: string) => readonly TextFinding[];

export type DisclosureSchemaOptions = {
  now: Date;
  /** Scans the context for personal data; without it the context is only trimmed and measured. */
  scanText?: TextScanner | undefined;
};

/** A submission: every answer a complete disclosure needs is present. */
export function disclosureSchema(options: DisclosureSchemaOptions) {
  const latestMonth = ukMonthOf(options.now);
  return z
    .strictObject(
      {
        disclosure_month: disclosureMonth(latestMonth),
        threat_areas: threatAreas("submit"),
        ...singleAnswers(),
        lad_code: ladCode(),
        ...optionalLists(),
        protective_orders: protectiveOrders().min(1, PROTECTIVE_ORDERS_MISSING),
        context: context(options.scanText).optional(),
        partner_reference: partnerReference().optional(),
      },
      { error: objectError },
    )
    .superRefine((value, ctx) => checkAnswersTogether(value, ctx, "submit"), { when: hasObjectValue });
}

/** A draft: nothing is required yet, but every value given is valid, as in a submission. */
export function draftSchema(options: DisclosureSchemaOptions) {
  const latestMonth = ukMonthOf(options.now);
  return z
    .strictObject(
      {
        disclosure_month: disclosureMonth(latestMonth).optional(),
        threat_areas: threatAreas("draft").optional(),
        ...optionalAll(singleAnswers()),
        lad_code: ladCode().optional(),
        ...optionalLists(),
        protective_orders: protectiveOrders().default([]),
        context: context(options.scanText).optional(),
        partner_reference: partnerReference().optional(),
      },
      { error: objectError },
    )
    .superRefine((value, ctx) => checkAnswersTogether(value, ctx, "draft"), { when: hasObjectValue });
}

/** What a client sends, draft or submission (the submission requires more of it). */
export type DisclosureInput = z.input<ReturnType<typeof draftSchema>>;
export type SubmittedDisclosure = z.output<ReturnType<typeof disclosureSchema>>;
export type DraftDisclosure = z.output<ReturnType<typeof draftSchema>>;
export type DisclosureInputField = keyof DisclosureInput & string;

// ---------------------------------------------------------------------------------------------
// Fields

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTH_MISSING = "Enter the month of disclosure";
const MONTH_FORMAT = "Enter the month of disclosure as a year and month, like 2024-03";
const MONTH_FUTURE = "Enter a month that is not in the future";
const MONTH_TOO_EARLY = `Enter a month that is ${monthName(EARLIEST_DISCLOSURE_MONTH)} or later`;

function disclosureMonth(latestMonth: string) {
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

function ladCode() {
  return z
    .string({ error: (issue) => (isBlank(issue.input) ? LAD_MISSING : LAD_UNKNOWN) })
    .trim()
    .toUpperCase()
    .superRefine((code, ctx) => {
      if (code === "") ctx.addIssue({ code: "custom", message: LAD_MISSING });
      else if (!getLocalAuthority(code)) ctx.addIssue({ code: "custom", message: LAD_UNKNOWN });
    });
}

/** One answer from a code list; the first message asks for a missing answer, the second names a wrong one. */
function answer<C extends string>(list: CodeList<C>, field: DisclosureField, prompt: string) {
  const invalid = `Select one of the listed answers for ‘${DISCLOSURE_FIELDS.label(field)}’`;
  return z.enum(list.codes, { error: (issue) => (isBlank(issue.input) ? prompt : invalid) });
}

function singleAnswers() {
  return {
    abuse_recency: answer(ABUSE_RECENCIES, "abuse_recency", "Select how long ago the abuse happened"),
    victim_age_band: answer(AGE_BANDS, "victim_age_band", "Select the victim’s age band"),
    victim_sex: answer(SEXES, "victim_sex", "Select the victim’s sex"),
    victim_gender_differs_from_sex_at_birth: answer(
      YES_NO,
      "victim_gender_differs_from_sex_at_birth",
      "Select whether the victim’s gender differs from their sex at birth",
    ),
    victim_ethnicity: answer(ETHNICITIES, "victim_ethnicity", "Select the victim’s ethnicity"),
    victim_lgbtq: answer(YES_NO, "victim_lgbtq", "Select whether the victim is LGBTQ+"),
    victim_disability: answer(YES_NO, "victim_disability", "Select whether the victim has a disability"),
    victim_mental_health_need: answer(YES_NO, "victim_mental_health_need", "Select whether the victim has a mental-health need"),
    victim_migrant: answer(YES_NO, "victim_migrant", "Select whether the victim is a migrant"),
    victim_no_recourse_to_public_funds: answer(
      YES_NO,
      "victim_no_recourse_to_public_funds",
      "Select whether the victim has no recourse to public funds",
    ),
    victim_repeat: answer(YES_NO, "victim_repeat", "Select whether the victim was known to your organisation before"),
    victim_children_in_household: answer(
      YES_NO,
      "victim_children_in_household",
      "Select whether there are children in the household",
    ),
    perpetrator_relationship: answer(
      RELATIONSHIPS,
      "perpetrator_relationship",
      "Select the perpetrator’s relationship to the victim",
    ),
    perpetrator_sex: answer(SEXES, "perpetrator_sex", "Select the perpetrator’s sex"),
    perpetrator_age_band: answer(AGE_BANDS, "perpetrator_age_band", "Select the perpetrator’s age band"),
    perpetrator_number: answer(
      PERPETRATOR_NUMBERS,
      "perpetrator_number",
      "Select whether there was a lone perpetrator or a group",
    ),
    perpetrator_other_offending: answer(
      YES_NO,
      "perpetrator_other_offending",
      "Select whether the perpetrator is known to other offending",
    ),
    perpetrator_ideology_concern: answer(
      YES_NO,
      "perpetrator_ideology_concern",
      "Select whether there is a misogynistic or incel ideology concern",
    ),
    space: answer(SPACES, "space", "Select the space where the abuse happened"),
    reported_to_police: answer(YES_NO, "reported_to_police", "Select whether the victim reported to the police"),
  };
}

type ListWords = {
  /** The list as a whole: "Select barriers to reporting from the list". */
  list: string;
  /** One entry: "Select each barrier only once". */
  item: string;
  /** Several entries: "not with other barriers". */
  items: string;
};

/**
 * A multi-valued answer: codes from the list, each once, with "Not known" (and any other
 * `exclusive` code, such as "None") only on its own.
 */
function codes<C extends string>(list: CodeList<C>, words: ListWords, exclusive: readonly C[] = []) {
  const invalid = `Select ${words.list} from the list`;
  const alone = [...exclusive, ...(list.has(NOT_KNOWN) ? [NOT_KNOWN as C] : [])];
  return z.array(z.enum(list.codes, { error: invalid }), { error: invalid }).superRefine((values, ctx) => {
    if (new Set(values).size !== values.length) ctx.addIssue({ code: "custom", message: `Select each ${words.item} only once` });
    for (const code of alone) {
      if (values.includes(code) && values.some((value) => value !== code)) {
        ctx.addIssue({ code: "custom", message: `Select ‘${list.label(code)}’ on its own, not with other ${words.items}` });
      }
    }
  });
}

function optionalLists() {
  return {
    perpetrator_other_offending_types: codes(OTHER_OFFENDING_TYPES, {
      list: "kinds of other offending",
      item: "kind of offending",
      items: "kinds of offending",
    }).default([]),
    online_platforms: codes(ONLINE_PLATFORMS, {
      list: "online platform types",
      item: "platform type",
      items: "platform types",
    }).default([]),
    barriers: codes(BARRIERS, { list: "barriers to reporting", item: "barrier", items: "barriers" }).default([]),
    victim_wants: codes(VICTIM_WANTS, { list: "what the victim wants", item: "answer", items: "answers" }).default([]),
    referrals: codes(REFERRALS, { list: "referrals", item: "referral", items: "referrals" }).default([]),
  };
}

const PROTECTIVE_ORDERS_MISSING = "Select the protective orders in place, ‘None’ or ‘Not known’";

function protectiveOrders() {
  return z.array(z.enum(PROTECTIVE_ORDERS.codes, { error: "Select protective orders from the list" }), {
    error: (issue) => (isBlank(issue.input) ? PROTECTIVE_ORDERS_MISSING : "Select protective orders from the list"),
  }).superRefine((values, ctx) => {
    if (new Set(values).size !== values.length) ctx.addIssue({ code: "custom", message: "Select each order only once" });
    for (const code of ["none", NOT_KNOWN] as const) {
      if (values.includes(code) && values.some((value) => value !== code)) {
        ctx.addIssue({ code: "custom", message: `Select ‘${PROTECTIVE_ORDERS.label(code)}’ on its own, not with other orders` });
      }
    }
  });
}

const THREAT_AREAS_MISSING = "Select at least one threat area";
const THREAT_AREAS_UNKNOWN = "Select threat areas from the list";

type Mode = "draft" | "submit";

/** Each area's sub-types; a submission needs at least one in every area chosen (possibly "Not known"). */
function subTypes<A extends ThreatArea>(area: A, mode: Mode): z.ZodType<SubTypeOf<A>[], SubTypeOf<A>[]> {
  const name = lowerFirst(THREAT_AREAS.label(area));
  const list = THREAT_SUB_TYPES[area] as unknown as CodeList<SubTypeOf<A>>;
  const schema = codes(list, { list: `types of ${name}`, item: "type", items: "types" });
  return mode === "submit" ? schema.min(1, `Select at least one type of ${name}, or ‘${NOT_KNOWN_LABEL}’`) : schema;
}

type ThreatAreaShape = { [A in ThreatArea]: z.ZodOptional<z.ZodType<SubTypeOf<A>[], SubTypeOf<A>[]>> };

function threatAreas(mode: Mode) {
  const shape = Object.fromEntries(
    THREAT_AREAS.codes.map((area) => [area, subTypes(area, mode).optional()]),
  ) as ThreatAreaShape;
  const schema = z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? THREAT_AREAS_UNKNOWN : isBlank(issue.input) ? THREAT_AREAS_MISSING : THREAT_AREAS_UNKNOWN,
  });
  if (mode === "draft") return schema;
  return schema.refine((areas) => chosenAreas(areas).length > 0, THREAT_AREAS_MISSING);
}

/** Free text: trimmed, at most 1,000 characters, one issue per personal-data finding (offsets into the text as sent). */
function context(scanText: TextScanner | undefined) {
  return z
    .string({ error: "Enter the context as text" })
    .superRefine((raw, ctx) => {
      const text = raw.trim();
      if (characterCount(text) > CONTEXT_MAX_LENGTH) {
        ctx.addIssue({
          code: "too_big",
          origin: "string",
          maximum: CONTEXT_MAX_LENGTH,
          inclusive: true,
          message: `Enter context of ${CONTEXT_MAX_LENGTH.toLocaleString("en-GB")} characters or fewer`,
        });
        return;
      }
      if (!scanText || text === "") return;
      const offset = raw.length - raw.trimStart().length;
      for (const finding of scanText(text)) {
        ctx.addIssue({
          code: "custom",
          message: finding.message,
          params: { start: finding.start + offset, end: finding.end + offset },
        });
      }
    })
    .trim();
}

const PARTNER_REFERENCE_MAX_LENGTH = 100;
const NOT_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;

function partnerReference() {
  const length = `Enter a partner reference of 1 to ${PARTNER_REFERENCE_MAX_LENGTH} characters, or leave it out`;
  return z
    .string({ error: length })
    .trim()
    .superRefine((reference, ctx) => {
      const count = characterCount(reference);
      if (count < 1 || count > PARTNER_REFERENCE_MAX_LENGTH) ctx.addIssue({ code: "custom", message: length });
      else if (NOT_PRINTABLE.test(reference)) {
        ctx.addIssue({ code: "custom", message: "Enter a partner reference using only printable characters" });
      }
    });
}

// ---------------------------------------------------------------------------------------------
// Rules between answers

/**
 * Runs even when single fields failed, so a person sees every problem at once; it reads only the
 * answers that are themselves valid, and a rule between two answers waits until both are given.
 */
function checkAnswersTogether(value: unknown, ctx: z.RefinementCtx, mode: Mode): void {
  const input = value as Record<string, unknown>;
  const areas = isRecord(input.threat_areas) ? validAreas(input.threat_areas) : [];
  const techEnabled = areas.some(([area, chosen]) => chosen.some((code) => isTechEnabledSubType(area, code)));

  const victimAge = AGE_BANDS.has(input.victim_age_band) ? input.victim_age_band : undefined;
  if (victimAge && areas.some(([area]) => area === "csae") && !CHILD_AGE_BANDS.includes(victimAge)) {
    ctx.addIssue({
      code: "custom",
      path: ["victim_age_band"],
      message: "Select 10 to 14 or 15 to 17: child sexual abuse and exploitation is recorded only for victims under 18",
    });
  }

  const space = SPACES.has(input.space) ? input.space : undefined;
  if (strings(input.online_platforms).length > 0 && space && space !== "online" && !techEnabled) {
    ctx.addIssue({
      code: "custom",
      path: ["online_platforms"],
      message: "Only select online platform types when the space is ‘Online’ or a tech-enabled type of abuse is selected",
    });
  }

  const reported = YES_NO.has(input.reported_to_police) ? input.reported_to_police : undefined;
  if (strings(input.barriers).length > 0 && reported && reported !== "no") {
    ctx.addIssue({
      code: "custom",
      path: ["barriers"],
      message: "Only select barriers to reporting when the victim did not report to the police",
    });
  }

  const otherOffending = YES_NO.has(input.perpetrator_other_offending) ? input.perpetrator_other_offending : undefined;
  const offendingTypes = input.perpetrator_other_offending_types;
  if (strings(offendingTypes).length > 0 && otherOffending && otherOffending !== "yes") {
    ctx.addIssue({
      code: "custom",
      path: ["perpetrator_other_offending_types"],
      message: "Only select kinds of other offending when the perpetrator is known to other offending",
    });
  }
  if (mode === "submit" && otherOffending === "yes" && Array.isArray(offendingTypes) && offendingTypes.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["perpetrator_other_offending_types"],
      message: `Select the kinds of other offending, or ‘${NOT_KNOWN_LABEL}’`,
    });
  }
}

function validAreas(value: Record<string, unknown>): [ThreatArea, string[]][] {
  return Object.entries(value).flatMap(([area, chosen]): [ThreatArea, string[]][] =>
    THREAT_AREAS.has(area) && Array.isArray(chosen) ? [[area, strings(chosen)]] : [],
  );
}

function chosenAreas(areas: Partial<Record<ThreatArea, unknown>>): ThreatArea[] {
  return THREAT_AREAS.codes.filter((area) => areas[area] !== undefined);
}

// ---------------------------------------------------------------------------------------------
// To the database and back

/** Columns the server fills in: who, when, which version and in what state; and the keyed hash of the reference. */
type ServerOwnedColumn =
  | "id"
  | "orgId"
  | "createdBy"
  | "seriesId"
  | "version"
  | "supersedesId"
  | "status"
  | "partnerReferenceHash"
  | "submittedAt"
  | "withdrawnAt"
  | "withdrawnReason"
  | "createdAt"
  | "updatedAt";

export type DisclosureRow = Omit<typeof disclosures.$inferInsert, ServerOwnedColumn>;
export type ThreatAreaRow = Omit<typeof disclosureThreatAreas.$inferInsert, "disclosureId">;

/**
 * The columns of a parsed draft or submission, every one set (unanswered is `null`, so saving a
 * draft again clears what was removed), with the force area derived from the district. The partner
 * reference is left to the service, which stores only its keyed hash.
 */
export function toDisclosureRow(parsed: DraftDisclosure): {
  disclosure: { [K in keyof DisclosureRow]-?: Exclude<DisclosureRow[K], undefined> };
  threatAreas: ThreatAreaRow[];
} {
  const forceAreaCode = parsed.lad_code === undefined ? null : forceAreaOfLocalAuthority(parsed.lad_code);
  if (forceAreaCode === undefined) throw new Error("toDisclosureRow needs a parsed disclosure: its district is unknown");
  const areas = parsed.threat_areas ?? {};
  const context = parsed.context?.trim();
  return {
    disclosure: {
      disclosureMonth: parsed.disclosure_month === undefined ? null : `${parsed.disclosure_month}-01`,
      abuseRecency: parsed.abuse_recency ?? null,
      victimAgeBand: parsed.victim_age_band ?? null,
      victimSex: parsed.victim_sex ?? null,
      victimGenderDiffersFromSexAtBirth: parsed.victim_gender_differs_from_sex_at_birth ?? null,
      victimEthnicity: parsed.victim_ethnicity ?? null,
      victimLgbtq: parsed.victim_lgbtq ?? null,
      victimDisability: parsed.victim_disability ?? null,
      victimMentalHealthNeed: parsed.victim_mental_health_need ?? null,
      victimMigrant: parsed.victim_migrant ?? null,
      victimNoRecourseToPublicFunds: parsed.victim_no_recourse_to_public_funds ?? null,
      victimRepeat: parsed.victim_repeat ?? null,
      victimChildrenInHousehold: parsed.victim_children_in_household ?? null,
      perpetratorRelationship: parsed.perpetrator_relationship ?? null,
      perpetratorSex: parsed.perpetrator_sex ?? null,
      perpetratorAgeBand: parsed.perpetrator_age_band ?? null,
      perpetratorNumber: parsed.perpetrator_number ?? null,
      perpetratorOtherOffending: parsed.perpetrator_other_offending ?? null,
      perpetratorOtherOffendingTypes: [...parsed.perpetrator_other_offending_types],
      perpetratorIdeologyConcern: parsed.perpetrator_ideology_concern ?? null,
      space: parsed.space ?? null,
      onlinePlatforms: [...parsed.online_platforms],
      ladCode: parsed.lad_code ?? null,
      forceAreaCode,
      reportedToPolice: parsed.reported_to_police ?? null,
      barriers: [...parsed.barriers],
      victimWants: [...parsed.victim_wants],
      protectiveOrders: [...parsed.protective_orders],
      referrals: [...parsed.referrals],
      context: context ? context : null,
    },
    threatAreas: chosenAreas(areas).map((area) => ({ threatArea: area, subTypes: [...(areas[area] ?? [])] })),
  };
}

/** A stored disclosure's columns, nullable or missing as a select or insert has them. */
export type StoredDisclosure = { [K in keyof DisclosureRow]?: DisclosureRow[K] | null };

/**
 * The input shape of a stored disclosure, for editing a draft or resubmitting: unanswered columns
 * are left out. The force area is not part of it, nor the partner reference (only its hash is kept).
 */
export function toDisclosureInput(
  row: StoredDisclosure,
  threatAreaRows: readonly { threatArea: ThreatArea; subTypes?: readonly string[] | null | undefined }[],
): DisclosureInput {
  const input: Record<string, unknown> = {
    disclosure_month: row.disclosureMonth?.slice(0, 7),
    threat_areas:
      threatAreaRows.length > 0
        ? Object.fromEntries(threatAreaRows.map((entry) => [entry.threatArea, [...(entry.subTypes ?? [])]]))
        : undefined,
    abuse_recency: row.abuseRecency,
    victim_age_band: row.victimAgeBand,
    victim_sex: row.victimSex,
    victim_gender_differs_from_sex_at_birth: row.victimGenderDiffersFromSexAtBirth,
    victim_ethnicity: row.victimEthnicity,
    victim_lgbtq: row.victimLgbtq,
    victim_disability: row.victimDisability,
    victim_mental_health_need: row.victimMentalHealthNeed,
    victim_migrant: row.victimMigrant,
    victim_no_recourse_to_public_funds: row.victimNoRecourseToPublicFunds,
    victim_repeat: row.victimRepeat,
    victim_children_in_household: row.victimChildrenInHousehold,
    perpetrator_relationship: row.perpetratorRelationship,
    perpetrator_sex: row.perpetratorSex,
    perpetrator_age_band: row.perpetratorAgeBand,
    perpetrator_number: row.perpetratorNumber,
    perpetrator_other_offending: row.perpetratorOtherOffending,
    perpetrator_other_offending_types: row.perpetratorOtherOffendingTypes,
    perpetrator_ideology_concern: row.perpetratorIdeologyConcern,
    space: row.space,
    online_platforms: row.onlinePlatforms,
    lad_code: row.ladCode,
    reported_to_police: row.reportedToPolice,
    barriers: row.barriers,
    victim_wants: row.victimWants,
    protective_orders: row.protectiveOrders,
    referrals: row.referrals,
    context: row.context,
  };
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) delete input[key];
    else if (Array.isArray(value)) input[key] = [...(value as unknown[])];
  }
  return input as DisclosureInput;
}

// ---------------------------------------------------------------------------------------------
// Field errors

/** One problem with one field, for a form, an RFC 9457 problem document or the CSV error report. */
export type FieldError = {
  /** A field code (`"barriers"`), `"threat_areas.<area>"` for an area's sub-types, or `""` for the whole disclosure. */
  path: string;
  message: string;
  /** Where in the context a personal-data finding lies, so a form can highlight it. */
  start?: number;
  end?: number;
};

/**
 * Field errors keyed by field code, in the order zod found them. List positions are dropped (a
 * form marks the whole question) and repeats merged; each unknown key becomes its own error.
 */
export function toFieldErrors(error: z.ZodError | readonly z.core.$ZodIssue[]): FieldError[] {
  const issues = error instanceof z.ZodError ? error.issues : error;
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (fieldError: FieldError) => {
    const key = JSON.stringify([fieldError.path, fieldError.message, fieldError.start, fieldError.end]);
    if (seen.has(key)) return;
    seen.add(key);
    errors.push(fieldError);
  };
  for (const issue of issues) {
    const [field, area] = issue.path;
    if (field === undefined && issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add({ path: key.slice(0, 100), message: unknownKeyMessage(key) });
      continue;
    }
    const path =
      typeof field !== "string" ? "" : field === "threat_areas" && typeof area === "string" ? `${field}.${area}` : field;
    const position = issue.code === "custom" ? positionOf(issue.params) : undefined;
    add({ path, message: issue.message, ...position });
  }
  return errors;
}

function positionOf(params: Record<string, unknown> | undefined): { start: number; end: number } | undefined {
  const start = params?.start;
  const end = params?.end;
  return typeof start === "number" && typeof end === "number" ? { start, end } : undefined;
}

const FORCE_AREA_KEYS = new Set(["force_area_code", "forceAreaCode", "force_area"]);

function unknownKeyMessage(key: string): string {
  const name = displayKey(key);
  if (FORCE_AREA_KEYS.has(key)) return `Remove ${name}: the police force area is worked out from lad_code`;
  return `Remove ${name}: it is not a field of a disclosure`;
}

function objectError(issue: z.core.$ZodRawIssue): string {
  if (issue.code !== "unrecognized_keys") return "Send the disclosure as an object of fields";
  const keys = (issue.keys as string[]).map(displayKey);
  const force = (issue.keys as string[]).some((key) => FORCE_AREA_KEYS.has(key))
    ? " (the police force area is worked out from lad_code)"
    : "";
  return keys.length === 1
    ? `Remove ${keys[0]}: it is not a field of a disclosure${force}`
    : `Remove the fields that are not part of a disclosure: ${keys.join(", ")}${force}`;
}

/** A key is named only when it looks like a field name: anything else could carry what someone typed. */
function displayKey(key: string): string {
  return /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(key) ? `‘${key}’` : "a field";
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** The calendar month of `now` in the UK, as YYYY-MM. */
export function ukMonthOf(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new RangeError("now is not a valid date");
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit" }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}`;
}

function monthName(month: string): string {
  const date = new Date(`${month}-01T12:00:00Z`);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "long", year: "numeric" }).format(date);
}

function optionalAll<S extends Record<string, z.ZodType>>(shape: S): { [K in keyof S]: z.ZodOptional<S[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.optional()])) as {
    [K in keyof S]: z.ZodOptional<S[K]>;
  };
}

function hasObjectValue(payload: { value: unknown }): boolean {
  return isRecord(payload.value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isBlank(value: unknown): boolean {
  return value === undefined || (typeof value === "string" && value.trim() === "");
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** Characters as Postgres counts them (code points), not UTF-16 units. */
function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
