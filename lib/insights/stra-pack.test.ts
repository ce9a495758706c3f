import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { DisclosurePolicy } from "@/lib/sdc";
import type { CountRow } from "./counts";
import { buildDataQuality } from "./data-quality";
import { QUALITY_FIELDS } from "./views";
import { buildMap } from "./map";
import { buildOnline } from "./online";
import { buildPerpetrators } from "./perpetrators";
import { straPackCsvFiles, straPackReadme, straPackZip, straSections, type PackViews } from "./stra-pack";
import { buildTrends, trendWindow } from "./trends";
import { buildBeyondPolice, buildCommunities, buildOverview } from "./views";

// A golden dataset through every view the pack is made from. Under k = 5 with base-5 rounding a
// count of 5 is never perturbed and 10, 15, 20… stay on their multiple of 5.

const POLICY: DisclosurePolicy = { threshold: 5, roundToBase5: true, perturb: true };

function row(threatArea: CountRow["threatArea"], dimension: string, value: string, count: number, month: string | null = null): CountRow {
  return { providerOrgId: "idva-org", providerType: "idva_service", threatArea, forceAreaCode: "E23000010", month, dimension, value, count, recordKeySum: count * 31 };
}

const PERIOD_ROWS: CountRow[] = [
  row("domestic_abuse", "total", "", 20),
  row("domestic_abuse", "reported_to_police", "no", 10),
  row("domestic_abuse", "reported_to_police", "yes", 10),
  row("domestic_abuse", "victim_ethnicity", "english_welsh_scottish_ni_british", 15),
  row("domestic_abuse", "victim_ethnicity", "not_known", 5),
  row("domestic_abuse", "victim_disability", "yes", 5),
  row("domestic_abuse", "answered", "victim_ethnicity", 15),
  row("domestic_abuse", "answered", "victim_disability", 5),
  row("domestic_abuse", "online_element", "yes", 10),
  row("domestic_abuse", "online_element", "no", 10),
  row("domestic_abuse", "online_platforms", "private_messaging", 10),
  row("domestic_abuse", "perpetrator_other_offending", "yes", 10),
  row("domestic_abuse", "perpetrator_other_offending", "no", 5),
  row("domestic_abuse", "perpetrator_other_offending", "not_known", 5),
  row("domestic_abuse", "perpetrator_other_offending_types", "violence", 8),
  row("domestic_abuse", "perpetrator_other_offending_types", "drugs", 2),
  row("domestic_abuse", "perpetrator_relationship", "current_partner", 15),
  row("domestic_abuse", "perpetrator_relationship", "ex_partner", 5),
  row("domestic_abuse", "perpetrator_number", "lone", 20),
  row("domestic_abuse", "perpetrator_ideology_concern", "yes", 5),
  row("domestic_abuse", "perpetrator_ideology_concern", "no", 15),
];

/** A count of the Data quality view's, for the IDVA service or a second organisation, a Wakefield ISVA service. */
function quality(providerOrgId: "idva-org" | "isva-org", dimension: string, value: string, count: number): CountRow {
  return { ...row("domestic_abuse", dimension, value, count), providerOrgId, providerType: providerOrgId === "idva-org" ? "idva_service" : "isva_service" };
}

const ORGANISATIONS = [
  { code: "idva-org", label: "Leeds IDVA" },
  { code: "isva-org", label: "Wakefield ISVA" },
];

// The IDVA service's 20 disclosures: 5 submitted in the month, 15 two months after (5 of 20 prompt,
// a quarter); ethnicity (15) and disability (5) answered as above, repeat victim for 5, the rest for
// all 20. The ISVA service's 15: 10 in the month and 5 the month after (all prompt); every field
// answered for all 15 but space, for 5 (a third).
const QUALITY_ROWS: CountRow[] = [
  quality("idva-org", "submission_lag", "0", 5),
  quality("idva-org", "submission_lag", "2", 15),
  quality("isva-org", "submission_lag", "0", 10),
  quality("isva-org", "submission_lag", "1", 5),
  ...QUALITY_FIELDS.filter((field) => !["victim_ethnicity", "victim_disability"].includes(field)).map((field) => quality("idva-org", "answered", field, field === "victim_repeat" ? 5 : 20)),
  ...QUALITY_FIELDS.map((field) => quality("isva-org", "answered", field, field === "space" ? 5 : 15)),
];

const MONTHS = trendWindow({ to: "2026-12" }, "2026-12").months;
const MONTHLY = [10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65].map((count, i) => row("domestic_abuse", "total", "", count, `2026-${String(i + 1).padStart(2, "0")}`));

function views(): PackViews {
  return {
    overview: buildOverview(PERIOD_ROWS, [row("domestic_abuse", "total", "", 10)], POLICY, { level: "force_area", areas: [] }),
    beyondPolice: buildBeyondPolice(PERIOD_ROWS, [{ threatArea: "domestic_abuse", count: 40 }], POLICY),
    communities: buildCommunities(PERIOD_ROWS, POLICY),
    trends: buildTrends(MONTHLY, MONTHS, POLICY),
    online: buildOnline(PERIOD_ROWS, [], ["2026-12"], POLICY),
    map: buildMap(PERIOD_ROWS, POLICY),
    perpetrators: buildPerpetrators(PERIOD_ROWS, POLICY),
    dataQuality: buildDataQuality([...PERIOD_ROWS, ...QUALITY_ROWS], ORGANISATIONS, POLICY),
  };
}

describe("the STRA input pack, golden dataset", () => {
  const packViews = views();
  const content = straSections(packViews);
  const section = content.sections.find((entry) => entry.threatArea === "domestic_abuse")!;

  it("lays each threat area out as volume, trend and judgement, victim profile, place, online, perpetrators and data gaps", () => {
    expect(section.volume).toEqual({ current: { value: 20, suppressed: null }, previous: { value: 10, suppressed: null }, trend: "up", police: { value: 40, suppressed: null }, partnerPerRecordedCrime: 0.5 });
    expect(section.trend.judgement).toBe("It is almost certain that disclosures of domestic abuse in the next 12 months will exceed those in the last 12.");
    expect(section.trend.expectedNext12).toBeCloseTo(1170, 6);
    expect(section.victimProfile.ethnicGroups.find((entry) => entry.label === "White")?.value).toEqual({ value: 15, suppressed: null });
    expect(section.victimProfile.profiles.find((entry) => entry.label === "Disability")?.value).toEqual({ value: 5, suppressed: null });
    expect(section.place).toEqual([{ label: "West Yorkshire", value: { value: 20, suppressed: null } }]);
    expect(section.online).toEqual({ withOnlineElement: { value: 10, suppressed: null }, share: 0.5 });
    expect(section.dataGaps).toEqual([]);
  });

  it("gives each threat area its perpetrator figures from the Perpetrators view, withheld figures still withheld", () => {
    const { perpetrators } = section;
    // 10 of 20 known to other offending.
    expect(perpetrators.shareKnownToOtherOffending).toBe(0.5);
    expect(perpetrators.knownToOtherOffending).toEqual([
      { label: "Yes", value: { value: 10, suppressed: null } },
      { label: "No", value: { value: 5, suppressed: null } },
      { label: "Not known", value: { value: 5, suppressed: null } },
    ]);
    // 2 drug offences withheld, and the 8 of violence with them, since their total of 10 is published.
    expect(perpetrators.offendingKinds.find((entry) => entry.label === "Drugs")?.value).toEqual({ value: null, suppressed: "primary" });
    expect(perpetrators.offendingKinds.find((entry) => entry.label === "Violence")?.value).toEqual({ value: null, suppressed: "secondary" });
    expect(perpetrators.relationship.slice(0, 3)).toEqual([
      { label: "Current partner", value: { value: 15, suppressed: null } },
      { label: "Ex-partner", value: { value: 5, suppressed: null } },
      { label: "Family member", value: { value: 0, suppressed: null } },
    ]);
    expect(perpetrators.number).toEqual([
      { label: "Lone perpetrator", value: { value: 20, suppressed: null } },
      { label: "Group", value: { value: 0, suppressed: null } },
      { label: "Not known", value: { value: 0, suppressed: null } },
    ]);
    expect(perpetrators.ideologyConcern.map((entry) => entry.value.value)).toEqual([5, 15, 0]);
    // A threat area with no disclosures has no column in the Perpetrators view.
    expect(content.sections.find((entry) => entry.threatArea === "spiking")!.perpetrators).toEqual({
      knownToOtherOffending: [],
      shareKnownToOtherOffending: null,
      offendingKinds: [],
      relationship: [],
      number: [],
      ideologyConcern: [],
    });
  });

  it("names the organisations that answer a key field, or submit by the month after, for fewer than half of their disclosures", () => {
    // The IDVA service: disability 5 of 20 and repeat victim 5 of 20; 5 of 20 submitted by the month after.
    expect(content.gaps).toContain("Leeds IDVA: Victim has a disability and Repeat victim answered for fewer than half of its disclosures.");
    expect(content.gaps).toContain("Leeds IDVA: fewer than half of its disclosures submitted in the month of disclosure or the month after.");
    // The ISVA service: space 5 of 15; all 15 submitted by the month after.
    expect(content.gaps).toContain("Wakefield ISVA: Space answered for fewer than half of its disclosures.");
    expect(content.gaps.filter((gap) => gap.startsWith("Wakefield ISVA: fewer than half"))).toEqual([]);
    // All organisations together (20 of 35 prompt) are not an organisation to name.
    expect(content.gaps.filter((gap) => gap.startsWith("All organisations"))).toEqual([]);
  });

  it("names threat areas with nothing in scope and the gaps across them", () => {
    expect(content.sections.find((entry) => entry.threatArea === "spiking")!.dataGaps).toEqual(["No disclosures of spiking in scope this period."]);
    expect(content.gaps).toContain("No disclosures in scope from any Police force.");
    // IDVA services answered disability for 5 of 20 disclosures; the other three profile fields for none.
    expect(content.gaps).toContain("IDVA service: Disability recorded for fewer than half of disclosures.");
    expect(content.gaps).not.toContain("IDVA service: Ethnicity recorded for fewer than half of disclosures.");
  });

  it("writes the CSV files with withheld figures as [c] and every cell safe from spreadsheet formulas", () => {
    const tampered = views();
    tampered.overview.byPartnerType.rowLabels = ["=HYPERLINK(\"http://example.test\")"];
    const files = straPackCsvFiles(tampered, straSections(tampered));
    expect(files["partner-type-by-threat-area.csv"]).toBe('Partner type,Domestic abuse,Total\r\n"\'=HYPERLINK(""http://example.test"")",20,20\r\nTotal,20,20\r\n');
    expect(files["volume.csv"]!.split("\r\n")[1]).toBe("Domestic abuse,20,10,up,40,0.5");
    expect(files["judgements.csv"]).toContain("Domestic abuse,It is almost certain that disclosures of domestic abuse");
    // The one month of the online trend has no counts: its share has a zero denominator and is withheld.
    expect(files["online-by-month.csv"]).toBe("Month,Share with an online element\r\nDec 2026,[c]\r\n");
  });

  it("writes perpetrators.csv as each question's answers by threat area, withheld figures as [c]", () => {
    const lines = straPackCsvFiles(packViews, content)["perpetrators.csv"]!.split("\r\n");
    expect(lines[0]).toBe("Question,Answer,Domestic abuse,Total");
    expect(lines).toContain("Perpetrator known to other offending,Yes,10,10");
    expect(lines).toContain("Perpetrator known to other offending,Total,20,20");
    expect(lines).toContain("Kinds of other offending (mentions),Violence,[c],[c]");
    expect(lines).toContain("Kinds of other offending (mentions),Drugs,[c],[c]");
    expect(lines).toContain("Kinds of other offending (mentions),Total,10,10");
    expect(lines).toContain("Relationship to the victim,Current partner,15,15");
    expect(lines).toContain("Lone perpetrator or group,Lone perpetrator,20,20");
    expect(lines).toContain("Misogynistic or incel ideology concern,Yes,5,5");
    expect(lines.at(-2)).toBe("Share known to other offending,Yes,0.5,");
  });

  it("writes data-quality.csv as each organisation's submission lag and share of each field answered, then all organisations", () => {
    const lines = straPackCsvFiles(packViews, content)["data-quality.csv"]!.split("\r\n");
    expect(lines[0]).toBe(
      "Organisation,Same month,The month after,Two months after,Three to five months after,Six months or more after,Disclosures held," +
        "Share submitted in the month of disclosure or the month after,Victim age band: share answered,Victim sex: share answered,Victim ethnicity: share answered," +
        "Victim has a disability: share answered,Victim is a migrant: share answered,Repeat victim: share answered,Perpetrator relationship to victim: share answered," +
        "Perpetrator known to other offending: share answered,Space: share answered,Reported to police: share answered",
    );
    // Ethnicity 15 of 20, disability and repeat victim 5 of 20.
    expect(lines[1]).toBe("Leeds IDVA,5,0,15,0,0,20,0.25,1,1,0.75,0.25,1,0.25,1,1,1,1");
    expect(lines[2]).toBe("Wakefield ISVA,10,5,0,0,0,15,1,1,1,1,1,1,1,1,1,0.333,1");
    // 20 of 35 prompt; ethnicity 30 of 35, disability and repeat victim 20 of 35, space 25 of 35.
    expect(lines[3]).toBe("All organisations,15,5,15,0,0,35,0.571,1,1,0.857,0.571,1,0.571,1,1,0.714,1");
  });

  it("zips the CSV files with a README that says how the figures were protected and whose the boundaries are", () => {
    const readme = straPackReadme({ title: "STRA input pack", period: "the year 2026", filters: "", threshold: 5, rounded: true });
    const archive = unzipSync(straPackZip(straPackCsvFiles(packViews, content), readme));
    expect(Object.keys(archive)).toContain("README.txt");
    expect(Object.keys(archive)).toEqual(expect.arrayContaining(["rate-per-1000-females.csv", "perpetrators.csv", "data-quality.csv"]));
    expect(Object.keys(archive)).toHaveLength(Object.keys(straPackCsvFiles(packViews, content)).length + 1);
    const text = strFromU8(archive["README.txt"]!);
    expect(text).toContain("counts from 1 to 4 are never shown");
    expect(text).toContain("rounded to the nearest 5");
    expect(text).toContain("Contains OS data © Crown copyright and database right 2023.");
    expect(strFromU8(archive["volume.csv"]!)).toBe(straPackCsvFiles(packViews, content)["volume.csv"]);
  });
});
