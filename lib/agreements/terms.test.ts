import { describe, expect, it } from "vitest";
import { canonicalTerms, termsSha256, type VersionTerms } from "./terms";

const terms: VersionTerms = {
  reference: "DSA-1",
  title: "Pilot",
  version: 2,
  purpose: "To test.",
  parties: [
    { orgName: "Zeta Police", role: "recipient", contactName: "Zed", contactEmail: "zed@police.example" },
    { orgName: "Alpha Refuge", role: "provider", contactName: "Al", contactEmail: "al@refuge.example" },
  ],
  processingRegime: "uk_gdpr",
  article6Basis: "6(1)(e) public task",
  article9Condition: "9(2)(g) substantial public interest",
  dpaCondition: "DPA 2018 Schedule 1, paragraph 6 (statutory and government purposes)",
  threatAreas: [
    { threatArea: "rasso", granularity: "aggregate" },
    { threatArea: "domestic_abuse", granularity: "record" },
  ],
  fields: ["victim_sex", "victim_age_band"],
  geography: [
    { forceAreaCode: "E23000010", ladCode: "E08000035" },
    { forceAreaCode: "E23000005", ladCode: null },
  ],
  disclosureThreshold: 5,
  roundToBase5: true,
  retentionMonths: 24,
  startDate: "2027-03-01",
  endDate: "2028-03-01",
  reviewDate: "2027-09-01",
  securityConditions: "",
  onwardSharing: "None without consent.",
};

describe("the canonical terms", () => {
  it("states every term in words, parties by name and codes in order", () => {
    const text = canonicalTerms(terms);
    expect(text).toContain("Data-sharing agreement DSA-1, version 2\nTitle: Pilot\n");
    expect(text.indexOf("- Alpha Refuge: provides data; contact Al <al@refuge.example>")).toBeLessThan(text.indexOf("- Zeta Police: receives data"));
    expect(text.indexOf("(domestic_abuse): record level")).toBeLessThan(text.indexOf("(rasso): aggregate counts only"));
    expect(text.indexOf("(victim_age_band)")).toBeLessThan(text.indexOf("(victim_sex)"));
    expect(text).toContain("- Leeds (E08000035), in West Yorkshire");
    expect(text).toContain("counts from 1 to 4 are suppressed; counts below national level are rounded to base 5");
    expect(text).toContain("Start date: 1 March 2027 (2027-03-01)");
    expect(text).toContain("Security conditions:\nNone stated\n");
    expect(text).toContain("UK GDPR Article 6 basis: 6(1)(e) public task");
  });

  it("is the same text, and hash, whatever order the rows come in", () => {
    const shuffled = { ...terms, parties: [...terms.parties].reverse(), threatAreas: [...terms.threatAreas].reverse(), fields: [...terms.fields].reverse(), geography: [...terms.geography].reverse() };
    expect(canonicalTerms(shuffled)).toBe(canonicalTerms(terms));
    expect(termsSha256(canonicalTerms(terms))).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes its hash when any term changes", () => {
    const base = termsSha256(canonicalTerms(terms));
    for (const change of [{ retentionMonths: 25 }, { roundToBase5: false }, { onwardSharing: "Freely." }, { endDate: "2028-03-02" }, { version: 3 }] as Partial<VersionTerms>[]) {
      expect(termsSha256(canonicalTerms({ ...terms, ...change }))).not.toBe(base);
    }
  });

  it("hashes the text as UTF-8 SHA-256", () => {
    expect(termsSha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
