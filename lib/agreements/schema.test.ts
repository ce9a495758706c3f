import { describe, expect, it } from "vitest";
import { Invalid } from "@/lib/errors";
import { agreementDraft, agreementDraftForm, parsePartiesCsv } from "./schema";

const IDVA = "00000000-0000-4000-8000-000000000001";
const POLICE = "00000000-0000-4000-8000-000000000002";

const valid = {
  reference: "DSA-WY-2027-003",
  title: "Leeds pilot",
  purpose: "To understand abuse never reported to police.",
  parties: {
    [IDVA]: { role: "provider", contactName: "Ann Lead", contactEmail: "ann@idva.example" },
    [POLICE]: { role: "recipient", contactName: "Bob Lead", contactEmail: "bob@police.example" },
  },
  processingRegime: "uk_gdpr",
  article6Basis: "6(1)(e) public task",
  article9Condition: "9(2)(g) substantial public interest",
  dpaCondition: "DPA 2018 Schedule 1, paragraph 6 (statutory and government purposes)",
  threatAreas: { domestic_abuse: "record", stalking_harassment: "aggregate" },
  fields: ["victim_age_band"],
  geography: [{ forceAreaCode: "E23000010", ladCode: null }],
  retentionMonths: 24,
  startDate: "2027-03-01",
  endDate: "2028-03-01",
  reviewDate: "2027-09-01",
};

function errorsOf(input: unknown): Record<string, string> {
  const result = agreementDraft.safeParse(input);
  if (result.success) return {};
  // The first message of each field, as a form shows it.
  return Object.fromEntries(result.error.issues.toReversed().map((issue) => [issue.path.join("."), issue.message]));
}

describe("the agreement draft schema", () => {
  it("accepts a complete draft, with a threshold of 5 and rounding by default", () => {
    const parsed = agreementDraft.parse(valid);
    expect(parsed).toMatchObject({ disclosureThreshold: 5, roundToBase5: true, securityConditions: "", onwardSharing: "" });
  });

  it("requires the three UK GDPR conditions under UK GDPR, naming each field", () => {
    expect(errorsOf({ ...valid, article6Basis: undefined, article9Condition: "made up", dpaCondition: "" })).toEqual({
      article6Basis: "Choose the UK GDPR Article 6 lawful basis",
      article9Condition: "Choose the UK GDPR Article 9 condition for special-category data",
      dpaCondition: "Choose the DPA 2018 Schedule 1 condition",
    });
  });

  it("requires the Part 3 condition, and no Article 6 or 9, under DPA 2018 Part 3", () => {
    expect(errorsOf({ ...valid, processingRegime: "dpa_2018_part_3" })).toEqual({
      article6Basis: "Leave the Article 6 basis empty: it does not apply under DPA 2018 Part 3",
      article9Condition: "Leave the Article 9 condition empty: it does not apply under DPA 2018 Part 3",
      dpaCondition: "Choose the DPA 2018 Part 3 condition relied on",
    });
    expect(
      errorsOf({ ...valid, processingRegime: "dpa_2018_part_3", article6Basis: undefined, article9Condition: undefined, dpaCondition: "DPA 2018 section 35(2)(b) necessary for a law enforcement purpose" }),
    ).toEqual({});
  });

  it("requires fields under record granularity and forbids them otherwise", () => {
    expect(errorsOf({ ...valid, fields: [] })).toEqual({ fields: "Choose the fields shared at record level" });
    expect(errorsOf({ ...valid, threatAreas: { domestic_abuse: "aggregate" } })).toEqual({ fields: "Leave the fields empty: no threat area is shared at record level" });
    expect(errorsOf({ ...valid, fields: ["context"] })).toEqual({ fields: "Choose only fields that may be shared" });
  });

  it("refuses an unknown threat area code", () => {
    expect(errorsOf({ ...valid, threatAreas: { burglary: "record" } })).toMatchObject({ threatAreas: "Choose threat areas from the list" });
  });

  it("checks the geography against the reference data", () => {
    expect(errorsOf({ ...valid, geography: [] })).toEqual({ geography: "Choose at least one force area or local authority" });
    expect(errorsOf({ ...valid, geography: [{ forceAreaCode: "E23999999", ladCode: null }] })).toEqual({ geography: "Choose force areas from the list" });
    expect(errorsOf({ ...valid, geography: [{ forceAreaCode: "E23000005", ladCode: "E08000035" }] })).toEqual({ geography: "Choose local authorities within their own force area" });
    expect(errorsOf({ ...valid, geography: [{ forceAreaCode: "E23000010", ladCode: "E08000035" }] })).toEqual({});
  });

  it("keeps the threshold at 3 or more and the retention above zero", () => {
    expect(errorsOf({ ...valid, disclosureThreshold: 2, retentionMonths: 0 })).toEqual({
      disclosureThreshold: "Enter a threshold of 3 or more",
      retentionMonths: "Enter a retention period of at least 1 month",
    });
    expect(errorsOf({ ...valid, disclosureThreshold: 4.5 })).toEqual({ disclosureThreshold: "Enter the threshold as a whole number, like 5" });
  });

  it("orders the dates: start before end, review between them", () => {
    expect(errorsOf({ ...valid, endDate: "2027-03-01" })).toEqual({ endDate: "Enter an end date after the start date", reviewDate: "Enter a review date between the start and end dates" });
    expect(errorsOf({ ...valid, reviewDate: "2028-04-01" })).toEqual({ reviewDate: "Enter a review date between the start and end dates" });
    expect(errorsOf({ ...valid, startDate: "2027-02-30" })).toMatchObject({ startDate: "Enter the start date as a real date, like 2027-03-01" });
  });

  it("needs a provider and a recipient among at least two parties, each with a contact", () => {
    expect(errorsOf({ ...valid, parties: { [IDVA]: valid.parties[IDVA] } })).toEqual({ parties: "Choose at least two organisations as parties" });
    expect(errorsOf({ ...valid, parties: { [IDVA]: valid.parties[IDVA], [POLICE]: { ...valid.parties[POLICE], role: "provider" } } })).toEqual({
      parties: "Choose at least one organisation that receives data",
    });
    expect(errorsOf({ ...valid, parties: { ...valid.parties, [POLICE]: { role: "both", contactName: " ", contactEmail: "bob" } } })).toEqual({
      [`parties.${POLICE}.contactName`]: "Enter the name of a contact at the organisation",
      [`parties.${POLICE}.contactEmail`]: "Enter the contact's e-mail address, like name@example.org",
    });
  });
});

describe("an empty form", () => {
  it("names every problem at once, those between fields included", () => {
    const result = agreementDraftForm.safeParse({});
    const fields = new Set(result.error!.issues.map((issue) => issue.path.join(".")));
    expect([...fields].sort()).toEqual(
      ["endDate", "geography", "parties", "processingRegime", "purpose", "reference", "retentionMonths", "reviewDate", "startDate", "threatAreas", "title"].sort(),
    );
  });
});

describe("the agreement form", () => {
  const form = {
    reference: "DSA-1",
    title: "T",
    purpose: "P",
    [`parties.${IDVA}.provider`]: "on",
    [`parties.${IDVA}.contactName`]: "Ann",
    [`parties.${IDVA}.contactEmail`]: "ann@idva.example",
    [`parties.${POLICE}.provider`]: "on",
    [`parties.${POLICE}.recipient`]: "on",
    [`parties.${POLICE}.contactName`]: "Bob",
    [`parties.${POLICE}.contactEmail`]: "bob@police.example",
    "parties.00000000-0000-4000-8000-000000000003.contactName": "Not a party",
    processingRegime: "uk_gdpr",
    article6Basis: valid.article6Basis,
    article9Condition: valid.article9Condition,
    dpaCondition: valid.dpaCondition,
    "threatAreas.domestic_abuse": "aggregate",
    "threatAreas.rasso": "",
    geography: ["E23000010", "E23000005/E08000001"],
    disclosureThreshold: "",
    retentionMonths: "12",
    startDate: "2027-03-01",
    endDate: "2028-03-01",
    reviewDate: "2027-09-01",
  };

  it("reads ticked parties, chosen threat areas and places, and an unticked rounding box", () => {
    const parsed = agreementDraftForm.parse(form);
    expect(parsed.parties).toEqual({
      [IDVA]: { role: "provider", contactName: "Ann", contactEmail: "ann@idva.example" },
      [POLICE]: { role: "both", contactName: "Bob", contactEmail: "bob@police.example" },
    });
    expect(parsed.threatAreas).toEqual({ domestic_abuse: "aggregate" });
    expect(parsed.geography).toEqual([
      { forceAreaCode: "E23000010", ladCode: null },
      { forceAreaCode: "E23000005", ladCode: "E08000001" },
    ]);
    expect(parsed).toMatchObject({ disclosureThreshold: 5, roundToBase5: false, retentionMonths: 12, fields: [] });
  });
});

describe("the CSV of parties", () => {
  const ids: Record<string, string> = { "Demo IDVA Service Leeds": IDVA, "Demo Police West Yorkshire": POLICE };
  const byName = (name: string) => ids[name];

  it("reads each row by the party schema", () => {
    const csv = "organisation,role,contact_name,contact_email\nDemo IDVA Service Leeds,provider,Ann,ann@idva.example\r\nDemo Police West Yorkshire,both,Bob,bob@police.example\n";
    expect(parsePartiesCsv(csv, byName)).toEqual({
      [IDVA]: { role: "provider", contactName: "Ann", contactEmail: "ann@idva.example" },
      [POLICE]: { role: "both", contactName: "Bob", contactEmail: "bob@police.example" },
    });
  });

  it("names the line and column of every problem", () => {
    const csv = "organisation,role,contact_name,contact_email\nNobody,provider,Ann,ann@idva.example\nDemo Police West Yorkshire,reader,Bob,not-an-address\n";
    expect(() => parsePartiesCsv(csv, byName)).toThrow(Invalid);
    try {
      parsePartiesCsv(csv, byName);
    } catch (error) {
      expect((error as Invalid).fieldErrors.parties).toBe(
        'Line 2, column organisation: no organisation is called "Nobody"; Line 3, column role: Choose whether the organisation provides data, receives it, or both; Line 3, column contact_email: Enter the contact\'s e-mail address, like name@example.org',
      );
    }
  });

  it("refuses a file without the columns, and a broken quote, by line", () => {
    expect(() => parsePartiesCsv("organisation,role\n", byName)).toThrow("The CSV of parties has the wrong columns.");
    expect(() => parsePartiesCsv('organisation,role,contact_name,contact_email\n"Demo,provider,a,b\n', byName)).toThrow(/Line 2/);
  });
});
