import { readFileSync } from "node:fs";
import { join } from "node:path";

const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_REASONS = {
  tooShort: `Choose a password of at least ${PASSWORD_MIN_LENGTH} characters.`,
  tooLong: `Choose a password of no more than ${PASSWORD_MAX_LENGTH} characters.`,
  repeated: "Choose a password that is not one character repeated.",
  common: "Choose a password that is not on a list of commonly used passwords.",
  serviceWord: "Choose a password that is not based on the name of this service.",
  email: "Choose a password that does not contain your e-mail address.",
  name: "Choose a password that is not based on your name.",
} as const;

export type PasswordCheck = { ok: true } | { ok: false; reason: string };

export interface PasswordContext {
  email?: string;
  displayName?: string;
}

// Words an attacker tries first against this portal, padded with digits or symbols.
const SERVICE_WORDS = ["password", "passwd", "vawg", "portal", "partner", "partners", "police", "policing", "violence", "women", "girls", "admin", "login", "welcome"];
// Look-alike substitutions people make in those words ("P@ssw0rd").
const LOOK_ALIKES: Record<string, string> = { a: "[a@4]", e: "[e3]", i: "[i1!|]", l: "[l1|]", o: "[o0]", s: "[s$5]", t: "[t7+]" };
const MIN_PERSONAL_WORD_LENGTH = 3;
const COMMON_PASSWORDS_FILE = join("lib", "auth", "data", "common-passwords.txt");

let commonPasswords: Set<string> | undefined;

/** docs/security.md#passwords: 12–128 characters, no composition rules, nothing common or guessable from the person. */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const normalised = password.normalize("NFC");
  const characters = [...normalised];
  if (characters.length < PASSWORD_MIN_LENGTH) return refuse("tooShort");
  if (characters.length > PASSWORD_MAX_LENGTH) return refuse("tooLong");
  if (new Set(characters).size === 1) return refuse("repeated");

  const lower = normalised.toLowerCase();
  if (isCommonPassword(lower)) return refuse("common");
  if (isOnlyWordsAndPadding(lower, SERVICE_WORDS)) return refuse("serviceWord");
  if (containsEmailLocalPart(lower, context.email)) return refuse("email");
  if (isOnlyWordsAndPadding(lower, personalWords(context))) return refuse("name");
  return { ok: true };
}

function refuse(reason: keyof typeof PASSWORD_REASONS): PasswordCheck {
  return { ok: false, reason: PASSWORD_REASONS[reason] };
}

function isCommonPassword(lower: string): boolean {
  const list = getCommonPasswords();
  const withoutTrailing = lower.replace(/[^\p{L}\p{M}]+$/u, "");
  const withoutEither = withoutTrailing.replace(/^[^\p{L}\p{M}]+/u, "");
  return [lower, withoutTrailing, withoutEither].some((candidate) => candidate !== "" && list.has(candidate));
}

function getCommonPasswords(): Set<string> {
  commonPasswords ??= new Set(
    readFileSync(join(process.cwd(), COMMON_PASSWORDS_FILE), "utf8")
      .split(/\r?\n/)
      .filter((line) => line !== ""),
  );
  return commonPasswords;
}

/** True when the password has at least one of the words (or a look-alike spelling) and no other letters. */
function isOnlyWordsAndPadding(lower: string, words: string[]): boolean {
  if (words.length === 0) return false;
  const alternatives = [...words].sort((a, b) => b.length - a.length).map(lookAlikePattern);
  const rest = lower.replace(new RegExp(alternatives.join("|"), "gu"), "");
  return rest !== lower && !/\p{L}/u.test(rest);
}

function lookAlikePattern(word: string): string {
  return [...word].map((character) => LOOK_ALIKES[character] ?? escapeRegExp(character)).join("");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function containsEmailLocalPart(lower: string, email: string | undefined): boolean {
  const localPart = emailLocalPart(email);
  if (localPart === undefined) return false;
  return lower.includes(localPart) || compact(lower).includes(compact(localPart));
}

/** "Jane.Smith+vawg@example.org" → "jane.smith": the sub-address is the person's choice, not their name. */
function emailLocalPart(email: string | undefined): string | undefined {
  if (!email) return undefined;
  const at = email.lastIndexOf("@");
  const localPart = (at === -1 ? email : email.slice(0, at)).normalize("NFC").toLowerCase().split("+")[0] ?? "";
  return [...compact(localPart)].length >= MIN_PERSONAL_WORD_LENGTH ? localPart : undefined;
}

function personalWords({ email, displayName }: PasswordContext): string[] {
  const sources = [displayName ?? "", emailLocalPart(email) ?? ""];
  return sources
    .flatMap((source) => source.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u))
    .filter((word) => [...word].length >= MIN_PERSONAL_WORD_LENGTH);
}

function compact(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, "");
}
