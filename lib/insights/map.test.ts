import { describe, expect, it } from "vitest";
import type { DisclosurePolicy } from "@/lib/sdc";
import type { CountRow } from "./counts";
import { buildMap } from "./map";

// Golden dataset worked out by hand. Under k = 5 with base-5 rounding a count of 5 is never
// perturbed and 10, 15, 20… stay on their multiple of 5 whatever their noise (at most ±2).
// Females of all ages, ONS mid-2023: West Yorkshire 1,222,250; Cheshire 570,063; Cumbria 256,369.

const POLICY: DisclosurePolicy = { threshold: 5, roundToBase5: true, perturb: true };

function row(forceAreaCode: string, threatArea: CountRow["threatArea"], count: number): CountRow {
  return { providerOrgId: "idva-org", providerType: "idva_service", threatArea, forceAreaCode, month: null, dimension: "total", value: "", count, recordKeySum: count * 29 };
}

describe("the Map view, golden dataset", () => {
  it("gives disclosures per 1,000 females per force area, with the table of the same figures", () => {
    const view = buildMap([row("E23000010", "domestic_abuse", 20), row("E23000010", "rasso", 10), row("E23000006", "domestic_abuse", 7), row("E23000006", "rasso", 3)], POLICY);
    expect(view.byForceArea.rowLabels).toEqual(["Cheshire", "West Yorkshire"]);
    expect(view.byForceArea.columnLabels).toEqual(["Domestic abuse", "Rape and serious sexual offences"]);
    // Cheshire's 3 is withheld; the cheapest cycle through it is Cheshire's 7 and West Yorkshire's 20 and 10.
    expect(view.byForceArea.cells.map((cells) => cells.map((cell) => cell.suppressed))).toEqual([
      ["secondary", "primary"],
      ["secondary", "secondary"],
    ]);
    expect(view.areas).toEqual([
      { code: "E23000006", name: "Cheshire", disclosures: { value: 10, suppressed: null }, females: 570063, ratePer1000: (10 / 570063) * 1000 },
      { code: "E23000010", name: "West Yorkshire", disclosures: { value: 30, suppressed: null }, females: 1222250, ratePer1000: (30 / 1222250) * 1000 },
    ]);
    expect(view.areas[1]!.ratePer1000).toBeCloseTo(0.0245, 4);
  });

  it("suppresses a rate over a suppressed count, and over the count withheld to protect it", () => {
    // Cumbria 4 (primary) and West Yorkshire 11: with one threat area each area's total is its one
    // cell, so West Yorkshire's 11 is withheld too, else the column total gives Cumbria's 4 away.
    const view = buildMap([row("E23000002", "domestic_abuse", 4), row("E23000010", "domestic_abuse", 11)], POLICY);
    expect(view.areas.map((area) => [area.name, area.disclosures.suppressed, area.ratePer1000])).toEqual([
      ["Cumbria", "primary", null],
      ["West Yorkshire", "secondary", null],
    ]);
    expect(view.byForceArea.total).toEqual({ value: 15, suppressed: null });
  });

  it("reads a force area whose counts fell to zero as 0, not as no data", () => {
    const view = buildMap([row("E23000002", "domestic_abuse", 0), row("E23000010", "domestic_abuse", 10)], POLICY);
    expect(view.areas.map((area) => [area.name, area.disclosures.value, area.ratePer1000])).toEqual([
      ["Cumbria", 0, 0],
      ["West Yorkshire", 10, (10 / 1222250) * 1000],
    ]);
  });
});
