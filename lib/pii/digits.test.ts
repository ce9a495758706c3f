import { describe, expect, it } from "vitest";
import { hasDigits } from "./digits";

describe("counting digits before a pattern runs", () => {
  it("counts the digits 0 to 9 wherever they are, as \\d matches them", () => {
    expect(hasDigits("07700 900123", 11)).toBe(true);
    expect(hasDigits("07700 900123", 12)).toBe(false);
    expect(hasDigits("aged 34, 3 children", 3)).toBe(true);
    expect(hasDigits("aged 34, 3 children", 4)).toBe(false);
    expect(hasDigits("", 0)).toBe(true);
    expect(hasDigits("no digits here", 1)).toBe(false);
  });

  it("leaves other scripts' digits to normalising, as \\d does", () => {
    expect(hasDigits("０７７００ ٠٧٧", 1)).toBe(false);
    expect(/\d/.test("０７７００ ٠٧٧")).toBe(false);
  });
});
