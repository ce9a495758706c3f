import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/reference/csv";
import { escapeCsvCell, toCsv } from "./csv-write";

describe("escapeCsvCell", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", `"'=HYPERLINK(""http://x"")"`],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTAB", "'\tTAB"],
    ["\rCR", `"'\rCR"`],
    ["\0NUL", "'\0NUL"],
  ])("neutralises a cell that a spreadsheet would run as a formula: %j", (value, escaped) => {
    expect(escapeCsvCell(value)).toBe(escaped);
  });

  it("leaves ordinary cells alone and quotes commas, quotes and line breaks", () => {
    expect(escapeCsvCell("victim_sex")).toBe("victim_sex");
    expect(escapeCsvCell("a, b")).toBe('"a, b"');
    expect(escapeCsvCell('say "x"')).toBe('"say ""x"""');
    expect(escapeCsvCell("two\nlines")).toBe('"two\nlines"');
    expect(escapeCsvCell(12)).toBe("12");
    expect(escapeCsvCell(null)).toBe("");
  });

  it("writes CSV that reads back to the escaped values", () => {
    const csv = toCsv([["row", "message"], ["2", "=1+1"], ["3", "a, \"b\"\nc"]]);
    expect(parseCsv(csv.replace(/\r\n$/, ""))).toEqual([
      { row: "2", message: "'=1+1" },
      { row: "3", message: 'a, "b"\nc' },
    ]);
  });
});
