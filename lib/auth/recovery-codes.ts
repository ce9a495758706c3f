import { createHash, randomInt } from "node:crypto";

/** Digits and capitals without the look-alikes 0/O, 1/I/L: 31 symbols, about 4.95 bits each. */
export const RECOVERY_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
// Three groups of four (59.5 bits) would fall short of 60 bits with 31 symbols; four give 79.3.
const RECOVERY_CODE_GROUPS = 4;
const RECOVERY_CODE_GROUP_LENGTH = 4;
export const RECOVERY_CODE_LENGTH = RECOVERY_CODE_GROUPS * RECOVERY_CODE_GROUP_LENGTH;

const MAX_COUNT = 100;

/** Distinct codes such as `7KQ4-M2XD-9PRT-H6WN`, shown once to the person; store only their hashes. */
export function generateRecoveryCodes(count = 10): string[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) throw new Error(`Recovery code count must be 1 to ${MAX_COUNT}.`);
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateRecoveryCode());
  return [...codes];
}

function generateRecoveryCode(): string {
  const groups = Array.from({ length: RECOVERY_CODE_GROUPS }, () =>
    Array.from({ length: RECOVERY_CODE_GROUP_LENGTH }, randomSymbol).join(""),
  );
  return groups.join("-");
}

function randomSymbol(): string {
  return RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)]!;
}

/** What the person typed, as stored: upper case, without spaces or dashes ("7kq4 m2xd–9prt…"). */
export function normaliseRecoveryCode(input: string): string {
  return input.replace(/[\s\p{Pd}]+/gu, "").toUpperCase();
}

/**
 * SHA-256 (hex) of the normalised code. A fast hash is enough here, unlike for passwords: each code
 * carries about 79 random bits, far beyond what guessing against a stolen hash could cover.
 */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code), "utf8").digest("hex");
}
