import nlp from "compromise";
import { type RawFinding } from "./detectors";
import { AMBIGUOUS_NAMES, CASEWORK_WORDS, EXTRA_FIRST_NAMES, EXTRA_SURNAMES, ROLE_WORDS } from "./name-lists";
import { PLACE_WORDS } from "./places";

/**
 * People's names written plainly in running text ("her ex-partner Kyle", "Darren (34)", "Sarah
 * Jones called"), found from capitalised words with first-name and surname lists, the words around
 * them, and, for a capitalised word no list knows, compromise's English tagger. Casework terms
 * (services, agencies, law, places at force or council level, months) are never names.
 * docs/privacy-check.md says how it decides.
 */

type Category = "first" | "last" | "ambiguous" | "casework" | "unknown";

const LEXICON = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
const NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName", "LastName"]);
const NOT_NAME_TAGS = new Set([
  "Place", "City", "Country", "Region", "Organization", "Month", "WeekDay", "Demonym", "Language", "Religion", "Holiday",
]);

const categoryCache = new Map<string, Category>();

function categorise(lower: string): Category {
  const cached = categoryCache.get(lower);
  if (cached !== undefined) return cached;
  let category: Category;
  const raw = LEXICON[lower];
  const tags = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (AMBIGUOUS_NAMES.has(lower) || PLACE_WORDS.has(lower)) category = "ambiguous";
  else if (CASEWORK_WORDS.has(lower)) category = "casework";
  else if (EXTRA_FIRST_NAMES.has(lower)) category = "first";
  else if (EXTRA_SURNAMES.has(lower)) category = "last";
  else if (tags.some((tag) => NOT_NAME_TAGS.has(tag))) category = "casework";
  else if (tags.some((tag) => NAME_TAGS.has(tag))) category = tags.includes("LastName") ? "last" : "first";
  // "Person" covers "Kent" and "Victoria"; any other tag is an everyday word ("Car", "Find").
  else if (tags.includes("Person")) category = "ambiguous";
  else if (tags.length > 0) category = "casework";
  else category = "unknown";
  if (categoryCache.size < 20_000) categoryCache.set(lower, category);
  return category;
}

/** A word of the text, and its place among the text's words. */
type Token = { text: string; lower: string; start: number; end: number; index: number };

// Words, with inner apostrophes and hyphens ("O'Brien", "Smith-Jones"); a possessive "'s" is dropped.
const WORD = /[A-Za-z]+(?:['’\-][A-Za-z]+)*/g;
const POSSESSIVE = /['’]s$/i;

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    let word = match[0];
    if (POSSESSIVE.test(word)) word = word.slice(0, -2);
    const lower = word.toLowerCase();
    tokens.push({
      text: word,
      lower: lower.includes("’") ? lower.replaceAll("’", "'") : lower,
      start: match.index,
      end: match.index + word.length,
      index: tokens.length,
    });
  }
  return tokens;
}

// Both shapes start with a capital A to Z, which most words do not: that is checked before either pattern.
const CAPITALISED = /^(?:[A-Z][a-z]|Mc[A-Z]|Mac[A-Z]|O'[A-Z])/;
const SHOUTED = /^[A-Z]{3,}(?:['\-][A-Z]+)?$/;
const startsWithCapital = (word: string) => {
  const first = word.charCodeAt(0);
  return first >= 65 && first <= 90;
};
const isCapitalised = (word: string) => startsWithCapital(word) && CAPITALISED.test(word);
const isShouted = (word: string) => startsWithCapital(word) && SHOUTED.test(word);
// A new sentence, line, list item or quotation starts in the gap before a word.
const SENTENCE_BREAK = /[.!?;:\n•*"“(\[]/;
// Joins inside an organisation's or a law's name ("Protection from Harassment Act").
const CONNECTORS = new Set(["of", "from", "for", "and", "the", "on", "in", "&", "against", "to"]);
// Particles inside a person's name ("Ana de Souza", "Ahmed bin Salleh").
const PARTICLES = new Set(["de", "da", "di", "du", "van", "von", "der", "den", "bin", "binti", "al", "el", "le", "la", "ap"]);
// Words that name an organisation, a place or a law when they end or sit in a run of capitalised words.
const INSTITUTION = new Set([
  "service", "services", "aid", "police", "constabulary", "court", "courts", "council", "act", "law", "order", "team",
  "unit", "centre", "center", "trust", "foundation", "charity", "project", "partnership", "board", "authority",
  "agency", "office", "department", "hospital", "ward", "clinic", "surgery", "practice", "school", "academy",
  "college", "university", "nursery", "station", "church", "mosque", "temple", "gurdwara", "synagogue", "prison",
  "street", "road", "lane", "avenue", "park", "estate", "way", "close", "drive", "house", "hall", "bridge", "square",
  "support", "advice", "network", "association", "society", "group", "line", "helpline", "housing", "homes",
  "bank", "hotel", "shop", "store", "centre", "market", "airport", "city", "town", "county", "borough", "district",
  "village", "scheme", "programme", "panel", "committee", "forum", "commission", "commissioner", "ltd", "limited",
  "plc", "llp", "inc", "nhs", "marac", "idva", "regulations", "rules", "bill", "guidance",
]);

// A person's age straight after a name: "(34)", "(aged 34)", ", 34,", " aged 34", "(DOB ...)".
const AGE_AFTER = /^(?:\s*\(\s*(?:aged?\s*|age:?\s*|dob\b[^)]*|\d{1,2}\s*(?:yrs?|years?(?:\s+old)?|y\/?o)?\s*\)))|^\s*\(\s*\d{1,2}\s*\)|^,\s*\d{1,2}\s*,|^,?\s+aged\s+\d{1,2}\b/i;
// Words that only a person does at the start of a clause: "Sarah said", "Kyle threatened".
const PERSON_VERB_AFTER = /^\s+(?:said|says|told|tells|threatened|threatens|hit|hits|punched|kicked|strangled|assaulted|raped|stalked|followed|messaged|texted|called|rang|phoned|shouted|screamed|disclosed|reported|admitted|denied|lives|lived|works|worked|is\s+\d{1,2}\b|was\s+\d{1,2}\b|(?:has|had|was|is)\s+(?:been|a|two|three|\d|[a-z]+ed\b)|and\s+(?:her|his)\s)/i;

type Group = { tokens: Token[]; sentenceStart: boolean; hasConnector: boolean };

// A gap that keeps two words together: one space, a hyphen, or an "'s" before a space.
const ADJACENT_GAP = /^['’]?s?\s$/;

/** Runs of capitalised words on one line, with the connectors and particles between them. */
function groupsOf(text: string, tokens: readonly Token[]): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  let pendingJoin: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = tokens[i - 1];
    const gap = previous === undefined ? text.slice(0, token.start) : text.slice(previous.end, token.start);
    const sentenceStart = previous === undefined || SENTENCE_BREAK.test(gap);
    const capital = isCapitalised(token.text) || isShouted(token.text);
    const adjacent = gap === " " || gap === "-" || ADJACENT_GAP.test(gap);
    if (capital) {
      if (current !== null && adjacent && !sentenceStart) {
        if (pendingJoin.some((join) => CONNECTORS.has(join.lower))) current.hasConnector = true;
        current.tokens.push(token);
      } else {
        current = { tokens: [token], sentenceStart, hasConnector: false };
        groups.push(current);
      }
      pendingJoin = [];
    } else if (current !== null && adjacent && (CONNECTORS.has(token.lower) || PARTICLES.has(token.lower)) && pendingJoin.length < 2) {
      pendingJoin.push(token);
    } else {
      current = null;
      pendingJoin = [];
    }
  }
  return groups;
}

/** Whether the words just before a position make the next word someone's name. */
function roleBefore(text: string, tokens: readonly Token[], index: number): boolean {
  const first = tokens[index];
  if (first === undefined) return false;
  for (let back = 1; back <= 2; back++) {
    const previous = tokens[index - back];
    if (previous === undefined) return false;
    const gap = text.slice(previous.end, tokens[index - back + 1]!.start);
    if (/[.!?;:\n]/.test(gap)) return false;
    if (ROLE_WORDS.has(previous.lower) || /-in-law$/.test(previous.lower)) return true;
    // "her ex-partner, Kyle," or "her son Tom": only the role word or "called"/"named" may sit between.
    if (back === 1 && !/^(?:called|named)$/.test(previous.lower)) {
      if (!/,\s*$/.test(gap)) return false;
    }
  }
  return false;
}

// An NLP pass is slow (milliseconds a sentence): it runs only for sentences with a capitalised word
// no list knows, and its answer is kept for the rest of the scan.
function peopleInSentence(text: string, position: number, cache: Map<number, Set<number>>): Set<number> {
  let start = position;
  while (start > 0 && !/[.!?\n]/.test(text[start - 1] ?? "")) start--;
  const cached = cache.get(start);
  if (cached !== undefined) return cached;
  let end = position;
  while (end < text.length && !/[.!?\n]/.test(text[end] ?? "")) end++;
  const sentence = text.slice(start, Math.min(text.length, end + 1));
  const starts = new Set<number>();
  const people = nlp(sentence).people().json({ offset: true }) as { offset: { start: number; length: number } }[];
  for (const person of people) {
    for (let k = person.offset.start; k < person.offset.start + person.offset.length; k++) starts.add(start + k);
  }
  cache.set(start, starts);
  return starts;
}

// What a name looks like that no list knows: a capital, lower-case letters, none of the endings of
// English nouns and adjectives ("Programme", "Assessment", "Caribbean" are not asked about).
const NAME_SHAPED = /^(?:Mc|Mac|O')?[A-Z][a-z]{2,14}(?:-[A-Z][a-z]+)?$/;
const NOT_NAME_ENDING = /(?:tion|sion|ment|ness|ity|ship|ism|ology|ance|ence|ing|ical|ive|ous|ful|less|able|ible|ary|ery|ory|ist|ian|ese|ish|ean|ic|al|ers|ies|nce|me)$/;
const nameShaped = (word: string) => NAME_SHAPED.test(word) && !NOT_NAME_ENDING.test(word);
// Words after which a capitalised word is often a person ("met Tyrell", "scared of Dante"): only then
// is the tagger asked about a word no list knows.
const PERSON_CUE_BEFORE = /(?:^|\s)(?:with|met|meet|meets|told|tells|saw|see|sees|visited|married|marry|dating|seeing|against|of|by|from|about|and|to|for|asked|ask|texted|messaged|called|rang|phoned|hit|hits|punched|attacked|threatened|followed|left|leave|leaves|like|behind|named|called)\s+$/i;
const cued = (text: string, token: Token) => PERSON_CUE_BEFORE.test(text.slice(Math.max(0, token.start - 16), token.start));

/** Appends a finding for each name found in running text. */
export function detectRunningNames(text: string, out: RawFinding[]): void {
  const tokens = tokenise(text);
  if (tokens.length === 0) return;
  // Most texts never ask the tagger, so its answers' cache is made on the first question.
  let nlpCache: Map<number, Set<number>> | undefined;
  const people = (position: number) => peopleInSentence(text, position, (nlpCache ??= new Map()));

  for (const group of groupsOf(text, tokens)) {
    const words = group.tokens;
    const lowers = words.map((token) => token.lower);
    // Organisations, services, places and laws: "Crown Prosecution Service", "Protection from Harassment Act".
    if (group.hasConnector || lowers.some((word) => INSTITUTION.has(word))) continue;
    if (words.length > 4) continue;

    const categories = words.map((token) => (isShouted(token.text) && token.text.length <= 5 && categorise(token.lower) !== "first" && categorise(token.lower) !== "last" ? "casework" : categorise(token.lower)));
    const firstIndex = words[0]!.index;
    const last = words[words.length - 1]!;
    const after = text.slice(last.end, last.end + 40);
    const strongContext = roleBefore(text, tokens, firstIndex) || AGE_AFTER.test(after);
    // At the start of a sentence a capital says nothing: a word the lists do not know is let be.
    let from = 0;
    if (group.sentenceStart && words.length > 1 && categories[0] !== "first" && categories[0] !== "last") from = 1;
    const names = words.slice(from);
    const kinds = categories.slice(from);
    if (names.length === 0) continue;

    const span = () => ({ kind: "name" as const, start: names[0]!.start, end: names[names.length - 1]!.end });
    const known = kinds.filter((kind) => kind === "first" || kind === "last").length;

    if (kinds.every((kind) => kind === "casework")) {
      // Months used as names ("her daughter April (6)") need the strongest sign.
      if (strongContext && names.length === 1 && AMBIGUOUS_NAMES.has(names[0]!.lower)) out.push(span());
      continue;
    }
    if (names.length >= 2 && known >= 1 && kinds.every((kind) => kind !== "casework")) {
      out.push(span());
      continue;
    }
    if (names.length >= 2 && kinds.every((kind) => kind === "unknown" || kind === "ambiguous") && !group.sentenceStart) {
      if (strongContext || (names.every((token) => nameShaped(token.text)) && cued(text, names[0]!) && people(names[0]!.start).has(names[0]!.start))) out.push(span());
      continue;
    }
    for (let k = 0; k < names.length; k++) {
      const token = names[k]!;
      const kind = kinds[k];
      const atStart = group.sentenceStart && from === 0 && k === 0;
      const context = (names.length === 1 && strongContext) || roleBefore(text, tokens, token.index) || (k === names.length - 1 && AGE_AFTER.test(after));
      const hit = { kind: "name" as const, start: token.start, end: token.end };
      if (kind === "first" || kind === "last") {
        // A shouted word ("JONES") counts when the lists know it; a first name at the start of a
        // sentence when a person's verb follows or nothing else could be meant.
        if (!atStart || PERSON_VERB_AFTER.test(text.slice(token.end, token.end + 30)) || context || kind === "first") out.push(hit);
      } else if (kind === "ambiguous") {
        const personVerb = PERSON_VERB_AFTER.test(text.slice(token.end, token.end + 30)) && !PLACE_WORDS.has(token.lower);
        if (context || personVerb) out.push(hit);
      } else if (kind === "unknown") {
        if (context) out.push(hit);
        else if (!atStart && nameShaped(token.text) && cued(text, token) && people(token.start).has(token.start)) out.push(hit);
        else if (atStart && nameShaped(token.text) && PERSON_VERB_AFTER.test(text.slice(token.end, token.end + 30)) && people(token.start).has(token.start)) out.push(hit);
      }
    }
  }
}
