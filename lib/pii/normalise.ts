import { hasDigits } from "./digits";

/**
 * Normalising free text before it is scanned, so a disguised identifier reads as a careful person
 * would read it, while every finding still points at what the user typed.
 *
 * A view is a rewritten text plus, for each of its UTF-16 units, the span of the original text it
 * came from. Rewrites compose: a span found in the last view maps straight back to the original.
 * See docs/privacy-check.md for what is folded and why.
 */

export type View = {
  text: string;
  /** For each unit of `text`, the original offset where its source starts, and where it ends; null while unchanged. */
  from: Int32Array | null;
  to: Int32Array | null;
};

const fromOf = (view: View, i: number) => (view.from === null ? i : (view.from[i] ?? 0));
const toOf = (view: View, i: number) => (view.to === null ? i + 1 : (view.to[i] ?? 0));

/** The original span behind a span of a view. */
export function originalSpan(view: View, start: number, end: number): { start: number; end: number } {
  if (end <= start) return { start: fromOf(view, start), end: fromOf(view, start) };
  return { start: fromOf(view, start), end: toOf(view, end - 1) };
}

const identity = (text: string): View => ({ text, from: null, to: null });

/** Builds a view unit by unit: each piece of output carries the original span of the input it replaces. */
class Builder {
  private parts: string[] = [];
  private from: number[] = [];
  private to: number[] = [];

  constructor(private readonly source: View) {}

  /** Copies source units [start, end) unchanged. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    this.parts.push(this.source.text.slice(start, end));
    for (let i = start; i < end; i++) {
      this.from.push(fromOf(this.source, i));
      this.to.push(toOf(this.source, i));
    }
  }

  /** Writes `output` in place of source units [start, end); every unit of it maps to their whole span. */
  replace(start: number, end: number, output: string): void {
    if (output === "") return;
    const origin = fromOf(this.source, start);
    const originEnd = toOf(this.source, Math.max(start, end - 1));
    this.parts.push(output);
    for (let i = 0; i < output.length; i++) {
      this.from.push(origin);
      this.to.push(originEnd);
    }
  }

  build(): View {
    return { text: this.parts.join(""), from: Int32Array.from(this.from), to: Int32Array.from(this.to) };
  }
}

/** Applies a global regex's replacements to a view; `replace` returns the new text, or null to keep the match. */
function rewrite(view: View, regex: RegExp, replace: (match: RegExpExecArray) => string | null): View {
  regex.lastIndex = 0;
  let builder: Builder | null = null;
  let done = 0;
  for (let match = regex.exec(view.text); match !== null; match = regex.exec(view.text)) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const output = replace(match);
    if (output === null) continue;
    builder ??= new Builder(view);
    builder.copy(done, match.index);
    builder.replace(match.index, match.index + match[0].length, output);
    done = match.index + match[0].length;
  }
  if (builder === null) return view;
  builder.copy(done, view.text.length);
  return builder.build();
}

/* ----------------------------------------------------------- characters */

// Latin look-alikes from Cyrillic and Greek (capital and small), and a few symbols.
const HOMOGLYPHS: Record<string, string> = {
  "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
  "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ү": "Y", "Ӏ": "I",
  "а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
  "х": "x", "у": "y", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ү": "y", "һ": "h",
  "ӏ": "l", "ɡ": "g", "ɑ": "a",
  "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
  "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v", "α": "a", "ι": "i", "κ": "k", "ρ": "p",
  "τ": "t", "υ": "u", "χ": "x", "ϲ": "c", "ϳ": "j",
  // Dashes and minus signs read as a hyphen; the many spaces as one.
  "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "﹘": "-", "⁃": "-",
  "’": "'", "‘": "'", "ʼ": "'", "′": "'",
};

// Invisible format characters (zero-width spaces and joiners, word joiner, soft hyphen, bidi marks,
// BOM), variation selectors and the combining grapheme joiner: dropped.
const INVISIBLE = /[\p{Cf}\u034F\uFE00-\uFE0F\u115F\u1160\u3164\uFFA0]/u;
const MARK = /\p{M}/u;
const DECIMAL_DIGIT = /\p{Nd}/u;
const SPACE = /[\p{Zs}\t]/u;

/** The value of a decimal digit of any script: its distance from the first digit of its run of ten. */
function digitValue(codePoint: number): number {
  let zero = codePoint;
  while (zero > 0 && codePoint - zero < 9 && DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return (codePoint - zero) % 10;
}

const foldCache = new Map<string, string>();

/** One character as plain text: compatibility forms, accents, look-alikes, other scripts' digits. */
function foldCharacter(char: string): string {
  const cached = foldCache.get(char);
  if (cached !== undefined) return cached;
  let folded: string;
  if (INVISIBLE.test(char)) folded = "";
  else if (HOMOGLYPHS[char] !== undefined) folded = HOMOGLYPHS[char];
  else if (SPACE.test(char)) folded = " ";
  else {
    const decomposed = char.normalize("NFKD");
    let out = "";
    for (const part of decomposed) {
      if (MARK.test(part)) continue;
      const code = part.codePointAt(0) ?? 0;
      if (code >= 128 && DECIMAL_DIGIT.test(part)) out += String(digitValue(code));
      else out += HOMOGLYPHS[part] ?? part;
    }
    folded = out.normalize("NFKC");
    // A compatibility form may unfold into look-alikes again (e.g. a full-width Cyrillic letter).
    folded = [...folded].map((part) => HOMOGLYPHS[part] ?? (SPACE.test(part) ? " " : part)).join("");
  }
  if (foldCache.size < 4096) foldCache.set(char, folded);
  return folded;
}

function foldCharacters(text: string): View {
  if (!/[^\x00-\x7F]/.test(text)) return identity(text);
  const from: number[] = [];
  const to: number[] = [];
  let out = "";
  let plain = 0; // start of the pending run of ASCII
  const flush = (end: number) => {
    if (end > plain) {
      out += text.slice(plain, end);
      for (let i = plain; i < end; i++) {
        from.push(i);
        to.push(i + 1);
      }
    }
  };
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      i++;
      continue;
    }
    flush(i);
    const point = text.codePointAt(i) ?? code;
    const width = point > 0xffff ? 2 : 1;
    const folded = foldCharacter(text.slice(i, i + width));
    out += folded;
    for (let k = 0; k < folded.length; k++) {
      from.push(i);
      to.push(i + width);
    }
    i += width;
    plain = i;
  }
  if (plain === 0) return identity(text);
  flush(text.length);
  return { text: out, from: Int32Array.from(from), to: Int32Array.from(to) };
}

/* ------------------------------------------------------ written-out signs */

// "{at}", "[at]", "(at)", "<at>", "[@]", "(a)" read as "@"; "[.]", "(.)", "{dot}", "[dot]" as ".".
// Only the bracketed forms: " at " and " dot " are ordinary words, and the e-mail detector decides.
const BRACKETED_AT = /\s*[\[({<]\s*(?:at|@)\s*[\])}>]\s*/gi;
const BRACKETED_DOT = /\s*[\[({<]\s*(?:dot|\.)\s*[\])}>]\s*/gi;
// Both need an opening bracket, which most text lacks: it is looked for before either pattern runs.
const OPENING_BRACKET = /[[({<]/;

/* -------------------------------------------------------- numbers in words */

const DIGIT_WORDS: Record<string, string> = {
  zero: "0", oh: "0", o: "0", nought: "0", nil: "0", none: "0",
  one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9",
};
const DIGIT_WORD = "(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine)";
const REPEATED = "(?:double|triple|treble)[\\s\\-]+" + DIGIT_WORD;
const NUMBER_TOKEN = "(?:" + REPEATED + "|" + DIGIT_WORD + "|\\d+)";
// A run of digit words (and digits), at least five tokens, at least one of them a word.
const SPELLED_NUMBER = new RegExp(
  "(?<![A-Za-z0-9])" + NUMBER_TOKEN + "(?:[\\s,\\-]{1,3}" + NUMBER_TOKEN + "){4,}(?![A-Za-z0-9])",
  "gi",
);

function spelledDigits(run: string): string | null {
  const tokens = run.toLowerCase().split(/[\s,\-]+/).filter((token) => token !== "");
  if (!tokens.some((token) => /[a-z]/.test(token) && token !== "o")) return null;
  let digits = "";
  let words = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? "";
    if (/^\d+$/.test(token)) {
      digits += token;
      continue;
    }
    const times = token === "double" ? 2 : token === "triple" || token === "treble" ? 3 : 1;
    const word = times === 1 ? token : (tokens[++i] ?? "");
    const digit = DIGIT_WORDS[word];
    if (digit === undefined) return null;
    digits += digit.repeat(times);
    words++;
  }
  // Enough digits to be an identifier; "one or two" and "four five" never are.
  return words >= 3 && digits.length >= 6 ? digits : null;
}

/* ------------------------------------------------ letters posing as digits */

// A run of groups of digits with O, I, l or | among them ("O77OO", "9OO12З", "O77OO 9OO 148"),
// the groups apart by at most three spaces, dots, slashes or dashes: the letters are digits.
const LOOKALIKE_GROUP = "[0-9OoIl|]*[0-9][0-9OoIl|]*";
const DIGIT_LOOKALIKES = new RegExp(`(?<![A-Za-z0-9])${LOOKALIKE_GROUP}(?:[ ./\\-]{1,3}${LOOKALIKE_GROUP})*(?![A-Za-z0-9])`, "g");
const asDigits = (group: string) => group.replace(/[Oo]/g, "0").replace(/[Il|]/g, "1");

/**
 * The view with O, I and l among digits read as digits: for the number detectors alone, since
 * registrations and postcodes mix letters and digits. A group of four characters or more with two
 * digits is folded on its own ("O77OO"). A shorter group ("9OO") only inside a run of groups that
 * holds nine digits or more once folded, at least half of them typed as digits: phone and NHS
 * numbers are written in groups of three or four, and a run that long is a number, not words.
 */
export function foldDigitLookalikes(view: View): View {
  if (!hasDigits(view.text, 1)) return view;
  return rewrite(view, DIGIT_LOOKALIKES, (match) => {
    const run = match[0];
    if (!/[OoIl|]/.test(run)) return null;
    const characters = run.replace(/[^0-9OoIl|]/g, "");
    const typedDigits = characters.replace(/[^0-9]/g, "").length;
    const longNumber = characters.length >= 9 && typedDigits * 2 >= characters.length;
    const folded = run.replace(new RegExp(LOOKALIKE_GROUP, "g"), (group) => {
      const digits = group.replace(/[^0-9]/g, "").length;
      return longNumber || (digits >= 2 && group.length >= 4) ? asDigits(group) : group;
    });
    return folded === run ? null : folded;
  });
}

/**
 * The text as a careful reader sees it: compatibility forms and other scripts' digits as ASCII,
 * invisible characters gone, look-alike letters folded, bracketed "at" and "dot" as signs, numbers
 * spelled out in words as digits.
 */
export function normalise(text: string): View {
  let view = foldCharacters(text);
  if (OPENING_BRACKET.test(view.text)) {
    view = rewrite(view, BRACKETED_AT, () => "@");
    view = rewrite(view, BRACKETED_DOT, () => ".");
  }
  view = rewrite(view, SPELLED_NUMBER, (match) => spelledDigits(match[0]));
  return view;
}

// Digits broken up by spaces, dots, slashes, dashes or underscores, nine digits or more in all:
// "0 7 7 0 0 9 0 0 1 2 3", "943/476/5919". Runs of fewer digits are dates, times and counts.
const BROKEN_DIGITS = /(?<![A-Za-z0-9])\+?\d(?:[ ./\\\-_]{1,3}\d|\d){8,}(?![A-Za-z0-9])/g;

/** The view with long runs of separated digits closed up, for the number detectors (phone, NHS number). */
export function closeUpDigits(view: View): View {
  if (!hasDigits(view.text, 9)) return view;
  return rewrite(view, BROKEN_DIGITS, (match) => {
    const closed = match[0].replace(/[^\d+]/g, "");
    return closed === match[0] ? null : closed;
  });
}
