import { describe, expect, it } from "vitest";
import { NEGATIVE_EXAMPLES, POSITIVE_EXAMPLES } from "./corpus";
import { PII_KIND_LABELS, PII_KINDS, piiMessage, scanForPii } from "./index";

const kindsIn = (text: string) => [...new Set(scanForPii(text).map((finding) => finding.kind))].sort();
const spans = (text: string) => scanForPii(text).map((finding) => [finding.kind, text.slice(finding.start, finding.end)]);

describe("the corpus", () => {
  it("holds enough examples to mean something", () => {
    expect(POSITIVE_EXAMPLES.length).toBeGreaterThanOrEqual(60);
    expect(NEGATIVE_EXAMPLES.length).toBeGreaterThanOrEqual(40);
    const covered = new Set(POSITIVE_EXAMPLES.flatMap((example) => example.kinds));
    expect([...covered].sort()).toEqual([...PII_KINDS].sort());
  });

  it.each(POSITIVE_EXAMPLES)("finds $kinds in: $text", ({ text, kinds }) => {
    expect(kindsIn(text)).toEqual([...kinds].sort());
  });

  it.each(NEGATIVE_EXAMPLES)("passes clean: %s", (text) => {
    expect(spans(text)).toEqual([]);
  });
});

describe("scanForPii", () => {
  it("passes the brief's casework sentence clean", () => {
    const text =
      "Client disclosed ongoing coercive control by ex-partner since 2019; referred to MARAC and IDVA; police not " +
      "informed due to fear of reprisal. Abuse escalated over summer, partner tracking phone.";
    expect(scanForPii(text)).toEqual([]);
  });

  it.each([
    "since 2019",
    "in 2021",
    "in March",
    "last summer",
    "aged 34",
    "in her 30s",
    "3 children",
    "two incidents",
    "for 18 months",
    "over 6 weeks",
    "at 3am",
    "MARAC, IDVA, ISVA, SARC, DAPO and NRPF",
    "in Sept 2022",
    "born in 1987",
  ])("treats %s as no personal data", (text) => {
    expect(scanForPii(text)).toEqual([]);
  });

  it.each([
    ["12/03/1987", "12/03/1987"],
    ["on 12 March 1987", "12 March 1987"],
    ["March 12th, 1987", "March 12th, 1987"],
    ["born on the twelfth of March", "the twelfth of March"],
    ["DOB 1.3.87", "1.3.87"],
    ["date of birth: 3rd Jan 85", "3rd Jan 85"],
    ["DOB 12/03", "12/03"],
    ["born in March 1987", "March 1987"],
    ["on 1987-03-12", "1987-03-12"],
  ])("marks the date in %s", (text, date) => {
    expect(spans(text)).toEqual([["date", date]]);
  });

  it.each([
    "07700 900123",
    "+44 7700 900123",
    "(0113) 496 0000",
    "0113 4960000",
    "020 7946 0000",
    "+44 (0)20 7946 0000",
    "0800 123 4567",
    "0800 123 456",
    "07700-900-123",
    "07700.900.123",
  ])("marks the phone number %s", (phone) => {
    expect(spans(`Perpetrator rang her from ${phone} twice.`)).toEqual([["phone", phone]]);
  });

  it("drops a count that follows a phone number", () => {
    expect(spans("Rang 07700 900123 3 times.")).toEqual([["phone", "07700 900123"]]);
  });

  it("leaves an outward code on its own alone", () => {
    expect(scanForPii("Lives in LS1, previously in BD7 and M14.")).toEqual([]);
  });

  it("reads an ordinal after an outward code as an ordinal unless written in capitals", () => {
    expect(scanForPii("In Y7 2nd term.")).toEqual([]);
    expect(spans("Postcode N1 1ST.")).toEqual([["postcode", "N1 1ST"]]);
  });

  it("refuses an NI prefix the rules rule out", () => {
    expect(scanForPii("NI: QQ 12 34 56 C, GB 12 34 56 A, AO 12 34 56 B, AB 12 34 56 E")).toEqual([]);
    expect(spans("NI: AB 12 34 56 C")).toEqual([["ni_number", "AB 12 34 56 C"]]);
  });

  it("reports a ten-digit number with a wrong check digit as no NHS number", () => {
    expect(scanForPii("Ref 943 476 5910 on file.")).toEqual([]);
    // Starting with 0, it can still be dialled, so it is reported as what it looks like: a phone number.
    expect(spans("Ref 0123456780 on file.")).toEqual([["phone", "0123456780"]]);
  });

  it("names a valid NHS number that could also be dialled as an NHS number", () => {
    expect(spans("Ref 0123456789 on file.")).toEqual([["nhs_number", "0123456789"]]);
  });

  it("merges a handle inside a profile link into one profile link", () => {
    expect(spans("Posted at https://www.tiktok.com/@jane.doe.88 last night.")).toEqual([
      ["profile_link", "https://www.tiktok.com/@jane.doe.88"],
    ]);
  });

  it("prefers a street address over a date inside it", () => {
    expect(spans("She lives at 12 March Road.")).toEqual([["street_address", "12 March Road"]]);
  });

  it("leaves the bare host of a platform alone", () => {
    expect(scanForPii("She blocked him on facebook.com and instagram.com.")).toEqual([]);
  });

  it("does not take the domain of an e-mail address for a handle", () => {
    expect(spans("Wrote from jane@example.com.")).toEqual([["email", "jane@example.com"]]);
  });

  it.each([
    ["her name is Sarah", "Sarah"],
    ["Her name's Sarah", "Sarah"],
    ["my name's sarah", "sarah"],
    ["his brother, called Tom", "Tom"],
    ["a girl named Lily", "Lily"],
    ["known as Big Mike", "Big Mike"],
    ["seen by Mrs Patel", "Mrs Patel"],
    ["seen by Dr A. Okafor", "Dr A. Okafor"],
    ["seen by Prof Green", "Prof Green"],
    ["statement to DC Smith", "DC Smith"],
    ["statement to PC Jones", "PC Jones"],
  ])("marks the name in %s", (text, name) => {
    expect(spans(text)).toEqual([["name", name]]);
  });

  it.each([
    "She asked to be called Mrs, not Ms.",
    "She called the police.",
    "He called her names.",
    "She called Refuge.",
    "Ms A and Mr B attended.",
    "Her name is not known.",
    "Children's Services called Police.",
  ])("finds no name in: %s", (text) => {
    expect(scanForPii(text)).toEqual([]);
  });

  it("sorts findings by start and keeps them apart", () => {
    const text = "Call 07700 900123, email jane@example.com, DOB 12/03/1987, at 12 Oak Road, LS1 4AP.";
    const findings = scanForPii(text);
    expect(findings.map((finding) => finding.kind)).toEqual(["phone", "email", "date", "street_address", "postcode"]);
    for (let i = 1; i < findings.length; i++) {
      expect(findings[i]!.start).toBeGreaterThanOrEqual(findings[i - 1]!.end);
    }
  });

  it("never repeats the matched text in a message", () => {
    for (const { text } of POSITIVE_EXAMPLES) {
      const findings = scanForPii(text);
      expect(findings.length, text).toBeGreaterThan(0);
      for (const finding of findings) {
        expect(finding.message).toBe(piiMessage(finding.kind));
        expect(finding.message).not.toContain(text.slice(finding.start, finding.end));
      }
    }
  });

  it("finishes on hostile input", () => {
    const hostile = ["7".repeat(1000), "07 ".repeat(334), "a".repeat(1000), "a@".repeat(500), "1-".repeat(500), "her name is ".repeat(84)];
    for (const text of hostile) expect(Array.isArray(scanForPii(text))).toBe(true);
  });

  it("scans an empty string to nothing", () => {
    expect(scanForPii("")).toEqual([]);
  });
});

describe("PII_KIND_LABELS", () => {
  it("labels every kind, and each message is worded from its label", () => {
    expect(Object.keys(PII_KIND_LABELS).sort()).toEqual([...PII_KINDS].sort());
    const messages = Object.fromEntries(PII_KINDS.map((kind) => [kind, piiMessage(kind)]));
    expect(messages).toEqual({
      email: "looks like an e-mail address",
      phone: "looks like a phone number",
      postcode: "looks like a full postcode",
      nhs_number: "looks like an NHS number",
      ni_number: "looks like a National Insurance number",
      date: "looks like a date",
      street_address: "looks like a street address",
      vehicle_registration: "looks like a vehicle registration",
      profile_link: "looks like a link to a personal profile",
      handle: "looks like a social media handle",
      name: "looks like a name",
    });
  });
});
