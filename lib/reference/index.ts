import { readFileSync } from "node:fs";
import path from "node:path";

import { parseCsv, type CsvRecord } from "./csv";

// No `server-only` import: seed and import scripts load this module under tsx as well.

type Country = "England" | "Wales";

type LocalAuthorityType = "E06" | "E07" | "E08" | "E09" | "W06";

/** ONS mid-2023 population estimates (unrounded estimates, not counts). */
export type Population = {
  femalesAllAges: number;
  females16Plus: number;
  females18Plus: number;
  personsAllAges: number;
};

/** A territorial police force area, December 2023 (GSS code E23… or W15…). */
export type PoliceForceArea = {
  code: string;
  name: string;
  country: Country;
  localAuthorityCount: number;
  population: Population;
};

/** A local authority district, April 2023, with the single police force area it lies in. */
export type LocalAuthority = {
  code: string;
  name: string;
  type: LocalAuthorityType;
  typeLabel: string;
  country: Country;
  forceAreaCode: string;
  population: Population;
};

/** A Census 2021 ethnic group category (ethnic_group_tb_20b) with its high-level group (tb_6a). */
export type EthnicCategory = {
  code20b: number;
  label: string;
  shortLabel: string;
  groupCode: number;
  groupLabel: string;
};

/** A GeoJSON position: longitude then latitude, WGS84. */
type Position = readonly [number, number];

type BoundaryGeometry =
  | { readonly type: "Polygon"; readonly coordinates: readonly (readonly Position[])[] }
  | { readonly type: "MultiPolygon"; readonly coordinates: readonly (readonly (readonly Position[])[])[] };

type BoundaryFeature<P> = {
  readonly type: "Feature";
  readonly properties: Readonly<P>;
  readonly geometry: BoundaryGeometry;
};

export type BoundaryCollection<P> = {
  readonly type: "FeatureCollection";
  readonly features: readonly BoundaryFeature<P>[];
};

export type ForceAreaBoundaryProperties = { PFA23CD: string; PFA23NM: string };

export type LocalAuthorityBoundaryProperties = {
  LAD23CD: string;
  LAD23NM: string;
  PFA23CD: string;
  PFA23NM: string;
};

type Geography = {
  forceAreas: readonly PoliceForceArea[];
  forceAreasByCode: ReadonlyMap<string, PoliceForceArea>;
  localAuthorities: readonly LocalAuthority[];
  localAuthoritiesByCode: ReadonlyMap<string, LocalAuthority>;
  localAuthoritiesByForceArea: ReadonlyMap<string, readonly LocalAuthority[]>;
};

const LOCAL_AUTHORITY_TYPES: readonly LocalAuthorityType[] = ["E06", "E07", "E08", "E09", "W06"];
const NO_LOCAL_AUTHORITIES: readonly LocalAuthority[] = Object.freeze([]);

const loadGeography = once(buildGeography);
const loadEthnicCategories = once(buildEthnicCategories);
const loadForceAreaBoundaryFile = once(() =>
  readBoundaries<ForceAreaBoundaryProperties>("pfa_boundaries_buc.geojson", ["PFA23CD", "PFA23NM"]),
);
const loadLocalAuthorityBoundaryFile = once(() =>
  readBoundaries<LocalAuthorityBoundaryProperties>("lad23_boundaries_bsc.geojson", [
    "LAD23CD",
    "LAD23NM",
    "PFA23CD",
    "PFA23NM",
  ]),
);

/** All 43 police force areas, sorted by name. */
export function listPoliceForceAreas(): readonly PoliceForceArea[] {
  return loadGeography().forceAreas;
}

export function getPoliceForceArea(code: string): PoliceForceArea | undefined {
  return loadGeography().forceAreasByCode.get(code);
}

/** All 318 local authority districts, sorted by name. */
export function listLocalAuthorities(): readonly LocalAuthority[] {
  return loadGeography().localAuthorities;
}

export function getLocalAuthority(code: string): LocalAuthority | undefined {
  return loadGeography().localAuthoritiesByCode.get(code);
}

/** The districts in a force area, sorted by name; empty for an unknown code. */
export function listLocalAuthoritiesInForceArea(forceAreaCode: string): readonly LocalAuthority[] {
  return loadGeography().localAuthoritiesByForceArea.get(forceAreaCode) ?? NO_LOCAL_AUTHORITIES;
}

export function forceAreaOfLocalAuthority(localAuthorityCode: string): string | undefined {
  return getLocalAuthority(localAuthorityCode)?.forceAreaCode;
}

/** The 19 Census 2021 ethnic group categories in ONS code order. */
export function listEthnicCategories(): readonly EthnicCategory[] {
  return loadEthnicCategories();
}

/** Police force area polygons (ONS December 2020 BUC, 2023 codes and names), frozen and shared. */
export function loadForceAreaBoundaries(): BoundaryCollection<ForceAreaBoundaryProperties> {
  return loadForceAreaBoundaryFile();
}

/** Local authority district polygons (2023 set, super-generalised), frozen and shared. */
export function loadLocalAuthorityBoundaries(): BoundaryCollection<LocalAuthorityBoundaryProperties> {
  return loadLocalAuthorityBoundaryFile();
}

function once<T>(load: () => T): () => T {
  let cached: { value: T } | undefined;
  return () => {
    cached ??= { value: load() };
    return cached.value;
  };
}

function readDataFile(name: string): string {
  return readFileSync(path.join(process.cwd(), "lib/reference/data", name), "utf8");
}

function readCsv(name: string): { name: string; records: CsvRecord[] } {
  return { name, records: parseCsv(readDataFile(name), name) };
}

function buildGeography(): Geography {
  const forceAreas = readForceAreas();
  const forceAreasByCode = indexByCode(forceAreas, "pfa23.csv");
  const localAuthorities = readLocalAuthorities();
  for (const authority of localAuthorities) {
    if (!forceAreasByCode.has(authority.forceAreaCode)) {
      throw new Error(`lad23_to_pfa23.csv: ${authority.code} maps to unknown force area ${authority.forceAreaCode}`);
    }
  }
  return {
    forceAreas,
    forceAreasByCode,
    localAuthorities,
    localAuthoritiesByCode: indexByCode(localAuthorities, "lad23_to_pfa23.csv"),
    localAuthoritiesByForceArea: groupByForceArea(localAuthorities),
  };
}

function readForceAreas(): readonly PoliceForceArea[] {
  const populations = readPopulations("population_mid2023_pfa23.csv", "PFA23CD");
  const file = readCsv("pfa23.csv");
  const forceAreas = file.records.map((record): PoliceForceArea => {
    const code = column(record, "PFA23CD", file.name);
    return {
      code,
      name: column(record, "PFA23NM", file.name),
      country: toCountry(column(record, "country", file.name), file.name),
      localAuthorityCount: toCount(column(record, "lad_count", file.name), file.name),
      population: populationOf(populations, code),
    };
  });
  return freezeAll(sortByName(forceAreas));
}

function readLocalAuthorities(): readonly LocalAuthority[] {
  const populations = readPopulations("population_mid2023_lad23.csv", "LAD23CD");
  const file = readCsv("lad23_to_pfa23.csv");
  const authorities = file.records.map((record): LocalAuthority => {
    const code = column(record, "LAD23CD", file.name);
    return {
      code,
      name: column(record, "LAD23NM", file.name),
      type: toLocalAuthorityType(code, file.name),
      typeLabel: column(record, "lad_type", file.name),
      country: toCountry(column(record, "country", file.name), file.name),
      forceAreaCode: column(record, "PFA23CD", file.name),
      population: populationOf(populations, code),
    };
  });
  return freezeAll(sortByName(authorities));
}

type PopulationTable = { name: string; byCode: ReadonlyMap<string, Population> };

function readPopulations(name: string, codeColumn: string): PopulationTable {
  const file = readCsv(name);
  const byCode = new Map<string, Population>();
  for (const record of file.records) {
    byCode.set(column(record, codeColumn, name), {
      femalesAllAges: toCount(column(record, "females_all_ages", name), name),
      females16Plus: toCount(column(record, "females_16plus", name), name),
      females18Plus: toCount(column(record, "females_18plus", name), name),
      personsAllAges: toCount(column(record, "persons_all_ages", name), name),
    });
  }
  return { name, byCode };
}

// The shipped files are checked to cover the same codes, so a gap means a corrupted file.
function populationOf(table: PopulationTable, code: string): Population {
  const population = table.byCode.get(code);
  if (!population) throw new Error(`${table.name}: no population row for ${code}`);
  return Object.freeze(population);
}

function indexByCode<T extends { code: string }>(items: readonly T[], source: string): ReadonlyMap<string, T> {
  const byCode = new Map<string, T>();
  for (const item of items) {
    if (byCode.has(item.code)) throw new Error(`${source}: duplicate code ${item.code}`);
    byCode.set(item.code, item);
  }
  return byCode;
}

function groupByForceArea(authorities: readonly LocalAuthority[]): ReadonlyMap<string, readonly LocalAuthority[]> {
  const groups = new Map<string, LocalAuthority[]>();
  for (const authority of authorities) {
    const group = groups.get(authority.forceAreaCode) ?? [];
    group.push(authority);
    groups.set(authority.forceAreaCode, group);
  }
  return new Map([...groups].map(([code, group]) => [code, Object.freeze(group)]));
}

function sortByName<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}

function freezeAll<T extends object>(items: T[]): readonly T[] {
  items.forEach((item) => Object.freeze(item));
  return Object.freeze(items);
}

function column(record: CsvRecord, name: string, source: string): string {
  const value = record[name];
  if (value === undefined) throw new Error(`${source}: missing column ${name}`);
  return value;
}

function toCountry(value: string, source: string): Country {
  if (value === "England" || value === "Wales") return value;
  throw new Error(`${source}: unknown country "${value}"`);
}

function toLocalAuthorityType(code: string, source: string): LocalAuthorityType {
  const type = LOCAL_AUTHORITY_TYPES.find((prefix) => code.startsWith(prefix));
  if (!type) throw new Error(`${source}: ${code} is not a local authority district code`);
  return type;
}

function toCount(value: string, source: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${source}: "${value}" is not a whole number`);
  return Number(value);
}

type EthnicGroupFile = {
  groups: { code_6a: number; label_6a: string; categories: { code_20b: number; label_20b: string; short_label: string }[] }[];
};

function buildEthnicCategories(): readonly EthnicCategory[] {
  const file = JSON.parse(readDataFile("ethnic_group_census2021.json")) as EthnicGroupFile;
  if (!Array.isArray(file.groups)) throw new Error("ethnic_group_census2021.json: missing groups");
  const categories = file.groups.flatMap((group) =>
    group.categories.map(
      (category): EthnicCategory => ({
        code20b: category.code_20b,
        label: category.label_20b,
        shortLabel: category.short_label,
        groupCode: group.code_6a,
        groupLabel: group.label_6a,
      }),
    ),
  );
  return freezeAll(categories.sort((a, b) => a.code20b - b.code20b));
}

function readBoundaries<P extends Record<string, string>>(name: string, keys: readonly (keyof P & string)[]): BoundaryCollection<P> {
  const collection: unknown = JSON.parse(readDataFile(name));
  if (!isFeatureCollection(collection)) throw new Error(`${name}: not a GeoJSON FeatureCollection`);
  for (const feature of collection.features) assertBoundaryFeature(feature, keys, name);
  // Frozen because the parsed file is shared: an in-place rewind for d3 would corrupt every caller's copy.
  return deepFreeze(collection) as BoundaryCollection<P>;
}

function isFeatureCollection(value: unknown): value is { type: "FeatureCollection"; features: unknown[] } {
  return isObject(value) && value.type === "FeatureCollection" && Array.isArray(value.features);
}

function assertBoundaryFeature(feature: unknown, keys: readonly string[], source: string): void {
  const valid =
    isObject(feature) &&
    feature.type === "Feature" &&
    isObject(feature.properties) &&
    keys.every((key) => typeof (feature.properties as Record<string, unknown>)[key] === "string") &&
    isObject(feature.geometry) &&
    (feature.geometry.type === "Polygon" || feature.geometry.type === "MultiPolygon") &&
    Array.isArray(feature.geometry.coordinates);
  if (!valid) throw new Error(`${source}: a feature lacks ${keys.join(", ")} or a polygon geometry`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
