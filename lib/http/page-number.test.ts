import { describe, expect, it } from "vitest";
import { pageNumber } from "./page-number";

describe("pageNumber", () => {
  it("reads a page number written in digits", () => {
    expect(pageNumber("1")).toBe(1);
    expect(pageNumber("27")).toBe(27);
    expect(pageNumber(["3", "9"])).toBe(3);
  });

  it("reads an enormous page number as the largest there can be, which the list shows as its last page", () => {
    expect(pageNumber("99999999999")).toBe(99_999_999_999);
    expect(pageNumber("9".repeat(400))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([undefined, "", "0", "-1", "-99999999999", "1e308", "1.5", "2abc", " 2", "0x10", "Infinity", "NaN", "１２"])(
    "reads %j as the first page",
    (value) => {
      expect(pageNumber(value)).toBe(1);
    },
  );
});
