import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidNhsNumber, nhsCheckDigit } from "./nhs-number";

const nineDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((digits) => digits.join(""));

describe("nhsCheckDigit", () => {
  it.each([
    ["943476591", 9],
    ["450557710", 4],
    ["485777345", 7],
    ["601234567", 4],
    ["999000001", 8],
  ])("computes the check digit of %s as %d", (firstNine, check) => {
    expect(nhsCheckDigit(firstNine)).toBe(check);
  });

  it("maps a check of 11 to 0", () => {
    // The weighted sum is 0, a multiple of 11, so the check is 11 − 0 = 11, written as 0.
    expect(nhsCheckDigit("000000000")).toBe(0);
    expect(isValidNhsNumber("0000000000")).toBe(true);
  });

  it("returns null when the check would be 10, as no valid number has those nine digits", () => {
    expect(nhsCheckDigit("999123456")).toBeNull();
  });

  it("refuses anything but nine digits", () => {
    expect(() => nhsCheckDigit("12345678")).toThrow(RangeError);
    expect(() => nhsCheckDigit("12345678a")).toThrow(RangeError);
  });
});

describe("isValidNhsNumber", () => {
  it.each(["943 476 5919", "9434765919", "943-476-5919", "450 557 7104"])("accepts %s", (value) => {
    expect(isValidNhsNumber(value)).toBe(true);
  });

  it.each(["943 476 5910", "9434765918", "94347659", "94347659191", "943 476 591X", ""])("rejects %s", (value) => {
    expect(isValidNhsNumber(value)).toBe(false);
  });

  it("accepts every number built with its check digit", () => {
    fc.assert(
      fc.property(nineDigits, (firstNine) => {
        const check = nhsCheckDigit(firstNine);
        fc.pre(check !== null);
        expect(isValidNhsNumber(`${firstNine}${check}`)).toBe(true);
      }),
    );
  });

  it("detects every change to a single digit", () => {
    fc.assert(
      fc.property(nineDigits, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (firstNine, position, delta) => {
        const check = nhsCheckDigit(firstNine);
        fc.pre(check !== null);
        const digits = `${firstNine}${check}`.split("");
        digits[position] = String((Number(digits[position]) + delta) % 10);
        expect(isValidNhsNumber(digits.join(""))).toBe(false);
      }),
    );
  });
});
