import { describe, expect, it } from "vitest";
import { scanForPii } from "./index";
import { normalise, originalSpan } from "./normalise";

/** Each finding as its kind and the text it covers, as typed. */
const spans = (text: string) => scanForPii(text).map((finding) => [finding.kind, text.slice(finding.start, finding.end)]);

describe("normalising before scanning", () => {
  it("maps every finding back to what was typed, however the text was rewritten", () => {
    const text = "Ring ０７７００\u200B ９００１２３ or jane{at}example[.]com";
    expect(spans(text)).toEqual([
      ["phone", "０７７００\u200B ９００１２３"],
      ["email", "jane{at}example[.]com"],
    ]);
  });

  it("keeps a view's spans inside the original text", () => {
    const view = normalise("a\u200Bb ＡＢ ﬁx");
    expect(view.text).toBe("ab AB fix");
    expect(originalSpan(view, 0, 2)).toEqual({ start: 0, end: 3 });
    // The ligature "ﬁ" is one character typed, two read: either half maps to all of it.
    expect(originalSpan(view, 6, 7)).toEqual({ start: 7, end: 8 });
    expect(originalSpan(view, 7, 8)).toEqual({ start: 7, end: 8 });
  });

  describe.each([
    {
      disguise: "full-width characters",
      caught: [["Mobile ０７７００ ９００１２３.", "phone", "０７７００ ９００１２３"], ["Lives at ＬＳ１ ４ＡＰ.", "postcode", "ＬＳ１ ４ＡＰ"]],
      benign: ["She has ２ children under ５.", "Referred to ＭＡＲＡＣ in June."],
    },
    {
      disguise: "invisible characters",
      caught: [["Call 077\u200B00 900\u200D123 tonight.", "phone", "077\u200B00 900\u200D123"], ["NI AB\u2060 12 34 56\u00AD C", "ni_number", "AB\u2060 12 34 56\u00AD C"]],
      benign: ["Meeting at 10\u200Bam with the IDVA.", "Risk level\u200B high."],
    },
    {
      disguise: "Cyrillic and Greek look-alike letters",
      caught: [["Postcode LЅ1 4АP.", "postcode", "LЅ1 4АP"], ["NI АΒ 12 34 56 С", "ni_number", "АΒ 12 34 56 С"]],
      benign: ["Она говорит по-русски; interpreter booked.", "Greek letters αβγ in a maths worksheet."],
    },
    {
      disguise: "letter O for zero",
      caught: [
        ["Her number is O77OO 9OO123.", "phone", "O77OO 9OO123"],
        // Short groups inside a grouped number: "4O6" alone is not a number, with the rest it is.
        ["Landline 0161 4O6 OO12 after six.", "phone", "0161 4O6 OO12"],
        ["NHS 943 476 59I9 on the letter.", "nhs_number", "943 476 59I9"],
      ],
      benign: ["She is on O2 and he is on Vodafone.", "Oh no, OOO on the calendar until 10am.", "Rooms 1O and 2O, then 3O, on floors 4 to 6."],
    },
    {
      disguise: "digits of other scripts",
      caught: [["NHS number ९४३ ४७६ ५९१९", "nhs_number", "९४३ ४७६ ५९१९"], ["DOB ١٢/٠٣/١٩٨٧", "date", "١٢/٠٣/١٩٨٧"]],
      benign: ["She has ٣ children.", "Score of ১৮ on the DASH."],
    },
    {
      disguise: "digits separated by spaces, dots, slashes or dashes",
      caught: [["Text 0 7 7 0 0 9 0 0 1 2 3 only.", "phone", "0 7 7 0 0 9 0 0 1 2 3"], ["Ref 943/476/5919.", "nhs_number", "943/476/5919"], ["Call 07700-900-123.", "phone", "07700-900-123"]],
      benign: ["Scores 3 4 5 6 on the four scales.", "Incidents in 2019 2020 2021 and 2022.", "Version 1.2.3.4 of the app."],
    },
    {
      disguise: "written-out separators",
      caught: [["Email jane{at}example[.]com.", "email", "jane{at}example[.]com"], ["Email jane at example dot co dot uk.", "email", "jane at example dot co dot uk"], ["Write to jane (at) example (dot) org.", "email", "jane (at) example (dot) org"]],
      benign: ["She was at home. Then he left.", "Dot the i's on the referral form at work."],
    },
    {
      disguise: "numbers spelled out in words",
      caught: [["Ring zero seven seven double oh nine oh oh one two three.", "phone", "zero seven seven double oh nine oh oh one two three"], ["NHS nine four three four seven six five nine one nine.", "nhs_number", "nine four three four seven six five nine one nine"]],
      benign: ["One, two or three times a week.", "She has two sons, one aged five and one aged nine."],
    },
  ])("$disguise", ({ caught, benign }) => {
    it.each(caught)("catches %j", (text, kind, span) => {
      expect(spans(text)).toEqual([[kind, span]]);
    });

    it.each(benign)("lets a look-alike pass: %j", (text) => {
      expect(spans(text)).toEqual([]);
    });
  });
});
