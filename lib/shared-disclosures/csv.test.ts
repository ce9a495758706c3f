import { describe, expect, it } from "vitest";
import { sharedDisclosuresCsv } from "./csv";

const row = {
  id: "0b5f6c1e-6a4e-4c55-9a57-2f0d3c0f9e11",
  provider: { name: "=HYPERLINK(\"http://evil\")", type: "idva_service" },
  submittedAt: new Date("2026-05-01T10:00:00Z"),
  threatAreas: ["domestic_abuse" as const],
  answers: { disclosure_month: "2026-04", threat_areas: { domestic_abuse: ["coercive_control"] }, sub_types: { domestic_abuse: ["coercive_control", "physical"] }, barriers: ["fear", "language"] },
};

describe("sharedDisclosuresCsv", () => {
  it("writes a column per shared field in the disclosure CSV's conventions", () => {
    const [header, line] = sharedDisclosuresCsv(["disclosure_month", "threat_areas", "sub_types", "barriers"], ["domestic_abuse", "rasso"], [row]).split("\r\n");
    expect(header).toBe("id,provider,provider_type,submitted_at,disclosure_month,threat_areas,sub_types.domestic_abuse,sub_types.rasso,barriers");
    expect(line).toBe(`${row.id},"'=HYPERLINK(""http://evil"")",idva_service,2026-05-01T10:00:00.000Z,2026-04,domestic_abuse,coercive_control;physical,,fear;language`);
  });

  it("leaves a cell empty where the row's grants do not share the field", () => {
    const [, line] = sharedDisclosuresCsv(["disclosure_month", "victim_age_band"], [], [row]).split("\r\n");
    expect(line).toBe(`${row.id},"'=HYPERLINK(""http://evil"")",idva_service,2026-05-01T10:00:00.000Z,2026-04,`);
  });

  it("prefixes every cell that a spreadsheet would run as a formula", () => {
    const risky = { ...row, provider: { name: "+1", type: "-2" }, answers: { disclosure_month: "@SUM(A1)" } };
    const [, line] = sharedDisclosuresCsv(["disclosure_month"], [], [risky]).split("\r\n");
    expect(line).toBe(`${row.id},'+1,'-2,2026-05-01T10:00:00.000Z,'@SUM(A1)`);
  });
});
