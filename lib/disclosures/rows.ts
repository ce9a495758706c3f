import type { disclosures, disclosureThreatAreas } from "@/db/schema/disclosures";
import { forceAreaOfLocalAuthority } from "@/lib/reference";
import { QUESTIONS, type ThreatArea } from "@/lib/taxonomy";
import { chosenAreas } from "./answer-schemas";
import type { DisclosureInput, DraftDisclosure } from "./schema";

/**
 * A disclosure's answers to the database and back, question by question: each question names
 * its column (lib/taxonomy/questions.ts); threat areas are rows of their own table, and the
 * partner reference is left to the service, which stores only its keyed hash.
 */

/**
 * Columns the server fills in: who, when, which version and in what state; the keyed hash of the
 * reference; and the copies of the threat areas and access keys the database keeps for access policies.
 */
type ServerOwnedColumn =
  | "id"
  | "orgId"
  | "createdBy"
  | "seriesId"
  | "version"
  | "supersedesId"
  | "status"
  | "partnerReferenceHash"
  | "threatAreas"
  | "accessKeys"
  | "recordKey"
  | "submittedAt"
  | "withdrawnAt"
  | "withdrawnReason"
  | "createdAt"
  | "updatedAt";

export type DisclosureRow = Omit<typeof disclosures.$inferInsert, ServerOwnedColumn>;
export type ThreatAreaRow = Omit<typeof disclosureThreatAreas.$inferInsert, "disclosureId">;

/** The columns the questions name: exactly the answer columns of the table, checked when compiling. */
type QuestionColumn = Exclude<(typeof QUESTIONS)[number]["column"], null>;
type Holds<T extends true> = T;
type _EveryQuestionColumnExists = Holds<QuestionColumn extends keyof DisclosureRow ? true : false>;
type _EveryAnswerColumnIsAsked = Holds<keyof DisclosureRow extends QuestionColumn ? true : false>;

const STORED = QUESTIONS.flatMap((question) => (question.column === null ? [] : [{ ...question, column: question.column }]));

/**
 * The columns of a parsed draft or submission, every one set (unanswered is `null`, so saving a
 * draft again clears what was removed), with the force area derived from the district.
 */
export function toDisclosureRow(parsed: DraftDisclosure): {
  disclosure: { [K in keyof DisclosureRow]-?: Exclude<DisclosureRow[K], undefined> };
  threatAreas: ThreatAreaRow[];
} {
  const values = parsed as Record<string, unknown>;
  const columns = STORED.map((question): [string, unknown] => {
    const value = values[question.code];
    switch (question.kind) {
      case "month":
        return [question.column, typeof value === "string" ? `${value}-01` : null];
      case "multiple":
        return [question.column, [...((value as readonly string[] | undefined) ?? [])]];
      case "force_area": {
        const district = values[question.from];
        const forceArea = typeof district === "string" ? forceAreaOfLocalAuthority(district) : null;
        if (forceArea === undefined) throw new Error("toDisclosureRow needs a parsed disclosure: its district is unknown");
        return [question.column, forceArea];
      }
      case "text": {
        const text = typeof value === "string" ? value.trim() : "";
        return [question.column, text === "" ? null : text];
      }
      default:
        return [question.column, value ?? null];
    }
  });
  const areas = parsed.threat_areas ?? {};
  return {
    disclosure: Object.fromEntries(columns) as { [K in keyof DisclosureRow]-?: Exclude<DisclosureRow[K], undefined> },
    threatAreas: chosenAreas(areas).map((area) => ({ threatArea: area, subTypes: [...(areas[area] ?? [])] })),
  };
}

/**
 * The copy of a disclosure's threat areas kept in the disclosure itself for access policies, in
 * taxonomy order as the database keeps it: written with a new disclosure, so that the database
 * need not rewrite the row to copy them in (migration 0014).
 */
export function threatAreaCopy(threatAreas: readonly ThreatAreaRow[]): ThreatArea[] {
  return threatAreas.map((area) => area.threatArea);
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
  const stored = row as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  for (const question of QUESTIONS) {
    if (question.kind === "threat_areas") {
      if (threatAreaRows.length > 0) {
        input[question.code] = Object.fromEntries(threatAreaRows.map((entry) => [entry.threatArea, [...(entry.subTypes ?? [])]]));
      }
      continue;
    }
    const value = question.column === null ? undefined : stored[question.column];
    if (question.kind === "force_area" || value === null || value === undefined) continue;
    if (question.kind === "month") input[question.code] = (value as string).slice(0, 7);
    else input[question.code] = Array.isArray(value) ? [...(value as unknown[])] : value;
  }
  return input as DisclosureInput;
}
