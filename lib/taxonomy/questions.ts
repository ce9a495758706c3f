import * as answers from "./answers";
import type { CodeList } from "./code-list";
import { ETHNICITIES, ETHNICITY_GROUPS } from "./ethnicity";
import type { ThreatArea } from "./threat-areas";

/**
 * The questions of a disclosure, in the order the form asks them, each written once. The zod
 * schemas, the mapping to database rows and back, the form, the answers page, the CSV template
 * and the API document are all built from this list (docs/taxonomy.md).
 *
 * - `code` is the stable field code of CSV headers, API bodies and data-sharing agreements.
 * - `label` names the answer where it is read back (answers page, CSV guide, error messages);
 *   `question` is what the form asks, with its `hint`.
 * - `required`: a submission must answer it (a draft never has to).
 * - `condition`: when it applies; an answer given when it does not is refused, and the form
 *   shows the question only when it does.
 * - `column`: the drizzle column of `disclosures` holding the answer. Threat areas have a table
 *   of their own and the partner reference is kept only as a keyed hash, so theirs is `null`.
 */

export const SECTIONS = ["Period", "Threat areas", "Victim", "Perpetrator", "Place", "Reporting", "Referrals and support", "Context"] as const;
export type Section = (typeof SECTIONS)[number];

/** When a question applies: an answer to another question, or the abuse involving technology. */
export type Condition =
  | { readonly kind: "answer"; readonly field: string; readonly equals: string; readonly message: string }
  | { readonly kind: "online"; readonly field: string; readonly equals: string; readonly message: string };

type Common = {
  readonly code: string;
  readonly label: string;
  readonly section: Section;
  readonly column: string | null;
  readonly required: boolean;
  readonly condition?: Condition;
  /** Never shared under an agreement, whatever it says. */
  readonly neverShared?: true;
};

type Asked = Common & { readonly question: string; readonly hint?: string };

/** Words for a list's messages: "Select barriers to reporting from the list", "each barrier", "other barriers". */
export type ListWords = { readonly list: string; readonly item: string; readonly items: string };

type MonthQuestion = Asked & { readonly kind: "month"; readonly column: string };
export type ThreatAreasQuestion = Asked & {
  readonly kind: "threat_areas";
  readonly column: null;
  /** The field code of the sub-types chosen in each area, shared under agreements on its own. */
  readonly subTypes: { readonly code: string; readonly label: string };
  /** Areas recorded only for child victims: the victim's age band must then be one of `bands`. */
  readonly childOnly: {
    readonly areas: readonly ThreatArea[];
    readonly ageField: string;
    readonly bands: readonly string[];
    readonly message: string;
  };
};
export type SingleQuestion = Asked & {
  readonly kind: "single";
  readonly column: string;
  readonly list: CodeList<string>;
  /** The message asking for a missing answer. */
  readonly prompt: string;
} & (
    | { readonly layout: "stacked" | "inline" }
    /** A long list, grouped, is a drop-down; codes in no group follow the groups. */
    | {
        readonly layout: "grouped";
        readonly groups: readonly { readonly label: string; readonly codes: readonly string[] }[];
        readonly placeholder: string;
      }
  );
export type MultipleQuestion = Asked & {
  readonly kind: "multiple";
  readonly column: string;
  readonly list: CodeList<string>;
  readonly words: ListWords;
  /** Codes that stand only on their own, besides "not known" (which always does). */
  readonly exclusive?: readonly string[];
  /** What to say when a required list is empty (or one that must be answered where it applies). */
  readonly missing?: string;
  /** Must be answered whenever its condition holds. */
  readonly requiredWhenApplies?: true;
};
type LocalAuthorityQuestion = Asked & { readonly kind: "local_authority"; readonly column: string; readonly placeholder: string };
/** Worked out from another answer, never asked: shown with the answers. */
type DerivedQuestion = Common & { readonly kind: "force_area"; readonly column: string; readonly from: string };
export type TextQuestion = Asked & { readonly kind: "text"; readonly column: string; readonly maxLength: number };
/** The partner's own case reference: optional, never stored as written. */
export type ReferenceQuestion = Asked & { readonly kind: "reference"; readonly column: null; readonly maxLength: number };

export type Question =
  | MonthQuestion
  | ThreatAreasQuestion
  | SingleQuestion
  | MultipleQuestion
  | LocalAuthorityQuestion
  | DerivedQuestion
  | TextQuestion
  | ReferenceQuestion;

export type QuestionKind = Question["kind"];

function single<const Code extends string, const Column extends string, C extends string, const L extends "stacked" | "inline" = "inline">(
  code: Code,
  label: string,
  section: Section,
  column: Column,
  list: CodeList<C>,
  question: string,
  prompt: string,
  layout: L = "inline" as L,
) {
  return { kind: "single", code, label, section, column, list, question, prompt, layout, required: true } as const;
}

function yesNo<const Code extends string, const Column extends string>(
  code: Code,
  label: string,
  section: Section,
  column: Column,
  question: string,
  prompt: string,
) {
  return single(code, label, section, column, answers.YES_NO, question, prompt);
}

const SELECT_ALL = "Select all that apply.";

export const QUESTIONS = [
  {
    kind: "month",
    code: "disclosure_month",
    label: "Month of disclosure",
    section: "Period",
    column: "disclosureMonth",
    question: "Month of disclosure",
    hint: "The month the victim told you about the abuse, for example November 2026.",
    required: true,
  },
  single(
    "abuse_recency",
    "How long ago the abuse happened",
    "Period",
    "abuseRecency",
    answers.ABUSE_RECENCIES,
    "How long ago did the abuse happen?",
    "Select how long ago the abuse happened",
    "stacked",
  ),
  {
    kind: "threat_areas",
    code: "threat_areas",
    label: "Threat areas",
    section: "Threat areas",
    column: null,
    question: "Which threat areas does the disclosure involve?",
    hint: "Select all that apply, then the types of each. Child sexual abuse and exploitation can be chosen when the victim is under 18.",
    required: true,
    subTypes: { code: "sub_types", label: "Sub-types" },
    childOnly: {
      areas: ["csae"],
      ageField: "victim_age_band",
      bands: answers.CHILD_AGE_BANDS,
      message: "Select 10 to 14 or 15 to 17: child sexual abuse and exploitation is recorded only for victims under 18",
    },
  },
  single("victim_age_band", "Victim age band", "Victim", "victimAgeBand", answers.AGE_BANDS, "Age band", "Select the victim’s age band"),
  single("victim_sex", "Victim sex", "Victim", "victimSex", answers.SEXES, "Sex", "Select the victim’s sex"),
  yesNo(
    "victim_gender_differs_from_sex_at_birth",
    "Victim gender differs from sex at birth",
    "Victim",
    "victimGenderDiffersFromSexAtBirth",
    "Does the victim's gender differ from their sex at birth?",
    "Select whether the victim’s gender differs from their sex at birth",
  ),
  {
    ...single("victim_ethnicity", "Victim ethnicity", "Victim", "victimEthnicity", ETHNICITIES, "Ethnicity", "Select the victim’s ethnicity"),
    layout: "grouped",
    hint: "ONS 2021 categories, grouped.",
    groups: ETHNICITY_GROUPS,
    placeholder: "Select ethnicity",
  },
  yesNo("victim_lgbtq", "Victim is LGBTQ+", "Victim", "victimLgbtq", "Is the victim LGBTQ+?", "Select whether the victim is LGBTQ+"),
  yesNo(
    "victim_disability",
    "Victim has a disability",
    "Victim",
    "victimDisability",
    "Does the victim have a disability?",
    "Select whether the victim has a disability",
  ),
  yesNo(
    "victim_mental_health_need",
    "Victim has a mental-health need",
    "Victim",
    "victimMentalHealthNeed",
    "Does the victim have a mental-health need?",
    "Select whether the victim has a mental-health need",
  ),
  yesNo("victim_migrant", "Victim is a migrant", "Victim", "victimMigrant", "Is the victim a migrant?", "Select whether the victim is a migrant"),
  yesNo(
    "victim_no_recourse_to_public_funds",
    "Victim has no recourse to public funds",
    "Victim",
    "victimNoRecourseToPublicFunds",
    "Does the victim have no recourse to public funds?",
    "Select whether the victim has no recourse to public funds",
  ),
  yesNo(
    "victim_repeat",
    "Repeat victim",
    "Victim",
    "victimRepeat",
    "Was the victim known to your organisation before?",
    "Select whether the victim was known to your organisation before",
  ),
  yesNo(
    "victim_children_in_household",
    "Children in household",
    "Victim",
    "victimChildrenInHousehold",
    "Are there children in the household?",
    "Select whether there are children in the household",
  ),
  single(
    "perpetrator_relationship",
    "Perpetrator relationship to victim",
    "Perpetrator",
    "perpetratorRelationship",
    answers.RELATIONSHIPS,
    "Relationship to the victim",
    "Select the perpetrator’s relationship to the victim",
    "stacked",
  ),
  single("perpetrator_sex", "Perpetrator sex", "Perpetrator", "perpetratorSex", answers.SEXES, "Sex", "Select the perpetrator’s sex"),
  single(
    "perpetrator_age_band",
    "Perpetrator age band",
    "Perpetrator",
    "perpetratorAgeBand",
    answers.AGE_BANDS,
    "Age band",
    "Select the perpetrator’s age band",
  ),
  single(
    "perpetrator_number",
    "Lone or group",
    "Perpetrator",
    "perpetratorNumber",
    answers.PERPETRATOR_NUMBERS,
    "Lone perpetrator or group?",
    "Select whether there was a lone perpetrator or a group",
  ),
  yesNo(
    "perpetrator_other_offending",
    "Perpetrator known to other offending",
    "Perpetrator",
    "perpetratorOtherOffending",
    "Is the perpetrator known to other offending?",
    "Select whether the perpetrator is known to other offending",
  ),
  {
    kind: "multiple",
    code: "perpetrator_other_offending_types",
    label: "Kinds of other offending",
    section: "Perpetrator",
    column: "perpetratorOtherOffendingTypes",
    list: answers.OTHER_OFFENDING_TYPES,
    question: "Kinds of other offending",
    hint: SELECT_ALL,
    required: false,
    requiredWhenApplies: true,
    missing: "Select the kinds of other offending, or ‘Not known’",
    words: { list: "kinds of other offending", item: "kind of offending", items: "kinds of offending" },
    condition: {
      kind: "answer",
      field: "perpetrator_other_offending",
      equals: "yes",
      message: "Only select kinds of other offending when the perpetrator is known to other offending",
    },
  },
  yesNo(
    "perpetrator_ideology_concern",
    "Misogynistic or incel ideology concern",
    "Perpetrator",
    "perpetratorIdeologyConcern",
    "Is there a misogynistic, incel or manosphere ideology concern?",
    "Select whether there is a misogynistic or incel ideology concern",
  ),
  single("space", "Space", "Place", "space", answers.SPACES, "Where did the abuse happen?", "Select the space where the abuse happened", "stacked"),
  {
    kind: "multiple",
    code: "online_platforms",
    label: "Online platform types",
    section: "Place",
    column: "onlinePlatforms",
    list: answers.ONLINE_PLATFORMS,
    question: "Online platform types",
    hint: SELECT_ALL,
    required: false,
    words: { list: "online platform types", item: "platform type", items: "platform types" },
    condition: {
      kind: "online",
      field: "space",
      equals: "online",
      message: "Only select online platform types when the space is ‘Online’ or a tech-enabled type of abuse is selected",
    },
  },
  {
    kind: "local_authority",
    code: "lad_code",
    label: "Local authority district",
    section: "Place",
    column: "ladCode",
    question: "Local authority district",
    hint: "The police force area is worked out from it.",
    placeholder: "Select local authority",
    required: true,
  },
  { kind: "force_area", code: "force_area_code", label: "Police force area", section: "Place", column: "forceAreaCode", from: "lad_code", required: false },
  yesNo(
    "reported_to_police",
    "Reported to police",
    "Reporting",
    "reportedToPolice",
    "Did the victim report to the police?",
    "Select whether the victim reported to the police",
  ),
  {
    kind: "multiple",
    code: "barriers",
    label: "Barriers to reporting",
    section: "Reporting",
    column: "barriers",
    list: answers.BARRIERS,
    question: "Barriers to reporting",
    hint: SELECT_ALL,
    required: false,
    words: { list: "barriers to reporting", item: "barrier", items: "barriers" },
    condition: {
      kind: "answer",
      field: "reported_to_police",
      equals: "no",
      message: "Only select barriers to reporting when the victim did not report to the police",
    },
  },
  {
    kind: "multiple",
    code: "victim_wants",
    label: "What the victim wants",
    section: "Reporting",
    column: "victimWants",
    list: answers.VICTIM_WANTS,
    question: "What does the victim want?",
    hint: SELECT_ALL,
    required: false,
    words: { list: "what the victim wants", item: "answer", items: "answers" },
  },
  {
    kind: "multiple",
    code: "protective_orders",
    label: "Protective orders in place",
    section: "Reporting",
    column: "protectiveOrders",
    list: answers.PROTECTIVE_ORDERS,
    question: "Civil protective orders known to be in place",
    hint: "Select all that apply, ‘None’ or ‘Not known’.",
    required: true,
    missing: "Select the protective orders in place, ‘None’ or ‘Not known’",
    exclusive: ["none"],
    words: { list: "protective orders", item: "order", items: "orders" },
  },
  {
    kind: "multiple",
    code: "referrals",
    label: "Referrals and support",
    section: "Referrals and support",
    column: "referrals",
    list: answers.REFERRALS,
    question: "Referrals made and support given",
    hint: SELECT_ALL,
    required: false,
    words: { list: "referrals", item: "referral", items: "referrals" },
  },
  {
    kind: "text",
    code: "context",
    label: "Context (free text)",
    section: "Context",
    column: "context",
    question: "Context (optional)",
    hint: "No names, dates, addresses, postcodes, phone numbers, e-mail addresses, NHS or National Insurance numbers, vehicle registrations or profile links.",
    maxLength: answers.CONTEXT_MAX_LENGTH,
    required: false,
    neverShared: true,
  },
  {
    kind: "reference",
    code: "partner_reference",
    label: "Partner reference",
    section: "Context",
    column: null,
    question: "Partner reference (optional)",
    hint: "Your own case reference, so the same disclosure is not sent twice. Only a keyed hash of it is stored.",
    maxLength: 100,
    required: false,
    neverShared: true,
  },
] as const satisfies readonly Question[];

export type QuestionCode = (typeof QUESTIONS)[number]["code"];
type QuestionOf<K extends QuestionKind> = Extract<(typeof QUESTIONS)[number], { kind: K }>;

/** The questions of one kind, in list order, with their literal codes. */
export function questionsOf<K extends QuestionKind>(kind: K): QuestionOf<K>[] {
  return QUESTIONS.filter((question): question is QuestionOf<K> => question.kind === kind);
}

const BY_CODE = new Map<string, Question>(QUESTIONS.map((question) => [question.code, question]));

export function questionOf(code: string): Question | undefined {
  return BY_CODE.get(code);
}

/** The questions a person answers: all but those worked out from other answers. */
export const ASKED_QUESTIONS = QUESTIONS.filter(
  (question): question is Exclude<(typeof QUESTIONS)[number], { kind: "force_area" }> => question.kind !== "force_area",
);
export type AskedQuestion = Exclude<Question, DerivedQuestion>;

/** The categorical questions with exactly one answer each (every one accepts "not known"). */
export const SINGLE_ANSWER_FIELDS = questionsOf("single").map((question) => question.code);

/** The questions whose answer is a list of codes. */
export const MULTIPLE_ANSWER_FIELDS = questionsOf("multiple").map((question) => question.code);
