import { describe, expect, it } from "vitest";

import { parseCsv, parseCsvRows } from "./csv";

describe("parseCsv", () => {
  it("keys each row by the header's column names", () => {
    expect(parseCsv("code,name\nE23000010,West Yorkshire\nW15000002,Gwent\n")).toEqual([
      { code: "E23000010", name: "West Yorkshire" },
      { code: "W15000002", name: "Gwent" },
    ]);
  });

  it("keeps a comma inside a quoted field", () => {
    expect(parseCsv('code,name\nE06000023,"Bristol, City of"\n')).toEqual([{ code: "E06000023", name: "Bristol, City of" }]);
  });

  it("turns a doubled quote inside a quoted field into one quote", () => {
    expect(parseCsv('label\n"the ""Other"" group"\n""""\n')).toEqual([{ label: 'the "Other" group' }, { label: '"' }]);
  });

  it("keeps line breaks inside a quoted field", () => {
    expect(parseCsv('a,b\n"one\ntwo","three\r\nfour"\n')).toEqual([{ a: "one\ntwo", b: "three\r\nfour" }]);
  });

  it("reads \\r\\n line endings", () => {
    expect(parseCsv("a,b\r\n1,2\r\n3,4\r\n")).toEqual([
      { a: "1", b: "2" },
      { a: "3", b: "4" },
    ]);
  });

  it("reads a last row with no line break after it", () => {
    expect(parseCsv("a,b\n1,2")).toEqual([{ a: "1", b: "2" }]);
  });

  it("keeps empty fields, including quoted ones and a trailing one", () => {
    expect(parseCsv('a,b,c\n,"",\n')).toEqual([{ a: "", b: "", c: "" }]);
  });

  it("keeps spaces around unquoted values", () => {
    expect(parseCsv("a,b\n  x , y\n")).toEqual([{ a: "  x ", b: " y" }]);
  });

  it("returns no rows for empty input or a header alone", () => {
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("a,b\n")).toEqual([]);
  });

  it("ignores a leading byte-order mark", () => {
    expect(parseCsv("\uFEFFa,b\n1,2\n")).toEqual([{ a: "1", b: "2" }]);
  });

  it("throws for a row with too many fields, naming the line", () => {
    expect(() => parseCsv("a,b\n1,2\n3,4,5\n")).toThrow(new Error("CSV line 3: expected 2 fields, found 3"));
  });

  it("throws for a row with too few fields, naming the file and line", () => {
    expect(() => parseCsv("a,b\n1,2\n3\n", "pfa23.csv")).toThrow(new Error("pfa23.csv line 3: expected 2 fields, found 1"));
  });

  it("counts line breaks inside quoted fields when naming the line", () => {
    expect(() => parseCsv('a,b\n"x\ny\nz",1\n2\n')).toThrow("CSV line 5: expected 2 fields, found 1");
  });

  it("throws for a blank line between rows, since it is a one-field row", () => {
    expect(() => parseCsv("a,b\n1,2\n\n3,4\n")).toThrow("CSV line 3: expected 2 fields, found 1");
  });

  it("throws for a quoted field that is never closed", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow("CSV line 2: a quoted field that is never closed");
  });

  it("throws for text after a closing quote", () => {
    expect(() => parseCsv('a,b\n"x"y,1\n')).toThrow("CSV line 2: text after the closing quote of a field");
  });

  it("throws for a quote inside an unquoted field", () => {
    expect(() => parseCsv('a,b\nx"y,1\n')).toThrow("CSV line 2: a quote inside an unquoted field");
  });

  it("throws for a bare carriage return outside quotes", () => {
    expect(() => parseCsv("a,b\r1,2\n")).toThrow("CSV line 1: a carriage return not followed by a line feed");
  });

  it("throws for a bare carriage return inside quotes, naming its line", () => {
    expect(() => parseCsv('a,b\n1,"x\ny\rz"\n')).toThrow("CSV line 3: a carriage return not followed by a line feed");
  });

  it("throws for a repeated column name", () => {
    expect(() => parseCsv("a,a\n1,2\n")).toThrow('CSV line 1: the column "a" appears twice in the header');
  });
});

describe("parseCsvRows", () => {
  it("reports the line each row starts on", () => {
    expect(parseCsvRows('a\n"b\nc"\nd')).toEqual([
      { line: 1, fields: ["a"] },
      { line: 2, fields: ["b\nc"] },
      { line: 4, fields: ["d"] },
    ]);
  });
});
