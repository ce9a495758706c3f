import { describe, expect, it } from "vitest";
import { SECTIONS } from "@/lib/taxonomy";
import { codesIn, errorsIn, firstSectionWithErrors, sectionAfter, sectionOfField, sectionOfSlug, sectionSlug, withSection } from "./sections";

describe("disclosure form sections", () => {
  it("names each section's page and finds the section again from it", () => {
    expect(sectionSlug("Referrals and support")).toBe("referrals-and-support");
    for (const section of SECTIONS) expect(sectionOfSlug(sectionSlug(section))).toBe(section);
    expect(sectionOfSlug("nonsense")).toBeUndefined();
  });

  it("goes from one section to the next, and to nothing after the last", () => {
    expect(sectionAfter("Period")).toBe("Threat areas");
    expect(sectionAfter(SECTIONS[SECTIONS.length - 1]!)).toBeUndefined();
  });

  it("asks every question in exactly one section", () => {
    const codes = SECTIONS.flatMap(codesIn);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codesIn("Place")).toEqual(["space", "online_platforms", "lad_code"]);
  });

  it("puts an area's sub-types with the threat areas", () => {
    expect(sectionOfField("threat_areas.rasso")).toBe("Threat areas");
    expect(sectionOfField("")).toBeUndefined();
  });

  it("replaces one section's answers and keeps the others", () => {
    const stored = { victim_sex: "female", reported_to_police: "no", barriers: ["fear_of_perpetrator"] };
    expect(withSection(stored, "Reporting", { reported_to_police: "yes" })).toEqual({ victim_sex: "female", reported_to_police: "yes" });
  });

  it("sorts problems into their sections", () => {
    const errors = { lad_code: "Select the local authority district", victim_sex: "Select the victim’s sex", "threat_areas.rasso": "Select at least one type" };
    expect(errorsIn(errors, "Place")).toEqual({ lad_code: "Select the local authority district" });
    expect(firstSectionWithErrors(errors)).toBe("Threat areas");
    expect(firstSectionWithErrors({})).toBeUndefined();
  });
});
