import { hasDigits } from "./digits";
import { type PiiKind } from "./kinds";
import { isValidNhsNumber } from "./nhs-number";

/** A raw hit from one detector, before overlapping hits are merged. */
export type RawFinding = { kind: PiiKind; start: number; end: number };

type Span = { start: number; end: number };

/**
 * Runs a global regex over the text. `accept` sees each match and returns the span to report
 * (often narrower than the match), or null to reject it; after a rejection the search resumes one
 * character on, so a later, valid match that overlaps the rejected one is still found.
 */
function collect(
  regex: RegExp,
  text: string,
  kind: PiiKind,
  out: RawFinding[],
  accept: (match: RegExpExecArray) => Span | null = (match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }),
): void {
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    const span = accept(match);
    if (span === null) {
      regex.lastIndex = match.index + 1;
    } else {
      out.push({ kind, ...span });
      if (match[0].length === 0) regex.lastIndex = match.index + 1;
    }
  }
}

// Every pattern starts with a look-behind so a match can only begin at the start of a token, and
// adjacent repetitions never match the same characters (so nothing backtracks catastrophically): a
// scan stays linear however hostile the text.
//
// A pattern runs only when the text holds what every match of it holds: an "@", a "/", a "+", a
// spelled-out "at", or so many digits (lib/pii/digits.ts). Those are found far more cheaply than the
// pattern runs.

// Horizontal white space, including the no-break spaces that word processors paste in.
const SP = "[ \\t\\u00A0\\u202F]";

/* ------------------------------------------------------------------ e-mail */

const EMAIL = /(?<![\w.%+\-])[A-Za-z0-9][\w.%+\-]{0,63}@[A-Za-z0-9][A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){1,8}/g;

// "jane [at] example [dot] com", "jane at example dot co dot uk": only with a known top-level
// domain, so "at home. Then" can never match.
const OBFUSCATED_EMAIL = new RegExp(
  "(?<![\\w.%+\\-])[\\w.%+\\-]{1,64}" +
    "(?:\\s*[\\[(]\\s*at\\s*[\\])]\\s*|\\s+at\\s+)" +
    "[a-z0-9\\-]{1,63}(?:(?:\\s*[\\[(]\\s*dot\\s*[\\])]\\s*|\\s+dot\\s+|\\.)[a-z0-9\\-]{1,63}){0,3}" +
    "(?:\\s*[\\[(]\\s*dot\\s*[\\])]\\s*|\\s+dot\\s+|\\.)(?:com|net|org|uk|ie|io|me|info|biz|email)(?![\\w\\-])",
  "gi",
);

// The "at" of an obfuscated address, with the space or bracket on each side of it that every match has.
const SPELLED_AT = /[\s[(]at[\s\])]/i;

function detectEmails(text: string, out: RawFinding[]): void {
  if (text.includes("@")) collect(EMAIL, text, "email", out, (match) => {
    const value = match[0].replace(/[.\-]+$/, "");
    if (!/\.[A-Za-z]{2,24}$/.test(value)) return null;
    return { start: match.index, end: match.index + value.length };
  });
  if (SPELLED_AT.test(text)) collect(OBFUSCATED_EMAIL, text, "email", out, (match) =>
    // Plain " at " with real dots needs a bracketed or spelled-out "dot" somewhere to count.
    /[\[(]\s*at\s*[\])]|\sdot\s|[\[(]\s*dot/i.test(match[0]) ? { start: match.index, end: match.index + match[0].length } : null,
  );
}

/* -------------------------------------------------------------------- phone */

// A UK number: +44 / 0044 (optionally "(0)"), or a trunk 0 (optionally bracketed), then digits with at
// most two separators between any two of them. The digits are checked against the numbering plan.
const PHONE_UK = new RegExp(
  "(?<![\\w+])(?:(?:\\+|00)" + SP + "?44" + "[ \\t\\u00A0\\u202F.\\-]?(?:\\(0\\)[ \\t\\u00A0\\u202F.\\-]?|0)?|\\(?0)" +
    "\\d(?:[ \\t\\u00A0\\u202F.\\-\\u2013)]{0,2}\\(?\\d){7,11}(?!\\d)",
  "g",
);

// Other countries' numbers, written with a leading "+": 8 to 15 digits in all (E.164).
const PHONE_INTERNATIONAL = new RegExp(
  "(?<![\\w+])\\+(?!" + SP + "?44)[1-9](?:[ \\t\\u00A0\\u202F.\\-]?\\(?\\d\\)?){7,14}(?!\\d)",
  "g",
);

/** Whether a UK national significant number (no trunk 0) fits the numbering plan's lengths. */
function isUkNationalNumber(nsn: string): boolean {
  const first = nsn[0];
  if (nsn.length === 10) return first === "1" || first === "2" || first === "3" || first === "5" || first === "7" || first === "8" || first === "9";
  // A few geographic numbers and 0800 / 0808 freephone numbers have nine digits after the 0.
  if (nsn.length === 9) return first === "1" || nsn.startsWith("800") || nsn.startsWith("808");
  return false;
}

/**
 * The longest prefix of a candidate, ending at the end of a group of digits, that is a UK number;
 * so "07700 900123 3 times" drops the trailing count. Returns its length, or 0 if there is none.
 */
function ukPhoneLength(candidate: string): number {
  const international = candidate.charCodeAt(0) === 43 /* + */ || candidate.startsWith("00");
  let digits = "";
  const ends: { length: number; digits: string }[] = [];
  for (let i = 0; i < candidate.length; i++) {
    const code = candidate.charCodeAt(i);
    if (code < 48 || code > 57) continue;
    digits += candidate[i];
    const next = candidate.charCodeAt(i + 1);
    if (!(next >= 48 && next <= 57)) ends.push({ length: i + 1, digits });
  }
  for (let e = ends.length - 1; e >= 0; e--) {
    const end = ends[e];
    if (end === undefined) continue;
    let nsn = international ? end.digits.replace(/^(?:00)?44/, "") : end.digits.slice(1);
    if (international && nsn.startsWith("0")) nsn = nsn.slice(1);
    if (isUkNationalNumber(nsn)) return end.length;
  }
  return 0;
}

function detectPhones(text: string, out: RawFinding[]): void {
  // A UK number has nine digits at least (a trunk 0 and eight), an international one a "+" and eight.
  if (hasDigits(text, 9)) collect(PHONE_UK, text, "phone", out, (match) => {
    const length = ukPhoneLength(match[0]);
    return length === 0 ? null : { start: match.index, end: match.index + length };
  });
  if (text.includes("+") && hasDigits(text, 8)) collect(PHONE_INTERNATIONAL, text, "phone", out, (match) => {
    const digits = match[0].replace(/\D/g, "").length;
    if (digits < 8 || digits > 15) return null;
    const value = match[0].replace(/\)$/, "");
    return { start: match.index, end: match.index + value.length };
  });
}

/* ------------------------------------------------------------- NHS numbers */

// Ten digits, 3-3-4 with the same separator twice, or unbroken; only a valid check digit counts.
// Never straight after another number, "+" or ")": "+44 112 758 8869" is a phone number.
const NHS_NUMBER = /(?<![\w+])(?<![\d+)][ \u00A0\-.]?)\d{3}([ \u00A0\-]?)\d{3}\1\d{4}(?![\w])/g;

function detectNhsNumbers(text: string, out: RawFinding[]): void {
  if (!hasDigits(text, 10)) return;
  collect(NHS_NUMBER, text, "nhs_number", out, (match) =>
    isValidNhsNumber(match[0]) ? { start: match.index, end: match.index + match[0].length } : null,
  );
}

/* ------------------------------------------------- National Insurance numbers */

// First letter not D, F, I, Q, U or V; second not D, F, I, O, Q, U or V; never BG, GB, KN, NK, NT,
// TN or ZZ; six digits; suffix A to D.
const NI_NUMBER = /(?<![A-Za-z0-9])(?!(?:BG|GB|KN|NK|NT|TN|ZZ))[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ \u00A0\-]?\d{2}[ \u00A0\-]?\d{2}[ \u00A0\-]?\d{2}[ \u00A0\-]?[A-D](?![A-Za-z0-9])/gi;

function detectNiNumbers(text: string, out: RawFinding[]): void {
  if (hasDigits(text, 6)) collect(NI_NUMBER, text, "ni_number", out);
}

/* ---------------------------------------------------------------- postcodes */

// A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA and GIR 0AA, with the letters each position
// allows; the space is optional. An outward code on its own ("LS1") never matches.
const POSTCODE = new RegExp(
  "(?<![A-Za-z0-9])(?:GIR" + SP + "?0AA|" +
    "(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])" +
    SP + "?[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
  "gi",
);

function detectPostcodes(text: string, out: RawFinding[]): void {
  if (!hasDigits(text, 1)) return;
  collect(POSTCODE, text, "postcode", out, (match) => {
    const value = match[0];
    // "Y7 2nd", "N1 1st floor": an inward code that reads as an ordinal is a postcode only in capitals.
    if (/(?:1st|2nd|3rd|[04-9]th)$/i.test(value) && value !== value.toUpperCase()) return null;
    return { start: match.index, end: match.index + value.length };
  });
}

/* ------------------------------------------------------- vehicle registrations */

const REGISTRATIONS = [
  // Current format (2001 on): two letters, the age identifier (02-39 or 51-89), three letters.
  new RegExp(
    "(?<![A-Za-z0-9])[A-HJ-PR-Y][A-HJ-PR-Y](?:0[2-9]|[1-3][0-9]|5[1-9]|[6-8][0-9])" + SP + "?[A-HJ-PR-Z]{3}(?![A-Za-z0-9])",
    "gi",
  ),
  // Prefix format (1983-2001): A123 BCD.
  new RegExp("(?<![A-Za-z0-9])[A-HJ-NP-TV-Y][0-9]{1,3}" + SP + "?[A-HJ-PR-Y]{3}(?![A-Za-z0-9])", "gi"),
  // Suffix format (1963-1983): ABC 123D.
  new RegExp("(?<![A-Za-z0-9])[A-HJ-PR-Y]{3}" + SP + "?[0-9]{1,3}[A-HJ-NP-TV-Y](?![A-Za-z0-9])", "gi"),
];

// Lower-case look-alikes ("yr10 and", "p45 and") are ordinary words unless a vehicle is mentioned.
const VEHICLE_CONTEXT = /\b(?:reg(?:istration)?|regs|plates?|vrm|car|cars|van|vehicle|motorbike|motorcycle|moped|taxi|lorry|truck)\b/i;

function detectRegistrations(text: string, out: RawFinding[]): void {
  if (!hasDigits(text, 1)) return;
  for (const regex of REGISTRATIONS) {
    collect(regex, text, "vehicle_registration", out, (match) => {
      const value = match[0];
      if (value !== value.toUpperCase() && !VEHICLE_CONTEXT.test(text.slice(Math.max(0, match.index - 40), match.index))) {
        return null;
      }
      return { start: match.index, end: match.index + value.length };
    });
  }
}

/* -------------------------------------------------------------------- dates */

const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\\.?";
const MONTH_PLAIN = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\\.?";
const DAY_NUMBER = "(0?[1-9]|[12][0-9]|3[01])(st|nd|rd|th)?(?![a-z0-9])";
const UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth";
const DAY_WORD =
  "((?:twenty|thirty)[\\- ]?(?:" + UNITS + ")|" + UNITS +
  "|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)(?![a-z])";
const YEAR = "((?:19|20)[0-9]{2}|['’][0-9]{2}|[0-9]{2})(?![\\w]|[./\\-][0-9])";

// "12 March 1987", "the 12th of March", "twelfth of March", "3rd Jan 85", "12-Mar-1987".
// Groups: 1 the, 2 day number, 3 suffix, 4 day word, 5 of, 6 month, 7 year.
const DATE_DAY_FIRST = new RegExp(
  "(?<![\\w£$])(?:(the)\\s+)?(?:" + DAY_NUMBER + "|" + DAY_WORD + ")(\\s+of)?[\\s,./\\-]{1,3}" + MONTH + "(?:,?[\\s./\\-]{1,2}" + YEAR + ")?",
  "gi",
);

// "March 12th, 1987", "March 12", "March the twelfth". Groups: 1 month, 2 the, 3 day number,
// 4 suffix, 5 day word, 6 year.
const DATE_MONTH_FIRST = new RegExp(
  "(?<![\\w£$])" + MONTH + "[\\s,./\\-]{1,2}(?:(the)\\s+)?(?:" + DAY_NUMBER + "|" + DAY_WORD + ")(?:,?[\\s./\\-]{1,2}" + YEAR + ")?",
  "gi",
);

// "12/03/1987", "1.3.87", "12-03-87" (same separator twice), and ISO "1987-03-12".
const DATE_NUMERIC = /(?<![\w./\-])(\d{1,2})([./\-])(\d{1,2})\2(\d{4}|\d{2})(?![\w]|[./\-]\d)/g;
const DATE_ISO = /(?<![\w./\-])((?:19|20)\d{2})([./\-])(\d{1,2})\2(\d{1,2})(?![\w]|[./\-]\d)/g;

// After "DOB", "date of birth" or "born", partial dates count too: "DOB 12/03", "born in March 1987",
// "DOB 120387". A year of birth alone is no more than an age, so it does not.
const DATE_OF_BIRTH = new RegExp(
  "(?<![a-z])(?:d\\.?\\s?o\\.?\\s?b\\.?|date\\s+of\\s+birth|birth\\s?date|born(?:\\s+(?:on|in))?)(?:\\s*[:\\-–]\\s*|\\s+)" +
    "(\\d{1,2}[./\\-]\\d{1,2}(?![./\\-]?\\d)|\\d{8}(?!\\d)|\\d{6}(?!\\d)|" + MONTH_PLAIN + "[\\s,]+(?:19|20)\\d{2}(?!\\d))",
  "gi",
);

// "In May 3 incidents were reported": a bare number after a month is a count when a count noun follows.
const COUNT_NOUN_AFTER = /^\s+(?:incidents?|times|children|kids|occasions|people|calls|reports|referrals|women|men|girls|boys|more|other|separate|further|different|new|previous|weeks?|days?|months?|years?|hours?|officers|messages|texts|visits|sessions|nights|cases|victims|perpetrators|of)\b/i;

const isAmbiguousMonth = (month: string) => /^(?:may|mar|march)\.?$/.test(month);
const validDayMonth = (day: number, month: number) => day >= 1 && day <= 31 && month >= 1 && month <= 12;

function detectDates(text: string, out: RawFinding[]): void {
  collect(DATE_DAY_FIRST, text, "date", out, (match) => {
    const [, the, dayNumber, suffix, dayWord, of, month = "", year] = match;
    // "first March", "her second March in the refuge": a word ordinal needs "of" or a year.
    if (dayWord !== undefined && of === undefined && year === undefined) return null;
    // "children aged 12 may be at risk": lower-case "may" / "march" only with a year, ordinal or "the".
    if (isAmbiguousMonth(month) && year === undefined && suffix === undefined && the === undefined && dayNumber !== undefined) return null;
    return { start: match.index, end: match.index + match[0].length };
  });
  collect(DATE_MONTH_FIRST, text, "date", out, (match) => {
    const [, month = "", the, dayNumber, suffix, dayWord, year] = match;
    if (dayWord !== undefined && the === undefined && year === undefined) return null;
    if (isAmbiguousMonth(month) && year === undefined && suffix === undefined && the === undefined) return null;
    const end = match.index + match[0].length;
    if (dayNumber !== undefined && suffix === undefined && year === undefined && the === undefined) {
      if (COUNT_NOUN_AFTER.test(text.slice(end, end + 24))) return null;
    }
    return { start: match.index, end };
  });
  if (hasDigits(text, 4)) collect(DATE_NUMERIC, text, "date", out, (match) => {
    const first = Number(match[1]);
    const second = Number(match[3]);
    // Day first (UK) or month first (US): either reading makes it a date.
    if (!validDayMonth(first, second) && !validDayMonth(second, first)) return null;
    return { start: match.index, end: match.index + match[0].length };
  });
  if (hasDigits(text, 6)) collect(DATE_ISO, text, "date", out, (match) =>
    validDayMonth(Number(match[4]), Number(match[3])) ? { start: match.index, end: match.index + match[0].length } : null,
  );
  if (hasDigits(text, 2)) collect(DATE_OF_BIRTH, text, "date", out, (match) => {
    const value = match[1] ?? "";
    const start = match.index + match[0].length - value.length;
    if (/^\d+$/.test(value)) {
      if (!validDayMonth(Number(value.slice(0, 2)), Number(value.slice(2, 4)))) return null;
    } else if (/^\d/.test(value)) {
      const [day = "", month = ""] = value.split(/[./\-]/);
      if (!validDayMonth(Number(day), Number(month)) && !validDayMonth(Number(month), Number(day))) return null;
    }
    return { start, end: start + value.length };
  });
}

/* ---------------------------------------------------------- street addresses */

const STREET_TYPES =
  "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Cl|Drive|Dr|Way|Crescent|Cres|Court|Ct|Grove|Terrace|Tce|Place|Pl|" +
  "Gardens|Gdns|Walk|Row|Mews|Hill|Square|Sq|Parade|Rise|View|Green|Park|Vale|Boulevard|Wharf|Yard|Quay|Croft|" +
  "Chase|Fold|Gate|Wynd|Brow|Heights|Meadows|Meadow|Grange|Embankment|Approach|Circus";

// A house number (or range, "12a", "12-14"), one to four name words, a street-type word, and any
// further type word ("Oak Hill Road"). Case is checked afterwards (see acceptStreet).
// Groups: 1 number, 2 name words, 3 type.
const STREET = new RegExp(
  "(?<![\\w£$.,/:\\-])(\\d{1,4}[a-z]?(?:\\s?[\\-–]\\s?\\d{1,4}[a-z]?)?),?" + SP + "+" +
    "((?:[a-z][a-z'’\\-]*" + SP + "+){1,4}?)(" + STREET_TYPES + ")\\.?(?![a-z0-9'’])" +
    "(?:" + SP + "+(?:" + STREET_TYPES + ")\\.?(?![a-z0-9'’]))?",
  "gi",
);

// "Flat 3, Elm House", "Flat 3b, 12 Oak Road", "Apartment 12 Riverside Court".
const FLAT = new RegExp(
  "(?<![A-Za-z])(?:[Ff]lat|FLAT|[Aa]partment|[Aa]pt\\.?)" + SP + "*\\d{1,4}[A-Za-z]?(?![\\w]),?" + SP + "+" +
    "(?:\\d{1,4}[A-Za-z]?" + SP + "+)?[A-Z][A-Za-z'’\\-]*(?:" + SP + "+[A-Z][A-Za-z'’\\-]*){0,3}",
  "g",
);

// Courts and car parks are places in casework, not addresses: "attended 2 Family Court hearings".
const COURTS = new Set([
  "crown", "family", "county", "magistrates", "magistrates'", "magistrates’", "magistrate's", "youth", "high",
  "supreme", "appeal", "coroners", "coroner's", "coroner’s", "civil", "criminal", "district",
]);
const isNotAStreet = (names: readonly string[], type: string) => {
  const lower = type.toLowerCase();
  if (lower === "court" || lower === "ct") return names.some((word) => COURTS.has(word.toLowerCase()));
  if (lower === "park") return names.some((word) => word.toLowerCase() === "car");
  return false;
};

// With any word in lower case the pattern is weaker: only unambiguous street types count, at most two
// name words, none an everyday word that follows a count ("3 times street harassment") or ends in
// -ed, -ing or -ly ("aged 34 she disclosed rd…"), and no comma after the number.
const LOWER_CASE_STREET_TYPES = new Set(["road", "rd", "street", "avenue", "lane", "crescent", "grove", "terrace", "gardens", "mews"]);
const NOT_A_LOWER_CASE_STREET_WORD = new Set([
  "the", "a", "an", "of", "on", "in", "at", "to", "and", "or", "by", "for", "from", "near", "with", "her", "his", "their",
  "she", "he", "they", "we", "you", "i", "it", "who", "was", "is", "were", "are", "has", "had", "have", "says", "said",
  "my", "our", "its", "times", "time", "incidents", "incident", "occasions", "children", "kids", "people", "men", "women",
  "girls", "boys", "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes",
  "minute", "miles", "mile", "calls", "messages", "texts", "visits", "officers", "separate", "different", "other",
  "more", "further", "previous", "new", "old", "young", "small", "main", "busy", "quiet", "same", "very", "way",
]);

const STREET_ABBREVIATIONS = new Set(["rd", "st", "ave", "ln", "cl", "dr", "cres", "ct", "tce", "pl", "gdns", "sq"]);

function acceptStreet(match: RegExpExecArray): Span | null {
  const [, houseNumber = "", nameWords = "", type = ""] = match;
  if (/^(?:19|20)\d\d$/.test(houseNumber)) return null; // "In 2019 Leeds Road ...": a year, not a house.
  const names = nameWords.trim().split(/\s+/);
  if (isNotAStreet(names, type)) return null;
  const capitalised = (word: string) => /^[A-Z]/.test(word);
  if (!(names.every(capitalised) && capitalised(type))) {
    if (!LOWER_CASE_STREET_TYPES.has(type.toLowerCase())) return null;
    if (match[0].slice(houseNumber.length).startsWith(",") || names.length > 2) return null;
    if (names.some((word) => NOT_A_LOWER_CASE_STREET_WORD.has(word.toLowerCase()) || /(?:ed|ing|ly)$/i.test(word))) return null;
  }
  // "Road." ends a sentence; only an abbreviation ("Rd.") keeps its full stop.
  const last = match[0].match(/([A-Za-z]+)\.$/)?.[1]?.toLowerCase();
  const end = match.index + match[0].length - (last !== undefined && !STREET_ABBREVIATIONS.has(last) ? 1 : 0);
  return { start: match.index, end };
}

function detectStreetAddresses(text: string, out: RawFinding[]): void {
  // Both need a number: the house's, or the flat's.
  if (!hasDigits(text, 1)) return;
  collect(STREET, text, "street_address", out, acceptStreet);
  collect(FLAT, text, "street_address", out);
}

/* ---------------------------------------------------- profile links and handles */

const PROFILE_HOSTS = [
  "facebook\\.com", "fb\\.com", "fb\\.me", "instagram\\.com", "instagr\\.am", "x\\.com", "twitter\\.com", "tiktok\\.com",
  "linkedin\\.com", "snapchat\\.com", "onlyfans\\.com", "fansly\\.com", "youtube\\.com", "reddit\\.com",
  "pinterest\\.com", "pinterest\\.co\\.uk", "tumblr\\.com", "threads\\.net", "threads\\.com", "bsky\\.app", "t\\.me",
  "telegram\\.me", "wa\\.me", "vk\\.com", "twitch\\.tv", "kick\\.com", "github\\.com", "patreon\\.com", "linktr\\.ee",
  "soundcloud\\.com", "discord\\.com", "discord\\.gg", "mastodon\\.social", "plentyoffish\\.com", "pof\\.com",
  "badoo\\.com", "tinder\\.com", "bumble\\.com", "hinge\\.co", "grindr\\.com", "kik\\.me", "ask\\.fm", "vimeo\\.com",
  "flickr\\.com", "quora\\.com", "cash\\.app", "paypal\\.me", "venmo\\.com", "myspace\\.com", "weibo\\.com",
].join("|");

// Any URL with a path under a social or personal-profile host; the bare host ("facebook.com") is a
// platform, not a person.
const PROFILE_LINK = new RegExp(
  "(?<![\\w.\\-@/])(?:https?://)?(?:[a-z0-9\\-]+\\.)*(?:" + PROFILE_HOSTS + ")(?::\\d{1,5})?/[^\\s<>\"'()\\[\\]{}]+",
  "gi",
);

function detectProfileLinks(text: string, out: RawFinding[]): void {
  if (!text.includes("/")) return;
  collect(PROFILE_LINK, text, "profile_link", out, (match) => {
    const value = match[0].replace(/[.,;:!?'"’”)]+$/, "");
    if (/\/$/.test(value) && !/\/[^/]+\/$/.test(value)) return null; // a host with only "/"
    return { start: match.index, end: match.index + value.length };
  });
}

// "@" and 2-30 word characters (dots allowed inside), never inside an e-mail or a URL.
const HANDLE = /(?<![\w.%+\-@/])@([A-Za-z0-9_](?:[\w.]{0,28}[A-Za-z0-9_])?)(?![\w@])/g;

// Casework shorthand uses "@" for "at": "@home", "@3pm", "discussed @MARAC".
const NOT_A_HANDLE = new Set([
  "home", "work", "school", "college", "uni", "court", "hospital", "police", "station", "night", "midnight", "noon",
  "weekend", "refuge", "the", "her", "his", "their", "gp", "marac", "mappa", "mash", "idva", "isva", "sarc", "camhs",
  "a&e", "hers", "mums", "dads", "nans",
]);

// "his snapchat is jane_doe22", "IG: j.smith.88": a username named by its platform, without the "@".
// Only tokens that look made-up (a digit, "_" or ".") count, so "his snapchat is private" stays clean.
const PLATFORM_USERNAME =
  /(?<![a-z])(?:snap(?:chat)?|insta(?:gram)?|ig|tik\s?tok|twitter|facebook|fb|telegram|kik|discord|whatsapp|onlyfans|reddit|threads|twitch|xbox|psn)(?:\s+(?:handle|username|user\s?name|name|id|account|profile|tag))?(?:\s*[:=]\s*|\s+(?:is|was)\s+)@?([A-Za-z0-9_.]{2,30})(?![\w@])/gi;

function detectHandles(text: string, out: RawFinding[]): void {
  collect(PLATFORM_USERNAME, text, "handle", out, (match) => {
    const username = (match[1] ?? "").replace(/\.+$/, "");
    if (username.length < 2 || !/[0-9_.]/.test(username) || !/[A-Za-z]/.test(username)) return null;
    const start = match.index + match[0].length - (match[1] ?? "").length;
    return { start, end: start + username.length };
  });
  if (text.includes("@")) collect(HANDLE, text, "handle", out, (match) => {
    const handle = match[1] ?? "";
    if (handle.length < 2 || handle.length > 30) return null;
    if (/^\d+(?:[.:]\d+)?(?:am|pm)?$/i.test(handle) || NOT_A_HANDLE.has(handle.toLowerCase())) return null;
    return { start: match.index, end: match.index + match[0].length };
  });
}

/* -------------------------------------------------------------------- names */

// Capitalised words that follow "called", "named" or a title in casework without being a name.
const NOT_A_NAME = new Set([
  "police", "constable", "station", "team", "unit", "the", "her", "his", "him", "she", "he", "they", "them", "their",
  "our", "my", "me", "it", "this", "that", "there", "then", "when", "after", "before", "refuge", "childline",
  "samaritans", "ambulance", "nhs", "gp", "marac", "mappa", "idva", "isva", "sarc", "mash", "camhs", "dapo", "dapn",
  "nrpf", "cps", "nspcc", "victim", "victims", "support", "women's", "women’s", "womens", "aid", "national",
  "helpline", "domestic", "abuse", "housing", "council", "services", "service", "social", "children's", "children’s",
  "adult", "court", "hospital", "school", "college", "university", "mum", "mother", "dad", "father", "nan", "gran",
  "grandma", "grandad", "auntie", "aunt", "uncle", "brother", "sister", "son", "daughter", "baby", "partner", "ex",
  "husband", "wife", "boyfriend", "girlfriend", "perpetrator", "suspect", "offender", "client", "unknown",
  "withheld", "redacted", "known", "not", "none", "anonymous", "monday", "tuesday", "wednesday", "thursday",
  "friday", "saturday", "sunday", "operation", "clare's", "clare’s", "sarah's", "sarah’s", "law", "appointment",
  "surgery", "safeguarding", "crimestoppers", "shelter", "respect", "galop", "rape", "crisis", "citizens",
  "action", "probation", "cafcass", "ofsted", "dwp", "hmrc", "universal", "jobcentre", "home", "office", "emergency",
  "ambulances", "paramedics", "security", "staff", "a&e", "nurse", "doctor", "midwife", "health", "visitor",
  "worker", "officer", "officers", "detective", "sergeant", "inspector", "training", "safety", "world", "duty",
  "911", "999", "101", "also", "still", "listed", "recorded", "given", "being", "now", "on", "in", "a", "an",
  "and", "or", "to", "of", "same", "different", "something", "someone", "somebody", "nothing", "names",
  "respondent", "applicant", "defendant", "claimant", "complainant", "witness", "mentioned", "disclosed", "shared",
  "changed", "removed", "added", "used", "provided", "passed", "flagged", "put", "written", "spelt", "spelled",
  "misspelled", "included", "noted", "taken", "checked", "searched", "similar", "common", "familiar", "as", "like",
  "mr", "mrs", "ms", "mx", "miss", "dr", "prof", "sir", "dame", "god", "allah",
  "under", "over", "about", "up", "out", "off", "already", "just", "everywhere", "false", "fake", "only", "hidden", "protected", "confidential", "blank", "missing",
]);

/** Capitalised name words at a position: up to three, each with a capital and at least two letters. */
const CAPITALISED_NAME = new RegExp("[\"'“‘]?([A-Z][A-Za-z'’\\-]+(?:" + SP + "+[A-Z][A-Za-z'’\\-]+){0,2})", "y");
const ANY_CASE_NAME = new RegExp("[\"'“‘]?([a-z][a-z'’\\-]+)", "y");

// "Her name is ...", "his name's ...", "surname: ...": a name follows, in any case.
const NAME_IS = /(?<![a-z])(?:sur|nick|user|maiden\s|first\s|last\s|full\s|real\s)?names?(?:\s+(?:is|was)|\s*=|['’]s|\s*:|\s+[\-–](?=\s))\s*/gi;

// "called ...", "named ...", "known as ...", "uses the name ...": a name only if capitalised (not
// "called the police").
const NAMED = /(?<![a-z])(?:called|named|nicknamed|known\s+as|goes\s+by(?:\s+the\s+name(?:\s+of)?)?|the\s+name(?:\s+of)?|alias|aka|a\.k\.a\.?|calls\s+(?:herself|himself|themselves|themself))\s+/gi;

// Titles and police ranks followed by a surname, optionally with initials or a collar number:
// "Mrs Smith", "Dr A. Patel", "DC Jones", "PC 1234 Evans". "Mr A" (a pseudonym) does not count.
const TITLED_NAME = new RegExp(
  "(?<![A-Za-z])(?:[Mm]rs|[Mm]r|[Mm]s|[Mm]x|Miss|[Dd]r|[Pp]rof|Professor|Sir|Dame|Revd|Rev|" +
    "PCSO|PC|WPC|DC|WDC|PS|DS|DI|DCI|DSI|DSU|DCS|Sgt|Sergeant|Insp|Inspector|Supt|Superintendent|Constable|" +
    "Detective(?:" + SP + "+(?:Constable|Sergeant|Inspector|Chief" + SP + "+Inspector|Superintendent))?|Officer)\\.?" +
    SP + "+(?:\\d{1,6}" + SP + "+)?(?:[A-Z]\\.?" + SP + "+){0,2}([A-Z][A-Za-z'’\\-]+)",
  "g",
);

const looksLikeName = (word: string) =>
  !NOT_A_NAME.has(word.toLowerCase()) && (/[a-z]/.test(word) || word.replace(/[^A-Z]/g, "").length >= 3);

function nameAt(text: string, position: number, anyCase: boolean): Span | null {
  CAPITALISED_NAME.lastIndex = position;
  const capitalised = CAPITALISED_NAME.exec(text);
  if (capitalised !== null) {
    const words = capitalised[1] ?? "";
    const first = words.split(/\s+/)[0] ?? "";
    if (!looksLikeName(first)) return null;
    // Short all-capital words after "called" are organisations ("called CAMHS"), not people.
    if (!anyCase && first === first.toUpperCase() && first.length <= 5) return null;
    const start = position + capitalised[0].length - words.length;
    return { start, end: start + words.length };
  }
  if (!anyCase) return null;
  ANY_CASE_NAME.lastIndex = position;
  const lower = ANY_CASE_NAME.exec(text);
  if (lower === null) return null;
  const word = lower[1] ?? "";
  if (NOT_A_NAME.has(word)) return null;
  const start = position + lower[0].length - word.length;
  return { start, end: start + word.length };
}

function detectNames(text: string, out: RawFinding[]): void {
  collect(NAME_IS, text, "name", out, (match) => nameAt(text, match.index + match[0].length, true));
  collect(NAMED, text, "name", out, (match) => nameAt(text, match.index + match[0].length, false));
  collect(TITLED_NAME, text, "name", out, (match) =>
    looksLikeName(match[1] ?? "") ? { start: match.index, end: match.index + match[0].length } : null,
  );
}

/** Every detector, each appending its raw hits. */
export const DETECTORS: readonly ((text: string, out: RawFinding[]) => void)[] = [
  detectEmails,
  detectPhones,
  detectNhsNumbers,
  detectNiNumbers,
  detectPostcodes,
  detectRegistrations,
  detectDates,
  detectStreetAddresses,
  detectProfileLinks,
  detectHandles,
  detectNames,
];

/** The detectors of numbers alone, run again over the text with broken-up digits closed. */
export const NUMBER_DETECTORS: readonly ((text: string, out: RawFinding[]) => void)[] = [
  detectPhones,
  // Closed up, a number with a trunk 0 is dialled, not an NHS number ("0800 323 041").
  (text, out) => {
    if (!hasDigits(text, 10)) return;
    collect(NHS_NUMBER, text, "nhs_number", out, (match) =>
      !match[0].startsWith("0") && isValidNhsNumber(match[0]) ? { start: match.index, end: match.index + match[0].length } : null,
    );
  },
];
