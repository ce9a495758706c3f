import { questionOf, questionsOf, type Condition, type ThreatAreasQuestion } from "./questions";
import { THREAT_AREAS, isTechEnabledSubType, type ThreatArea } from "./threat-areas";

/**
 * Whether a question applies to the answers given so far. The form shows a conditional question
 * only when it applies (`"yes"`); the schema refuses an answer to it only when it cannot (`"no"`),
 * so a draft may answer it before the answer it depends on (`"unknown"`).
 */
export type Applies = "yes" | "no" | "unknown";

export type GivenAnswers = {
  /** A single answer, only when it is given and one of its list's codes. */
  single(field: string): string | undefined;
  /** The threat areas chosen, each with the sub-types chosen in it. */
  areas: readonly (readonly [ThreatArea, readonly string[]])[];
};

export function applies(condition: Condition | undefined, answers: GivenAnswers): Applies {
  if (!condition) return "yes";
  if (condition.kind === "online" && involvesTechnology(answers)) return "yes";
  const answer = answers.single(condition.field);
  if (answer === undefined) return "unknown";
  return answer === condition.equals ? "yes" : "no";
}

/** Whether a threat area may be chosen: areas recorded only for children need a child age band. */
export function areaApplies(area: ThreatArea, answers: GivenAnswers): Applies {
  const { childOnly } = THREAT_AREAS_QUESTION;
  if (!childOnly.areas.includes(area)) return "yes";
  const ageBand = answers.single(childOnly.ageField);
  if (ageBand === undefined) return "unknown";
  return childOnly.bands.includes(ageBand) ? "yes" : "no";
}

/** The threat-areas question: its own rules (child-only areas, sub-types) are read from here. */
export const THREAT_AREAS_QUESTION: ThreatAreasQuestion = questionsOf("threat_areas")[0]!;

function involvesTechnology(answers: GivenAnswers): boolean {
  return answers.areas.some(([area, chosen]) => chosen.some((code) => isTechEnabledSubType(area, code)));
}

/** The answers a disclosure's input gives (the schema's shape), read as conditions read them. */
export function givenAnswersOf(input: Readonly<Record<string, unknown>>): GivenAnswers {
  const areas = isRecord(input.threat_areas) ? validAreas(input.threat_areas) : [];
  return {
    single: (field) => {
      const question = questionOf(field);
      const answer = input[field];
      return question?.kind === "single" && question.list.has(answer) ? answer : undefined;
    },
    areas,
  };
}

function validAreas(value: Record<string, unknown>): [ThreatArea, string[]][] {
  return Object.entries(value).flatMap(([area, chosen]): [ThreatArea, string[]][] =>
    THREAT_AREAS.has(area) && Array.isArray(chosen) ? [[area, strings(chosen)]] : [],
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}
