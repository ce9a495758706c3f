import { NEGATIVE_EXAMPLES } from "../corpus";
import { type PiiKind } from "../kinds";
import { BENIGN, REFUSED } from "./bases";

/**
 * The labelled evaluation set for the privacy check (`npm run pii:eval`): every sentence of
 * lib/pii/eval/bases.ts that must be refused, plain and in disguises that rotate through those that
 * fit its kind, and every benign sentence. A quarter of the bases, with all their disguises, are
 * held out: the check was never tuned on them, so their figures say how it does on text it has not seen.
 */

type Disguise =
  | "plain"
  | "full-width"
  | "invisible characters"
  | "look-alike letters"
  | "letter O for zero"
  | "other scripts' digits"
  | "separated digits"
  | "written-out separators"
  | "number in words";

export type Part = "tuning" | "held-out";

export type Sample = {
  text: string;
  part: Part;
  disguise: Disguise;
  /** For a sentence that must be refused: the identifier's kind and where it lies in the text. */
  expected?: { kind: PiiKind; start: number; end: number };
};

const NUMBERS: readonly Disguise[] = ["full-width", "invisible characters", "letter O for zero", "other scripts' digits", "separated digits", "number in words"];
const CODES: readonly Disguise[] = ["full-width", "invisible characters", "look-alike letters"];
const FITTING: Record<PiiKind, readonly Disguise[]> = {
  phone: NUMBERS,
  nhs_number: NUMBERS,
  email: ["written-out separators", "invisible characters", "look-alike letters", "full-width"],
  postcode: CODES,
  ni_number: CODES,
  vehicle_registration: CODES,
  date: ["full-width", "invisible characters", "other scripts' digits"],
  street_address: ["look-alike letters", "invisible characters"],
  profile_link: CODES,
  handle: CODES,
  name: ["look-alike letters", "invisible characters", "full-width"],
};

const CYRILLIC: Record<string, string> = {
  A: "А", B: "В", C: "С", E: "Е", H: "Н", K: "К", M: "М", O: "О", P: "Р", T: "Т", X: "Х",
  a: "а", c: "с", e: "е", o: "о", p: "р", x: "х", y: "у", i: "і", s: "ѕ",
};
const INVISIBLE = ["\u200B", "\u200D", "\u00AD", "\u2060", "\u200C", "\uFEFF"];
const SCRIPT_ZEROS = [0x0660, 0x0966, 0x09e6, 0x0e50];
const DIGIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

function disguise(value: string, how: Disguise, seed: number): string {
  switch (how) {
    case "plain":
      return value;
    case "full-width":
      return value.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
    case "invisible characters":
      return [...value].map((char, i) => (i > 0 && i % 2 === 0 ? INVISIBLE[(seed + i) % INVISIBLE.length] + char : char)).join("");
    case "look-alike letters":
      return value.replace(/[A-Za-z]/g, (char, i: number) => ((i + seed) % 2 === 0 ? (CYRILLIC[char] ?? char) : char));
    case "letter O for zero":
      return value.replace(/0/g, "O");
    case "other scripts' digits": {
      const zero = SCRIPT_ZEROS[seed % SCRIPT_ZEROS.length]!;
      return value.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)));
    }
    case "separated digits": {
      const separator = [" ", ".", "-", "/"][seed % 4]!;
      const digits = value.replace(/\D/g, "");
      return (value.startsWith("+") ? "+" : "") + digits.split("").join(separator);
    }
    case "number in words": {
      const digits = value.replace(/\D/g, "");
      const words: string[] = [];
      for (let i = 0; i < digits.length; i++) {
        const digit = Number(digits[i]);
        const word = digit === 0 && seed % 2 === 0 ? "oh" : DIGIT_WORDS[digit]!;
        if (digits[i + 1] === digits[i]) {
          words.push(`double ${word}`);
          i++;
        } else words.push(word);
      }
      return (value.startsWith("+") ? "plus " : "") + words.join(" ");
    }
    case "written-out separators": {
      const [at, dot] = ([[" {at} ", " [dot] "], [" at ", " dot "], ["[at]", "[.]"], [" (at) ", " (dot) "]] as const)[seed % 4]!;
      return value.replace("@", at).replace(/\./g, dot);
    }
  }
}

function build(): Sample[] {
  const samples: Sample[] = [];
  REFUSED.forEach((base, index) => {
    const part: Part = index % 4 === 3 ? "held-out" : "tuning";
    const fitting = FITTING[base.kind];
    const chosen: Disguise[] = ["plain", fitting[index % fitting.length]!, fitting[(index + 1) % fitting.length]!];
    const open = base.text.indexOf("{");
    const close = base.text.indexOf("}");
    const value = base.text.slice(open + 1, close);
    for (const [n, how] of [...new Set(chosen)].entries()) {
      const shown = disguise(value, how, index + n);
      const text = base.text.slice(0, open) + shown + base.text.slice(close + 1);
      samples.push({ text, part, disguise: how, expected: { kind: base.kind, start: open, end: open + shown.length } });
    }
  });
  BENIGN.forEach((text, index) => samples.push({ text, part: index % 4 === 3 ? "held-out" : "tuning", disguise: "plain" }));
  // The unit-test corpus was tuned on long before this set: it belongs to the tuning part.
  for (const text of NEGATIVE_EXAMPLES) samples.push({ text, part: "tuning", disguise: "plain" });
  return samples;
}

export const EVALUATION_SET: readonly Sample[] = build();
