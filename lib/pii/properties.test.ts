import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PII_KINDS, piiMessage, scanForPii, type PiiKind } from "./index";
import { nhsCheckDigit } from "./nhs-number";

const digits = (count: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: count, maxLength: count }).map((list) => list.join(""));
const letterFrom = (letters: string) => fc.constantFrom(...letters.split(""));
const caseOf = fc.constantFrom("upper", "lower");

// Clean casework around each generated value; "{}" marks where it goes.
const SENTENCES = fc.constantFrom(
  "{}",
  "Perpetrator gave {} to the school.",
  "Client says {} belongs to her ex-partner.",
  "Recorded as {}, then referred to MARAC.",
  "Since 2019 he has used {} to reach her.",
  "{} was written on the referral form.",
  "Aged 34, she disclosed {} at 3am.",
);

/** The sentence, and where the value sits in it. */
const place = (sentence: string, value: string) => {
  const start = sentence.indexOf("{}");
  return { text: sentence.replace("{}", value), start, end: start + value.length };
};

/** Asserts that the value, and nothing else, is found, as the given kind, with its whole span. */
function expectOnly(kind: PiiKind, sentence: string, value: string): void {
  const { text, start, end } = place(sentence, value);
  expect(scanForPii(text)).toEqual([{ kind, start, end, message: piiMessage(kind) }]);
}

/* ----------------------------------------------------------------- phones */

// National significant numbers (no trunk 0), each with the groupings people write them in.
const mobile = digits(9).map((rest) => {
  const nsn = `7${rest}`;
  return [
    `0${nsn.slice(0, 4)} ${nsn.slice(4)}`,
    `0${nsn}`,
    `+44 ${nsn.slice(0, 4)} ${nsn.slice(4)}`,
    `+44${nsn}`,
    `+44 (0)${nsn.slice(0, 4)} ${nsn.slice(4)}`,
    `0044 ${nsn.slice(0, 4)} ${nsn.slice(4)}`,
    `0${nsn.slice(0, 4)}-${nsn.slice(4, 7)}-${nsn.slice(7)}`,
    `0${nsn.slice(0, 4)}.${nsn.slice(4, 7)}.${nsn.slice(7)}`,
    `0${nsn.slice(0, 4)} ${nsn.slice(4, 7)} ${nsn.slice(7)}`,
  ];
});
const london = digits(8).map((rest) => [
  `020 ${rest.slice(0, 4)} ${rest.slice(4)}`,
  `(020) ${rest.slice(0, 4)} ${rest.slice(4)}`,
  `+44 20 ${rest.slice(0, 4)} ${rest.slice(4)}`,
  `+44 (0)20 ${rest.slice(0, 4)} ${rest.slice(4)}`,
  `020-${rest.slice(0, 4)}-${rest.slice(4)}`,
  `020${rest}`,
]);
const geographic = fc.tuple(digits(2), digits(7)).map(([area, rest]) => [
  `(01${area}) ${rest.slice(0, 3)} ${rest.slice(3)}`,
  `01${area} ${rest.slice(0, 3)} ${rest.slice(3)}`,
  `01${area} ${rest}`,
  `+44 1${area} ${rest.slice(0, 3)} ${rest.slice(3)}`,
  `01${area}${rest.slice(0, 1)} ${rest.slice(1)}`,
]);
const nonGeographic = fc.tuple(fc.constantFrom("800", "808", "300", "330", "345", "370"), digits(7)).map(([range, rest]) => [
  `0${range} ${rest.slice(0, 3)} ${rest.slice(3)}`,
  `0${range}-${rest.slice(0, 3)}-${rest.slice(3)}`,
]);
const freephoneNine = fc.tuple(fc.constantFrom("800", "808"), digits(6)).map(([range, rest]) => [
  `0${range} ${rest.slice(0, 3)} ${rest.slice(3)}`,
]);
const phone = fc
  .oneof(mobile, london, geographic, nonGeographic, freephoneNine)
  .chain((formats) => fc.constantFrom(...formats));

/* ------------------------------------------------------------ NHS numbers */

const nhsDigits = digits(9)
  .map((firstNine) => ({ firstNine, check: nhsCheckDigit(firstNine) }))
  .filter((candidate): candidate is { firstNine: string; check: number } => candidate.check !== null)
  .map(({ firstNine, check }) => `${firstNine}${check}`);
const nhsFormat = (number: string, separator: string) =>
  `${number.slice(0, 3)}${separator}${number.slice(3, 6)}${separator}${number.slice(6)}`;

/* ------------------------------------------------------------- NI numbers */

const NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ";
const NI_SECOND = "ABCEGHJKLMNPRSTWXYZ";
const NI_EXCLUDED = new Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]);
const niPrefix = fc
  .tuple(letterFrom(NI_FIRST), letterFrom(NI_SECOND))
  .map(([first, second]) => `${first}${second}`)
  .filter((prefix) => !NI_EXCLUDED.has(prefix));
const niNumber = fc
  .tuple(niPrefix, digits(6), letterFrom("ABCD"), fc.constantFrom(" ", ""), caseOf)
  .map(([prefix, number, suffix, space, letterCase]) => {
    const value = [prefix, number.slice(0, 2), number.slice(2, 4), number.slice(4), suffix].join(space);
    return letterCase === "upper" ? value : value.toLowerCase();
  });
const badNiPrefix = fc.oneof(
  fc.tuple(letterFrom("DFIQUV"), letterFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZ")).map(([a, b]) => `${a}${b}`),
  fc.tuple(letterFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), letterFrom("DFIOQUV")).map(([a, b]) => `${a}${b}`),
  fc.constantFrom(...NI_EXCLUDED),
);

/* -------------------------------------------------------------- postcodes */

const P1 = "ABCDEFGHIJKLMNOPRSTUWYZ"; // not Q, V, X
const P2 = "ABCDEFGHKLMNOPQRSTUVWXY"; // not I, J, Z
const P3 = "ABCDEFGHJKPSTUW"; // third position of A9A
const P4 = "ABEHMNPRVWXY"; // fourth position of AA9A
const INWARD = "ABDEFGHJLNPQRSTUWXYZ"; // not C, I, K, M, O, V
const digit = fc.integer({ min: 0, max: 9 }).map(String);
const outward = fc.oneof(
  fc.tuple(letterFrom(P1), digit).map((parts) => parts.join("")),
  fc.tuple(letterFrom(P1), digit, digit).map((parts) => parts.join("")),
  fc.tuple(letterFrom(P1), letterFrom(P2), digit).map((parts) => parts.join("")),
  fc.tuple(letterFrom(P1), letterFrom(P2), digit, digit).map((parts) => parts.join("")),
  fc.tuple(letterFrom(P1), digit, letterFrom(P3)).map((parts) => parts.join("")),
  fc.tuple(letterFrom(P1), letterFrom(P2), digit, letterFrom(P4)).map((parts) => parts.join("")),
);
const postcode = fc.oneof(
  fc
    .tuple(outward, digit, letterFrom(INWARD), letterFrom(INWARD), fc.constantFrom(" ", ""), caseOf)
    .map(([out, number, a, b, space, letterCase]) => {
      const value = `${out}${space}${number}${a}${b}`;
      return letterCase === "upper" ? value : value.toLowerCase();
    })
    // In lower case "y7 2nd" is an ordinal, not a postcode: the scanner wants capitals for those.
    .filter((value) => value === value.toUpperCase() || !/(?:1st|2nd|3rd|[04-9]th)$/i.test(value)),
  fc.constantFrom("GIR 0AA", "GIR0AA", "gir 0aa"),
);

/* ---------------------------------------------------- vehicle registrations */

const REG_AREA = "ABCDEFGHJKLMNOPRSTUVWXY"; // not I, Q, Z
const REG_RANDOM = "ABCDEFGHJKLMNOPRSTUVWXYZ"; // not I, Q
const REG_PREFIX = "ABCDEFGHJKLMNPRSTVWXY"; // year letters: not I, O, Q, U, Z
const ageIdentifier = fc.oneof(fc.integer({ min: 2, max: 39 }), fc.integer({ min: 51, max: 89 })).map((age) => String(age).padStart(2, "0"));
const threeLetters = (letters: string) =>
  fc.tuple(letterFrom(letters), letterFrom(letters), letterFrom(letters)).map((parts) => parts.join(""));
const registration = fc.oneof(
  fc
    .tuple(letterFrom(REG_AREA), letterFrom(REG_AREA), ageIdentifier, fc.constantFrom(" ", ""), threeLetters(REG_RANDOM))
    .map(([a, b, age, space, rest]) => `${a}${b}${age}${space}${rest}`),
  fc
    .tuple(letterFrom(REG_PREFIX), fc.integer({ min: 1, max: 999 }), fc.constantFrom(" ", ""), threeLetters(REG_AREA))
    .map(([year, number, space, rest]) => `${year}${number}${space}${rest}`),
  fc
    .tuple(threeLetters(REG_AREA), fc.constantFrom(" ", ""), fc.integer({ min: 1, max: 999 }), letterFrom(REG_PREFIX))
    .map(([letters, space, number, year]) => `${letters}${space}${number}${year}`),
);

describe("number formats (property-based)", () => {
  it("finds a UK phone number in every common format", () => {
    fc.assert(fc.property(SENTENCES, phone, (sentence, value) => expectOnly("phone", sentence, value)));
  });

  it("finds an NHS number with a valid check digit, spaced, hyphenated or unbroken", () => {
    fc.assert(
      fc.property(SENTENCES, nhsDigits, fc.constantFrom(" ", "-", ""), (sentence, number, separator) =>
        expectOnly("nhs_number", sentence, nhsFormat(number, separator)),
      ),
    );
  });

  it("never reports ten digits with a wrong check digit as an NHS number", () => {
    fc.assert(
      fc.property(SENTENCES, digits(9), digit, fc.constantFrom(" ", "-", ""), (sentence, firstNine, last, separator) => {
        fc.pre(nhsCheckDigit(firstNine) !== Number(last));
        const { text } = place(sentence, nhsFormat(`${firstNine}${last}`, separator));
        // It may still look like a phone number (a leading 0); it is never an NHS number.
        expect(scanForPii(text).map((finding) => finding.kind)).not.toContain("nhs_number");
      }),
    );
  });

  it("finds a National Insurance number with any valid prefix, spaced or not, in either case", () => {
    fc.assert(fc.property(SENTENCES, niNumber, (sentence, value) => expectOnly("ni_number", sentence, value)));
  });

  it("never reports a National Insurance number with a prefix the rules rule out", () => {
    fc.assert(
      fc.property(SENTENCES, badNiPrefix, digits(6), letterFrom("ABCD"), (sentence, prefix, number, suffix) => {
        const { text } = place(sentence, `${prefix}${number}${suffix}`);
        expect(scanForPii(text).map((finding) => finding.kind)).not.toContain("ni_number");
      }),
    );
  });

  it("finds a full postcode in each of the seven formats, with or without the space, in either case", () => {
    fc.assert(fc.property(SENTENCES, postcode, (sentence, value) => expectOnly("postcode", sentence, value)));
  });

  it("finds a vehicle registration in the current, prefix and suffix formats", () => {
    fc.assert(fc.property(SENTENCES, registration, (sentence, value) => expectOnly("vehicle_registration", sentence, value)));
  });
});

// Pieces of text that start, and often complete, the patterns the scanner looks for.
const PIECES = fc.constantFrom(
  ..."0123456789 aAzZ.-/()+@:,'".split(""),
  "07", "+44", "March ", "12th ", "Road ", "St ", "Flat ", "name is ", "called ", "Mrs ", "DC ", "DOB ",
  "facebook.com/", "x.com/", "[at]", " dot ", "com", "SW1A", "1AA", "AB", "CDE", "\n", "\u00A0",
  "\u200B", "\u00AD", "０", "７", "О", "Ѕ", "𝟕", "ﬁ", "٣", " oh ", " double ", "seven ", "{at}", "[.]",
);

describe("findings (property-based)", () => {
  const messages = new Set(PII_KINDS.map(piiMessage));

  it("are sorted, apart, inside the text, and carry a fixed message for any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: PIECES }), (text) => {
        const findings = scanForPii(text);
        let previousEnd = 0;
        for (const finding of findings) {
          expect(finding.start).toBeGreaterThanOrEqual(previousEnd);
          expect(finding.end).toBeGreaterThan(finding.start);
          expect(finding.end).toBeLessThanOrEqual(text.length);
          expect(messages.has(finding.message)).toBe(true);
          previousEnd = finding.end;
        }
      }),
    );
  });

  it("never echo the matched number in the message", () => {
    fc.assert(
      fc.property(SENTENCES, fc.oneof(phone, niNumber, postcode, registration), (sentence, value) => {
        const { text } = place(sentence, value);
        const findings = scanForPii(text);
        expect(findings.length, text).toBeGreaterThan(0);
        for (const finding of findings) expect(finding.message).not.toContain(text.slice(finding.start, finding.end));
      }),
    );
  });
});

/* --------------------------------------------------------------- disguises */

const INVISIBLES = fc.constantFrom("\u200B", "\u200C", "\u200D", "\u2060", "\u00AD", "\uFEFF", "\u034F", "\uFE0F");
const identifier = fc.oneof(
  phone.map((value) => ({ kind: "phone" as const, value })),
  nhsDigits.map((number) => ({ kind: "nhs_number" as const, value: nhsFormat(number, " ") })),
  niNumber.map((value) => ({ kind: "ni_number" as const, value })),
  postcode.map((value) => ({ kind: "postcode" as const, value })),
  registration.map((value) => ({ kind: "vehicle_registration" as const, value })),
);

/** Whether the scan of a sentence refuses the stretch where the value sits, as the given kind. */
function caughtAs(kind: PiiKind, text: string, start: number, end: number): boolean {
  return scanForPii(text).some((finding) => finding.kind === kind && finding.start <= start && finding.end >= end);
}

describe("disguises never hide an identifier (property-based)", () => {
  it("inserting invisible characters anywhere in an identifier caught in plain ASCII", () => {
    fc.assert(
      fc.property(SENTENCES, identifier, fc.array(fc.tuple(fc.nat(), INVISIBLES), { minLength: 1, maxLength: 6 }), (sentence, { kind, value }, inserts) => {
        const plain = place(sentence, value);
        fc.pre(caughtAs(kind, plain.text, plain.start, plain.end));
        let disguised = value;
        for (const [at, invisible] of inserts) {
          const position = 1 + (at % Math.max(1, disguised.length - 1));
          disguised = disguised.slice(0, position) + invisible + disguised.slice(position);
        }
        const { text, start, end } = place(sentence, disguised);
        expect(caughtAs(kind, text, start, end), JSON.stringify(text)).toBe(true);
      }),
    );
  });

  it("switching an identifier caught in plain ASCII to full-width digits (and letters)", () => {
    fc.assert(
      fc.property(SENTENCES, identifier, fc.boolean(), (sentence, { kind, value }, letters) => {
        const plain = place(sentence, value);
        fc.pre(caughtAs(kind, plain.text, plain.start, plain.end));
        const wide = value.replace(letters ? /[0-9A-Za-z]/g : /[0-9]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
        const { text, start, end } = place(sentence, wide);
        expect(caughtAs(kind, text, start, end), JSON.stringify(text)).toBe(true);
      }),
    );
  });
});
