import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_LENGTH,
} from "./recovery-codes";

const FORMAT = new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{4}(-[${RECOVERY_CODE_ALPHABET}]{4}){3}$`);

describe("generateRecoveryCodes", () => {
  it("returns ten codes by default, or as many as asked", () => {
    expect(generateRecoveryCodes()).toHaveLength(10);
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it("writes each code as four groups of four symbols from the alphabet", () => {
    for (const code of generateRecoveryCodes(100)) expect(code).toMatch(FORMAT);
  });

  it("returns distinct codes within a batch and across batches", () => {
    const codes = Array.from({ length: 20 }, () => generateRecoveryCodes(100)).flat();
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("uses every symbol of the alphabet over many codes", () => {
    const seen = new Set(generateRecoveryCodes(100).join("").replace(/-/g, ""));
    expect([...seen].sort().join("")).toBe(RECOVERY_CODE_ALPHABET);
  });

  it("refuses counts that are not a whole number from 1 to 100", () => {
    for (const count of [0, -1, 1.5, 101]) expect(() => generateRecoveryCodes(count)).toThrow("Recovery code count must be 1 to 100.");
  });
});

describe("recovery code alphabet", () => {
  it("leaves out the look-alikes 0, O, 1, I and L and repeats nothing", () => {
    expect(RECOVERY_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    expect(RECOVERY_CODE_ALPHABET).toMatch(/^[0-9A-Z]+$/);
    expect(new Set(RECOVERY_CODE_ALPHABET).size).toBe(RECOVERY_CODE_ALPHABET.length);
  });

  it("gives each code at least 60 bits of entropy", () => {
    expect(RECOVERY_CODE_LENGTH * Math.log2(RECOVERY_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(60);
  });
});

describe("normaliseRecoveryCode", () => {
  it("upper-cases and drops spaces, hyphens and other dashes", () => {
    expect(normaliseRecoveryCode("7kq4-m2xd-9prt-h6wn")).toBe("7KQ4M2XD9PRTH6WN");
    expect(normaliseRecoveryCode(" 7KQ4 M2XD\t9PRT–H6WN ")).toBe("7KQ4M2XD9PRTH6WN");
    expect(normaliseRecoveryCode("7KQ4M2XD9PRTH6WN")).toBe("7KQ4M2XD9PRTH6WN");
  });
});

describe("hashRecoveryCode", () => {
  it("returns the SHA-256 hex digest of the normalised code", () => {
    // printf %s 7KQ4M2XD9PRTH6WN | sha256sum
    expect(hashRecoveryCode("7KQ4-M2XD-9PRT-H6WN")).toBe("435befc3fd5fffc1c1f6b7fda77f924eac970128cfdca584c88381ee52192757");
  });

  it("gives the same hash however the code is typed", () => {
    const [code] = generateRecoveryCodes(1);
    const typed = code!.toLowerCase().replace(/-/g, " ");
    expect(hashRecoveryCode(typed)).toBe(hashRecoveryCode(code!));
  });

  it("gives different hashes for different codes", () => {
    const codes = generateRecoveryCodes(50);
    expect(new Set(codes.map(hashRecoveryCode)).size).toBe(50);
  });
});
