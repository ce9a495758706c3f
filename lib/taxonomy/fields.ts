import { defineCodes, type CodeOf } from "./code-list";
import { QUESTIONS, type QuestionCode } from "./questions";

type ReferenceQuestion = Extract<(typeof QUESTIONS)[number], { kind: "reference" }>;
type ThreatAreasQuestion = Extract<(typeof QUESTIONS)[number], { kind: "threat_areas" }>;
type FieldCode = Exclude<QuestionCode, ReferenceQuestion["code"]> | ThreatAreasQuestion["subTypes"]["code"];

/**
 * The fields of a disclosure by their stable codes (docs/taxonomy.md#field-codes), as used in CSV headers, API
 * bodies and data-sharing agreements: every question but the partner's own reference, with the
 * sub-types of the threat areas as a field of their own. Free text and the partner reference are never shared.
 */
export const DISCLOSURE_FIELDS = defineCodes(
  Object.fromEntries(
    QUESTIONS.flatMap((question): [string, string][] => {
      if (question.kind === "reference") return [];
      if (question.kind === "threat_areas") return [[question.code, question.label], [question.subTypes.code, question.subTypes.label]];
      return [[question.code, question.label]];
    }),
  ) as Record<FieldCode, string>,
);

export type DisclosureField = CodeOf<typeof DISCLOSURE_FIELDS>;

/** Fields that never leave the submitting organisation, whatever an agreement says. */
const NEVER_SHARED_FIELDS: readonly DisclosureField[] = QUESTIONS.flatMap((question) =>
  "neverShared" in question && question.kind !== "reference" ? [question.code] : [],
);

export const SHAREABLE_FIELDS: readonly DisclosureField[] = DISCLOSURE_FIELDS.codes.filter(
  (field) => !NEVER_SHARED_FIELDS.includes(field),
);
