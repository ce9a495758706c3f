import { describe, expect, it } from "vitest";
import { DISCLOSURE_FIELDS, THREAT_AREAS } from "@/lib/taxonomy";
import { checkDisclosureHeader, columnOfPath, DISCLOSURE_COLUMNS, rowToInput } from "./disclosure-columns";
import { disclosureTemplateCsv, recordedCrimeTemplateCsv } from "./templates";

describe("the disclosure template", () => {
  it("is one header row of field codes, each area's sub-types straight after threat_areas", () => {
    const csv = disclosureTemplateCsv();
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.trimEnd().split("\r\n")).toHaveLength(1);
    const header = csv.trimEnd().split(",");
    expect(header).toEqual(DISCLOSURE_COLUMNS);
    expect(header.slice(0, 3)).toEqual(["partner_reference", "disclosure_month", "abuse_recency"]);
    const at = header.indexOf("threat_areas");
    expect(header.slice(at + 1, at + 1 + THREAT_AREAS.codes.length)).toEqual(THREAT_AREAS.codes.map((area) => `sub_types.${area}`));
    for (const field of DISCLOSURE_FIELDS.codes) {
      if (field === "sub_types" || field === "force_area_code") expect(header).not.toContain(field);
      else expect(header).toContain(field);
    }
    expect(new Set(header).size).toBe(header.length);
  });

  it("passes its own header check", () => {
    expect(checkDisclosureHeader(DISCLOSURE_COLUMNS)).toEqual([]);
    expect(checkDisclosureHeader(DISCLOSURE_COLUMNS.filter((column) => column !== "context" && column !== "partner_reference"))).toEqual([]);
  });

  it("names unknown, repeated and missing columns, never echoing text that is not a column name", () => {
    const header = [...DISCLOSURE_COLUMNS.filter((column) => column !== "victim_sex"), "force_area_code", "barriers", "Jane Doe 07700 900123"];
    expect(checkDisclosureHeader(header)).toEqual([
      { row: 1, column: "force_area_code", message: expect.stringContaining("not a column of the template") },
      { row: 1, column: "barriers", message: "The column ‘barriers’ appears more than once." },
      { row: 1, column: `column ${header.length}`, message: `‘column ${header.length}’ is not a column of the template. Remove it or correct its name.` },
      { row: 1, column: "victim_sex", message: expect.stringContaining("is missing") },
    ]);
  });

  it("has a recorded-crime counterpart", () => {
    expect(recordedCrimeTemplateCsv()).toBe("force_area_code,month,threat_area,count\r\n");
  });
});

describe("rowToInput", () => {
  const cells = (values: Record<string, string>) => new Map(DISCLOSURE_COLUMNS.map((column) => [column, values[column] ?? ""]));

  it("leaves empty cells unanswered, splits lists on semicolons and gives each listed area its sub-types", () => {
    const { input, errors } = rowToInput(
      cells({
        disclosure_month: " 2024-05 ",
        threat_areas: "domestic_abuse; stalking_harassment",
        "sub_types.domestic_abuse": "physical;coercive_control",
        referrals: "idva; police ;",
        context: "  kept as written ",
      }),
    );
    expect(errors).toEqual([]);
    expect(input).toEqual({
      disclosure_month: "2024-05",
      threat_areas: { domestic_abuse: ["physical", "coercive_control"], stalking_harassment: [] },
      referrals: ["idva", "police"],
      context: "  kept as written ",
    });
  });

  it("refuses sub-types for an area that is not listed, and an area listed twice", () => {
    const { errors } = rowToInput(cells({ threat_areas: "rasso;rasso", "sub_types.spiking": "drink" }));
    expect(errors).toEqual([
      { column: "threat_areas", message: "Give each threat area only once" },
      { column: "sub_types.spiking", message: "Leave sub_types.spiking empty, or add spiking to threat_areas" },
    ]);
  });

  it("maps an area's schema path to its sub-types column", () => {
    expect(columnOfPath("threat_areas.rasso")).toBe("sub_types.rasso");
    expect(columnOfPath("threat_areas")).toBe("threat_areas");
    expect(columnOfPath("victim_sex")).toBe("victim_sex");
  });
});
