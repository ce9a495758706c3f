import { describe, expect, it } from "vitest";
import { formatMonth, monthsBackFrom } from "./months";

describe("months", () => {
  it("shows a month as its name and year", () => {
    expect(formatMonth("2026-11")).toBe("November 2026");
    expect(formatMonth("2024-01-01")).toBe("January 2024");
  });

  it("leaves anything that is not a month as it was given", () => {
    expect(formatMonth("2026-13")).toBe("2026-13");
    expect(formatMonth("November")).toBe("November");
  });

  it("lists the months newest first across a year's end", () => {
    expect(monthsBackFrom("2026-02", "2025-11")).toEqual([
      { value: "2026-02", label: "February 2026" },
      { value: "2026-01", label: "January 2026" },
      { value: "2025-12", label: "December 2025" },
      { value: "2025-11", label: "November 2025" },
    ]);
  });
});
