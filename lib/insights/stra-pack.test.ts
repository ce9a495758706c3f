import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { DisclosurePolicy } from "@/lib/sdc";
import type { CountRow } from "./counts";
import { buildMap } from "./map";
import { buildOnline } from "./online";
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
  };
}

describe("the STRA input pack, golden dataset", () => {
  const packViews = views();
  const content = straSections(packViews);
  const section = content.sections.find((entry) => entry.threatArea === "domestic_abuse")!;

  it("lays each threat area out as volume, trend and judgement, victim profile, place, online and data gaps", () => {
    expect(section.volume).toEqual({ current: { value: 20, suppressed: null }, previous: { value: 10, suppressed: null }, trend: "up", police: { value: 40, suppressed: null }, partnerPerRecordedCrime: 0.5 });
    expect(section.trend.judgement).toBe("It is almost certain that disclosures of domestic abuse in the next 12 months will exceed those in the last 12.");
    expect(section.trend.expectedNext12).toBeCloseTo(1170, 6);
    expect(section.victimProfile.ethnicGroups.find((entry) => entry.label === "White")?.value).toEqual({ value: 15, suppressed: null });
    expect(section.victimProfile.profiles.find((entry) => entry.label === "Disability")?.value).toEqual({ value: 5, suppressed: null });
    expect(section.place).toEqual([{ label: "West Yorkshire", value: { value: 20, suppressed: null } }]);
    expect(section.online).toEqual({ withOnlineElement: { value: 10, suppressed: null }, share: 0.5 });
    expect(section.perpetrators).toBeNull();
    expect(section.dataGaps).toEqual([]);
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

  it("zips the CSV files with a README that says how the figures were protected and whose the boundaries are", () => {
    const readme = straPackReadme({ title: "STRA input pack", period: "the year 2026", filters: "", threshold: 5, rounded: true });
    const archive = unzipSync(straPackZip(straPackCsvFiles(packViews, content), readme));
    expect(Object.keys(archive)).toContain("README.txt");
    expect(Object.keys(archive)).toContain("rate-per-1000-females.csv");
    expect(Object.keys(archive)).toHaveLength(Object.keys(straPackCsvFiles(packViews, content)).length + 1);
    const text = strFromU8(archive["README.txt"]!);
    expect(text).toContain("counts from 1 to 4 are never shown");
    expect(text).toContain("rounded to the nearest 5");
    expect(text).toContain("Contains OS data © Crown copyright and database right 2023.");
    expect(strFromU8(archive["volume.csv"]!)).toBe(straPackCsvFiles(packViews, content)["volume.csv"]);
  });
});
