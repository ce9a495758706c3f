import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { disclosures } from "@/db/schema/disclosures";
import { openApiDocument } from "@/lib/api/openapi";
import {
  ASKED_QUESTIONS,
  DISCLOSURE_FIELDS,
  QUESTIONS,
  SECTIONS,
  SINGLE_ANSWER_FIELDS,
  THREAT_AREAS,
  THREAT_AREAS_QUESTION,
  questionOf,
  questionsOf,
} from "@/lib/taxonomy";
import { DISCLOSURE_COLUMNS, OPTIONAL_COLUMNS } from "@/lib/uploads/disclosure-columns";
import { FORM_FIELD_ORDER } from "./form-data";
import { toDisclosureRow } from "./rows";
import { disclosureSchema, draftSchema } from "./schema";

/** The list of questions is the one place a question is written: everything else must follow it. */

const NOW = new Date("2025-03-10T09:30:00Z");
const asked: string[] = ASKED_QUESTIONS.map((question) => question.code);
const withSubTypes = (prefix: string) =>
  ASKED_QUESTIONS.flatMap((question) =>
    question.kind === "threat_areas" ? [question.code, ...THREAT_AREAS.codes.map((area) => `${prefix}${area}`)] : [question.code],
  );

/** Columns the server fills in rather than a question. */
const SERVER_OWNED = [
  "id",
  "orgId",
  "createdBy",
  "seriesId",
  "version",
  "supersedesId",
  "status",
  "partnerReferenceHash",
  "threatAreas",
  "accessKeys",
  "recordKey",
  "submittedAt",
  "withdrawnAt",
  "withdrawnReason",
  "createdAt",
  "updatedAt",
];

describe("the list of questions", () => {
  it("gives every question a distinct code, and every stored one a distinct column", () => {
    expect(QUESTIONS.length).toBeGreaterThan(30);
    expect(new Set(QUESTIONS.map((question) => question.code)).size).toBe(QUESTIONS.length);
    const columns = QUESTIONS.flatMap((question) => (question.column === null ? [] : [question.column]));
    expect(new Set(columns).size).toBe(columns.length);
  });

  it("is in section order, every section holding at least one question", () => {
    const order = QUESTIONS.map((question) => SECTIONS.indexOf(question.section));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const section of SECTIONS) expect(QUESTIONS.some((question) => question.section === section), section).toBe(true);
  });

  it("makes a question depend only on a single answer asked before it, with a code of that answer's list", () => {
    const conditional = QUESTIONS.flatMap((question) => ("condition" in question ? [question] : []));
    expect(conditional.map((question) => question.code)).toEqual(["perpetrator_other_offending_types", "online_platforms", "barriers"]);
    for (const question of conditional) {
      const controlling = questionOf(question.condition.field);
      expect(controlling?.kind, question.code).toBe("single");
      if (controlling?.kind !== "single") continue;
      expect(controlling.list.has(question.condition.equals)).toBe(true);
      expect(asked.indexOf(controlling.code)).toBeLessThan(asked.indexOf(question.code));
    }
  });

  it("holds child-only threat areas to child age bands of the victim's age band question", () => {
    const { childOnly } = THREAT_AREAS_QUESTION;
    const ageBand = questionOf(childOnly.ageField);
    expect(ageBand?.kind).toBe("single");
    if (ageBand?.kind !== "single") return;
    expect(childOnly.areas).toEqual(["csae"]);
    expect(childOnly.bands.length).toBeGreaterThan(0);
    for (const band of childOnly.bands) expect(ageBand.list.has(band)).toBe(true);
  });

  it("says what is missing for every list a submission may require, and keeps exclusive codes in their list", () => {
    const lists = questionsOf("multiple");
    expect(lists).toHaveLength(6);
    for (const question of lists) {
      if (question.required || "requiredWhenApplies" in question) expect("missing" in question, question.code).toBe(true);
      for (const code of "exclusive" in question ? question.exclusive : []) expect(question.list.has(code)).toBe(true);
    }
  });

  it("names the fields of agreements: every question but the partner reference, with the sub-types after the threat areas", () => {
    const expected = QUESTIONS.flatMap((question) =>
      question.kind === "reference" ? [] : question.kind === "threat_areas" ? [question.code, "sub_types"] : [question.code],
    );
    expect(DISCLOSURE_FIELDS.codes).toEqual(expected);
    for (const question of QUESTIONS) {
      if (question.kind !== "reference") expect(DISCLOSURE_FIELDS.label(question.code)).toBe(question.label);
    }
  });

  it("lists the single-answer questions the browser tests fill", () => {
    expect(SINGLE_ANSWER_FIELDS).toHaveLength(20);
    expect(SINGLE_ANSWER_FIELDS).toEqual(QUESTIONS.filter((question) => question.kind === "single").map((question) => question.code));
  });
});

describe("what the list drives", () => {
  it("gives both schemas one key per question asked, in the list's order", () => {
    expect(Object.keys(disclosureSchema({ now: NOW }).shape)).toEqual(asked);
    expect(Object.keys(draftSchema({ now: NOW }).shape)).toEqual(asked);
    expect(asked).not.toContain("force_area_code");
  });

  it("requires of a submission exactly the questions marked required", () => {
    const json = z.toJSONSchema(disclosureSchema({ now: NOW }), { io: "input", unrepresentable: "any" }) as { required: string[] };
    const required = ASKED_QUESTIONS.filter((question) => question.required).map((question) => question.code);
    expect(required).toContain("protective_orders");
    expect(json.required).toEqual(required);
  });

  it("maps every answer column of the disclosures table, and only those, to a question", () => {
    const answerColumns = Object.keys(getTableColumns(disclosures)).filter((column) => !SERVER_OWNED.includes(column));
    const questionColumns = QUESTIONS.flatMap((question) => (question.column === null ? [] : [question.column]));
    expect(answerColumns.length).toBeGreaterThan(25);
    expect([...questionColumns].sort()).toEqual([...answerColumns].sort());
    const { disclosure } = toDisclosureRow(draftSchema({ now: NOW }).parse({}));
    expect(Object.keys(disclosure).sort()).toEqual([...answerColumns].sort());
  });

  it("has CSV columns in the list's order, the partner reference first and each area's sub-types after threat_areas", () => {
    const columns = withSubTypes("sub_types.");
    expect(DISCLOSURE_COLUMNS).toEqual(["partner_reference", ...columns.filter((column) => column !== "partner_reference")]);
    expect(OPTIONAL_COLUMNS).toEqual(["partner_reference", "context"]);
  });

  it("orders the form's fields, and so its error summary, as the list", () => {
    expect(FORM_FIELD_ORDER).toEqual(withSubTypes("threat_areas."));
  });

  it("describes every field of the API document with its question's label", () => {
    const input = openApiDocument(NOW).components.schemas.DisclosureInput as { properties: Record<string, { description?: string }> };
    expect(Object.keys(input.properties)).toEqual(asked);
    for (const question of ASKED_QUESTIONS) expect(input.properties[question.code]?.description).toBe(question.label);
  });
});
