import { describe, expect, it } from "vitest";
import { toCsv } from "./csv-write";
import { errorReportRows } from "./events";
import { disclosureTemplateCsv, recordedCrimeTemplateCsv } from "./templates";

// Every CSV the portal hands out is written by toCsv, which neutralises formulas
// (docs/security.md#exports-and-csv). The partner data export is tested in lib/shared-disclosures/csv.test.ts.

describe("the upload error report", () => {
  it("neutralises a formula that the uploaded file's own header or values put into a column name or message", () => {
    const csv = toCsv(
      errorReportRows([
        { row: 2, column: '=HYPERLINK("http://evil.example","open")', message: "This column is not one of the template's." },
        { row: 3, column: "victim_age_band", message: "-1+1 is not one of the age bands." },
        { row: null, column: "@SUM(A1)", message: "\tTabbed" },
      ]),
    );
    expect(csv.split("\r\n")).toEqual([
      "row,column,message",
      `2,"'=HYPERLINK(""http://evil.example"",""open"")",This column is not one of the template's.`,
      "3,victim_age_band,'-1+1 is not one of the age bands.",
      ",'@SUM(A1),'\tTabbed",
      "",
    ]);
  });
});

describe("the CSV templates", () => {
  it.each([
    ["disclosures", disclosureTemplateCsv()],
    ["recorded crime", recordedCrimeTemplateCsv()],
  ])("the %s template is one header row of plain field codes", (_name, csv) => {
    const [header, end] = csv.split("\r\n");
    expect(end).toBe("");
    expect(header!.split(",").length).toBeGreaterThan(3);
    for (const column of header!.split(",")) expect(column).toMatch(/^[a-z][a-z0-9_.]*$/);
  });
});
