import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it, vi } from "vitest";

import { parseCsv } from "./csv";
import {
  forceAreaOfLocalAuthority,
  getLocalAuthority,
  getPoliceForceArea,
  listEthnicCategories,
  listLocalAuthorities,
  listLocalAuthoritiesInForceArea,
  listPoliceForceAreas,
  loadForceAreaBoundaries,
  loadLocalAuthorityBoundaries,
  type Population,
} from "./index";

const POPULATION_KEYS = ["femalesAllAges", "females16Plus", "females18Plus", "personsAllAges"] as const;

function sumPopulations(populations: readonly Population[]): Population {
  const total: Population = { femalesAllAges: 0, females16Plus: 0, females18Plus: 0, personsAllAges: 0 };
  for (const population of populations) for (const key of POPULATION_KEYS) total[key] += population[key];
  return total;
}

function countBy<T>(items: readonly T[], key: (item: T) => string | number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

function sortedCodes(items: readonly { code: string }[]): string[] {
  return items.map((item) => item.code).sort();
}

describe("police force areas", () => {
  it("lists the 43 territorial force areas: 39 in England and 4 in Wales", () => {
    const forceAreas = listPoliceForceAreas();
    expect(forceAreas).toHaveLength(43);
    expect(new Set(sortedCodes(forceAreas)).size).toBe(43);
    expect(forceAreas.filter((pfa) => pfa.code.startsWith("E23") && pfa.country === "England")).toHaveLength(39);
    expect(forceAreas.filter((pfa) => pfa.code.startsWith("W15") && pfa.country === "Wales")).toHaveLength(4);
  });

  it("sorts force areas by name", () => {
    const names = listPoliceForceAreas().map((pfa) => pfa.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en-GB")));
    expect(names[0]).toBe("Avon and Somerset");
  });

  it("keeps the official ONS spellings", () => {
    expect(getPoliceForceArea("E23000035")?.name).toBe("Devon & Cornwall");
    expect(getPoliceForceArea("E23000034")?.name).toBe("London, City of");
    expect(getPoliceForceArea("E23000001")?.name).toBe("Metropolitan Police");
  });

  it("returns undefined for an unknown force area code", () => {
    expect(getPoliceForceArea("E23999999")).toBeUndefined();
    expect(listLocalAuthoritiesInForceArea("E23999999")).toEqual([]);
  });

  it("has local authority counts that sum to 318 and match the districts in each force area", () => {
    const forceAreas = listPoliceForceAreas();
    expect(forceAreas.reduce((sum, pfa) => sum + pfa.localAuthorityCount, 0)).toBe(318);
    for (const pfa of forceAreas) {
      expect(listLocalAuthoritiesInForceArea(pfa.code), pfa.name).toHaveLength(pfa.localAuthorityCount);
    }
  });

  it("places Leeds, Bradford, Wakefield, Kirklees and Calderdale in West Yorkshire", () => {
    expect(getPoliceForceArea("E23000010")?.name).toBe("West Yorkshire");
    const names = listLocalAuthoritiesInForceArea("E23000010").map((lad) => lad.name);
    expect(names).toEqual(["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"]);
  });
});

describe("local authority districts", () => {
  it("lists the 318 districts of April 2023 with 63 E06, 164 E07, 36 E08, 33 E09 and 22 W06", () => {
    const authorities = listLocalAuthorities();
    expect(authorities).toHaveLength(318);
    expect(new Set(sortedCodes(authorities)).size).toBe(318);
    expect(countBy(authorities, (lad) => lad.type)).toEqual({ E06: 63, E07: 164, E08: 36, E09: 33, W06: 22 });
    for (const lad of authorities) expect(lad.code.startsWith(lad.type)).toBe(true);
  });

  it("labels each district type as ONS does", () => {
    const labels = Object.fromEntries(listLocalAuthorities().map((lad) => [lad.type, lad.typeLabel]));
    expect(labels).toEqual({
      E06: "Unitary authority (England)",
      E07: "Non-metropolitan district",
      E08: "Metropolitan district",
      E09: "London borough",
      W06: "Unitary authority (Wales)",
    });
  });

  it("sorts districts by name", () => {
    const names = listLocalAuthorities().map((lad) => lad.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en-GB")));
  });

  it("maps every district to a force area that exists, in the same country", () => {
    for (const lad of listLocalAuthorities()) {
      const pfa = getPoliceForceArea(lad.forceAreaCode);
      expect(pfa, lad.code).toBeDefined();
      expect(pfa?.country, lad.code).toBe(lad.country);
      expect(forceAreaOfLocalAuthority(lad.code)).toBe(lad.forceAreaCode);
    }
  });

  it("keeps the comma in a quoted name such as Bristol, City of", () => {
    const bristol = getLocalAuthority("E06000023");
    expect(bristol?.name).toBe("Bristol, City of");
    expect(bristol?.type).toBe("E06");
    expect(forceAreaOfLocalAuthority("E06000023")).toBe("E23000036");
    expect(getLocalAuthority("E06000010")?.name).toBe("Kingston upon Hull, City of");
  });

  it("returns undefined for an unknown district code", () => {
    expect(getLocalAuthority("E06999999")).toBeUndefined();
    expect(forceAreaOfLocalAuthority("E06999999")).toBeUndefined();
  });

  it("returns frozen records so a caller cannot alter the shared copy", () => {
    const leeds = getLocalAuthority("E08000035");
    expect(leeds?.name).toBe("Leeds");
    expect(Object.isFrozen(leeds)).toBe(true);
    expect(Object.isFrozen(leeds?.population)).toBe(true);
    expect(Object.isFrozen(listLocalAuthorities())).toBe(true);
    expect(Object.isFrozen(listPoliceForceAreas())).toBe(true);
  });
});

describe("mid-2023 population", () => {
  it("totals 31,018,735 females and 60,854,727 persons in England and Wales", () => {
    const total = sumPopulations(listLocalAuthorities().map((lad) => lad.population));
    expect(total).toEqual({
      femalesAllAges: 31_018_735,
      females16Plus: 25_553_458,
      females18Plus: 24_863_768,
      personsAllAges: 60_854_727,
    });
  });

  it("gives the same totals from the force area file", () => {
    expect(sumPopulations(listPoliceForceAreas().map((pfa) => pfa.population))).toEqual(
      sumPopulations(listLocalAuthorities().map((lad) => lad.population)),
    );
  });

  it("agrees between the district and force area files for every force area", () => {
    for (const pfa of listPoliceForceAreas()) {
      const districts = listLocalAuthoritiesInForceArea(pfa.code).map((lad) => lad.population);
      expect(sumPopulations(districts), pfa.name).toEqual(pfa.population);
    }
  });

  it("shrinks from all ages to 16+ to 18+ in every district", () => {
    for (const { code, population } of listLocalAuthorities()) {
      expect(population.females16Plus, code).toBeLessThan(population.femalesAllAges);
      expect(population.females18Plus, code).toBeLessThan(population.females16Plus);
      expect(population.femalesAllAges, code).toBeLessThan(population.personsAllAges);
    }
  });

  it("names the same force area for each district as the lookup does", () => {
    const rows = parseCsv(readFileSync(path.join("lib/reference/data", "population_mid2023_lad23.csv"), "utf8"));
    expect(rows).toHaveLength(318);
    for (const row of rows) expect(row.PFA23CD, row.LAD23CD).toBe(forceAreaOfLocalAuthority(row.LAD23CD ?? ""));
  });
});

describe("Census 2021 ethnic group categories", () => {
  it("lists 19 categories coded 1 to 19 in 5 groups of 5, 3, 4, 5 and 2", () => {
    const categories = listEthnicCategories();
    expect(categories.map((category) => category.code20b)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(countBy(categories, (category) => category.groupCode)).toEqual({ 1: 5, 2: 3, 3: 4, 4: 5, 5: 2 });
    expect(countBy(categories, (category) => category.groupLabel)).toEqual({
      "Asian, Asian British or Asian Welsh": 5,
      "Black, Black British, Black Welsh, Caribbean or African": 3,
      "Mixed or Multiple ethnic groups": 4,
      White: 5,
      "Other ethnic group": 2,
    });
  });

  it("carries the full and short ONS labels", () => {
    expect(listEthnicCategories().find((category) => category.code20b === 15)).toEqual({
      code20b: 15,
      label: "White: Gypsy or Irish Traveller",
      shortLabel: "Gypsy or Irish Traveller",
      groupCode: 4,
      groupLabel: "White",
    });
  });

  it("matches the CSV copy of the classification", () => {
    const rows = parseCsv(readFileSync(path.join("lib/reference/data", "ethnic_group_census2021.csv"), "utf8"));
    const fromCsv = rows.map((row) => ({
      code20b: Number(row.code_20b),
      label: row.label_20b,
      shortLabel: row.short_label,
      groupCode: Number(row.code_6a),
      groupLabel: row.label_6a,
    }));
    expect(listEthnicCategories()).toEqual(fromCsv);
  });
});

describe("boundaries", () => {
  it("has one force area polygon for each of the 43 force areas, with the same names", () => {
    const boundaries = loadForceAreaBoundaries();
    expect(boundaries.type).toBe("FeatureCollection");
    expect(boundaries.features).toHaveLength(43);
    const fromBoundaries = boundaries.features.map((feature) => [feature.properties.PFA23CD, feature.properties.PFA23NM]);
    const fromList = listPoliceForceAreas().map((pfa) => [pfa.code, pfa.name]);
    expect(fromBoundaries.sort()).toEqual(fromList.sort());
  });

  it("has one district polygon for each of the 318 districts, with the lookup's force area", () => {
    const boundaries = loadLocalAuthorityBoundaries();
    expect(boundaries.features).toHaveLength(318);
    expect(boundaries.features.map((feature) => feature.properties.LAD23CD).sort()).toEqual(sortedCodes(listLocalAuthorities()));
    for (const { properties } of boundaries.features) {
      expect(properties.PFA23CD, properties.LAD23CD).toBe(forceAreaOfLocalAuthority(properties.LAD23CD));
    }
  });

  it("holds only polygon geometries", () => {
    const features = [...loadForceAreaBoundaries().features, ...loadLocalAuthorityBoundaries().features];
    expect(features).toHaveLength(43 + 318);
    for (const { geometry } of features) expect(["Polygon", "MultiPolygon"]).toContain(geometry.type);
  });

  it("parses each file once and freezes it", () => {
    const boundaries = loadForceAreaBoundaries();
    expect(loadForceAreaBoundaries()).toBe(boundaries);
    expect(Object.isFrozen(boundaries.features[0]?.geometry.coordinates[0])).toBe(true);
  });
});

describe("loading a corrupted data folder", () => {
  let dataRoot: string | undefined;

  afterEach(() => {
    vi.restoreAllMocks();
    vi.resetModules();
    if (dataRoot) rmSync(dataRoot, { recursive: true, force: true });
    dataRoot = undefined;
  });

  it("throws when a district has no population row", async () => {
    dataRoot = mkdtempSync(path.join(tmpdir(), "reference-"));
    const dataDir = path.join(dataRoot, "lib/reference/data");
    cpSync(path.join(process.cwd(), "lib/reference/data"), dataDir, { recursive: true });
    const populationFile = path.join(dataDir, "population_mid2023_lad23.csv");
    const lines = readFileSync(populationFile, "utf8").split("\n");
    writeFileSync(populationFile, lines.filter((line) => !line.startsWith("E06000023,")).join("\n"));
    vi.spyOn(process, "cwd").mockReturnValue(dataRoot);
    vi.resetModules();

    const reference = await import("./index");
    expect(() => reference.listLocalAuthorities()).toThrow("population_mid2023_lad23.csv: no population row for E06000023");
  });
});
