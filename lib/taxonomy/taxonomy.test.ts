import { describe, expect, it } from "vitest";
import { listEthnicCategories } from "@/lib/reference";
import {
  AGE_BANDS,
  CHILD_AGE_BANDS,
  ETHNIC_CATEGORIES,
  ETHNIC_GROUPS,
  ETHNICITIES,
  KEY_THREATS,
  NOT_KNOWN,
  SHAREABLE_FIELDS,
  THREAT_AREAS,
  THREAT_SUB_TYPES,
  type YES_NO,
  ethnicGroupOf,
  isTechEnabledSubType,
  defineCodes,
} from ".";
import * as answers from "./answers";

describe("taxonomy", () => {
  it("has the ten threat areas of the STRA, four of them key threats, none 'not known'", () => {
    expect(THREAT_AREAS.codes).toHaveLength(10);
    expect(KEY_THREATS).toEqual(["domestic_abuse", "rasso", "csae", "tech_enabled"]);
    expect(THREAT_AREAS.has(NOT_KNOWN)).toBe(false);
  });

  it("gives every threat area its sub-types, each list ending with 'not known'", () => {
    for (const area of THREAT_AREAS.codes) {
      const subTypes = THREAT_SUB_TYPES[area];
      expect(subTypes.codes.length).toBeGreaterThan(1);
      expect(subTypes.codes.at(-1)).toBe(NOT_KNOWN);
    }
    expect(THREAT_SUB_TYPES.csae.codes).toContain("online_grooming");
    expect(THREAT_SUB_TYPES.honour_based_abuse.label("fgm")).toBe("Female genital mutilation");
  });

  it("accepts 'not known' in every categorical answer", () => {
    const lists = Object.values(answers).filter(
      (value): value is typeof YES_NO => typeof value === "object" && value !== null && "codes" in value,
    );
    expect(lists).toHaveLength(13);
    for (const list of lists) expect(list.has(NOT_KNOWN)).toBe(true);
    expect(ETHNICITIES.has(NOT_KNOWN)).toBe(true);
  });

  it("bands children as 10-14 and 15-17, the only bands csae allows", () => {
    expect(CHILD_AGE_BANDS).toEqual(["10-14", "15-17"]);
    expect(AGE_BANDS.codes.slice(0, 2)).toEqual(CHILD_AGE_BANDS);
  });

  it("maps the 19 ethnic categories onto the ONS Census 2021 classification exactly", () => {
    const census = listEthnicCategories();
    expect(Object.keys(ETHNIC_CATEGORIES)).toHaveLength(19);
    for (const [code, category] of Object.entries(ETHNIC_CATEGORIES)) {
      const ons = census.find((row) => row.code20b === category.census2021Code);
      expect(ons, code).toBeDefined();
      expect(ons!.shortLabel).toBe(category.label);
      expect(ETHNIC_GROUPS.labels[category.group]).toBe(ons!.groupLabel);
    }
  });

  it("offers 'not stated' and 'not known' as ethnicities that belong to no group", () => {
    expect(ETHNICITIES.codes.slice(-2)).toEqual(["not_stated", NOT_KNOWN]);
    expect(ethnicGroupOf("not_stated")).toBeUndefined();
    expect(ethnicGroupOf("roma")).toBe("white");
  });

  it("treats every tech-enabled sub-type, cyberstalking and online grooming as involving technology", () => {
    expect(isTechEnabledSubType("tech_enabled", "image_based_abuse")).toBe(true);
    expect(isTechEnabledSubType("tech_enabled", NOT_KNOWN)).toBe(false);
    expect(isTechEnabledSubType("stalking_harassment", "cyberstalking")).toBe(true);
    expect(isTechEnabledSubType("csae", "online_grooming")).toBe(true);
    expect(isTechEnabledSubType("domestic_abuse", "physical")).toBe(false);
  });

  it("never shares the free-text context under an agreement", () => {
    expect(SHAREABLE_FIELDS).not.toContain("context");
    expect(SHAREABLE_FIELDS).toContain("victim_ethnicity");
  });

  it("refuses to define an empty code list", () => {
    expect(() => defineCodes({})).toThrow(/at least one code/);
  });
});
