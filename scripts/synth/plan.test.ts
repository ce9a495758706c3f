import { describe, expect, it } from "vitest";
import { forceAreaOfLocalAuthority, listPoliceForceAreas } from "@/lib/reference";
import { QUESTIONS, THREAT_AREAS, THREAT_SUB_TYPES, type CodeList } from "@/lib/taxonomy";
import { generateDisclosures } from "../seed/synthetic";
import { DISCLOSURE_COLUMNS, SUBMITTING_TYPES, THREAT_AREA_COLUMNS, accessKeys, copyLines, copyValue, splitCount, synthOrganisations, tenYearsOfMonths } from "./plan";

const NOW = new Date("2026-11-15T12:00:00Z");
const ORG = "11111111-2222-4333-8444-555555555555";

describe("splitCount", () => {
  it("splits a total into whole shares that add up to it exactly", () => {
    expect(splitCount(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitCount(1_000_003, [5, 3, 2]).reduce((a, b) => a + b, 0)).toBe(1_000_003);
  });

  it("gives each share in proportion to its weight, within one", () => {
    const counts = splitCount(1_000, [70, 20, 10]);
    expect(counts).toEqual([700, 200, 100]);
  });

  it("refuses weights that sum to nothing", () => {
    expect(() => splitCount(5, [0, 0])).toThrow("splitCount needs positive weights");
  });
});

describe("synthOrganisations", () => {
  const { police, partners } = synthOrganisations(300);
  const areas = listPoliceForceAreas();

  it("gives every police force area one police force and at least one partner", () => {
    expect(police.map((force) => force.forceAreaCode).sort()).toEqual(areas.map((area) => area.code).sort());
    for (const area of areas) expect(partners.filter((partner) => partner.forceAreaCode === area.code).length).toBeGreaterThanOrEqual(1);
    expect(partners).toHaveLength(300);
  });

  it("names each organisation once, and bases each partner in districts of its own force area", () => {
    const names = [...police, ...partners].map((organisation) => organisation.name);
    expect(new Set(names).size).toBe(names.length);
    for (const partner of partners) {
      expect(partner.ladCodes.length).toBeGreaterThan(0);
      expect(partner.ladCodes.every((code) => forceAreaOfLocalAuthority(code) === partner.forceAreaCode)).toBe(true);
    }
  });

  it("gives more partners to force areas with more women", () => {
    const byArea = (code: string) => partners.filter((partner) => partner.forceAreaCode === code).length;
    const sorted = [...areas].sort((a, b) => b.population.femalesAllAges - a.population.femalesAllAges);
    expect(byArea(sorted[0]!.code)).toBeGreaterThan(byArea(sorted.at(-1)!.code));
  });

  it("uses every submitting partner type", () => {
    expect(new Set(partners.map((partner) => partner.type))).toEqual(new Set(SUBMITTING_TYPES));
  });

  it("refuses fewer partners than force areas", () => {
    expect(() => synthOrganisations(10)).toThrow(`At least ${areas.length} partner organisations are needed`);
  });

  it("keeps to the force areas named", () => {
    const some = synthOrganisations(3, ["E23000010"]);
    expect(some.police.map((force) => force.forceAreaCode)).toEqual(["E23000010"]);
    expect(some.partners).toHaveLength(3);
  });
});

describe("tenYearsOfMonths", () => {
  it("is the 120 months before the current one, oldest first", () => {
    const months = tenYearsOfMonths(NOW);
    expect(months).toHaveLength(120);
    expect(months[0]).toBe("2016-11");
    expect(months.at(-1)).toBe("2026-10");
  });
});

describe("copyValue", () => {
  it("writes null as \\N, arrays as literals, times in ISO form", () => {
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue(["a", "b_c"])).toBe("{a,b_c}");
    expect(copyValue([])).toBe("{}");
    expect(copyValue(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(copyValue(7)).toBe("7");
  });

  it("escapes backslashes, tabs and line breaks in text", () => {
    expect(copyValue("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
  });

  it("never meets a code that would need quoting inside an array", () => {
    const lists = QUESTIONS.flatMap((question) => ("list" in question ? [(question.list as CodeList<string>).codes] : []));
    const codes = [...THREAT_AREAS.codes, ...Object.values(THREAT_SUB_TYPES).flatMap((list) => (list as CodeList<string>).codes), ...lists.flat()];
    expect(codes.filter((code) => code === "" || /[",{}\\\s]/.test(code) || code.toUpperCase() === "NULL")).toEqual([]);
  });
});

describe("copyLines", () => {
  const [record] = generateDisclosures({ seed: 4, count: 1, partnerType: "idva_service", ladCodes: ["E08000035"], months: ["2026-05"], now: NOW });
  const lines = copyLines(record!, { id: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", orgId: ORG, createdBy: null, recordKey: 200 });

  it("writes one value per disclosure column and one line per threat area", () => {
    expect(lines.disclosure.split("\t")).toHaveLength(DISCLOSURE_COLUMNS.length);
    expect(lines.threatAreas).toHaveLength(record!.threatAreas.length);
    for (const line of lines.threatAreas) expect(line.split("\t")).toHaveLength(THREAT_AREA_COLUMNS.length);
  });

  it("fills what the triggers would: the series, record key, threat areas and access keys", () => {
    const value = (column: string) => lines.disclosure.split("\t")[DISCLOSURE_COLUMNS.indexOf(column)];
    expect(value("id")).toBe("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    expect(value("series_id")).toBe(value("id"));
    expect(value("record_key")).toBe("200");
    expect(value("version")).toBe("1");
    expect(value("status")).toBe("submitted");
    expect(value("created_by")).toBe("\\N");
    const areas = record!.threatAreas.map((entry) => entry.threatArea);
    expect(value("threat_areas")).toBe(`{${[...areas].sort((a, b) => THREAT_AREAS.codes.indexOf(a) - THREAT_AREAS.codes.indexOf(b)).join(",")}}`);
    expect(value("access_keys")).toBe(`{${accessKeys(ORG, "E23000010", "E08000035", areas.sort((a, b) => THREAT_AREAS.codes.indexOf(a) - THREAT_AREAS.codes.indexOf(b))).join(",")}}`);
  });
});

describe("accessKeys", () => {
  it("gives provider × place × threat area, places in order, areas in the enum's order", () => {
    expect(accessKeys(ORG, "E23000010", "E08000035", ["domestic_abuse", "stalking_harassment"])).toEqual([
      `${ORG}:E08000035:domestic_abuse`,
      `${ORG}:E08000035:stalking_harassment`,
      `${ORG}:E23000010:domestic_abuse`,
      `${ORG}:E23000010:stalking_harassment`,
    ]);
  });
});

describe("the national mix", () => {
  it("keeps the STRA's proportions: stalking and harassment in 43% ± 5pp of disclosures", () => {
    const { partners } = synthOrganisations(60);
    const counts = splitCount(6_000, partners.map((partner) => partner.weight));
    const months = tenYearsOfMonths(NOW);
    const tally = new Map<string, number>();
    let total = 0;
    partners.forEach((partner, index) => {
      for (const record of generateDisclosures({ seed: index, count: counts[index]!, partnerType: partner.type, ladCodes: partner.ladCodes, months, now: NOW })) {
        total++;
        for (const entry of record.threatAreas) tally.set(entry.threatArea, (tally.get(entry.threatArea) ?? 0) + 1);
      }
    });
    expect(Math.abs((100 * (tally.get("stalking_harassment") ?? 0)) / total - 43)).toBeLessThanOrEqual(5);
  });
});
