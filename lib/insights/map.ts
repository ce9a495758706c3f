import { getPoliceForceArea } from "@/lib/reference";
import { protectTable, publishedRate, type DisclosurePolicy, type Published } from "@/lib/sdc";
import { THREAT_AREAS } from "@/lib/taxonomy";
import type { CountRow } from "./counts";
import { grid, labelled, present, threatLabel, type LabelledTable } from "./views";

/**
 * The Map view (docs/insights.md#views): disclosures per 1,000 females in each police force area,
 * from the ONS mid-2023 estimates of females of all ages. Pure: the counts go through lib/sdc as a
 * force area × threat area table, and a rate is built from a published total only, so a rate over
 * a suppressed count is suppressed with it.
 */

type ForceAreaRate = {
  code: string;
  name: string;
  disclosures: Published;
  /** Females of all ages, ONS mid-2023 estimate (public, so shown as it is). */
  females: number;
  /** Disclosures per 1,000 females; null where the count is withheld. */
  ratePer1000: number | null;
};

export type MapView = {
  view: "map";
  /** Force area × threat area with totals; the force areas are those with any disclosure shared in scope, by name. */
  byForceArea: LabelledTable;
  areas: ForceAreaRate[];
};

/** Builds the view from the period's `total` counts (which carry each cell's force area). */
export function buildMap(rows: readonly CountRow[], policy: DisclosurePolicy): MapView {
  const totals = rows.filter((row) => row.dimension === "total");
  // A force area with rows in scope has data, even where its counts have fallen to zero: it reads as 0, not as no data.
  const codes = [...new Set(totals.map((row) => row.forceAreaCode))]
    .map((code) => ({ code, area: getPoliceForceArea(code) }))
    .filter((entry) => entry.area !== undefined)
    .sort((a, b) => a.area!.name.localeCompare(b.area!.name, "en-GB"));
  const areaCodes = codes.map((entry) => entry.code);
  const threatAreas = present(THREAT_AREAS.codes, totals, (row) => row.threatArea);
  const table = protectTable(
    { rows: areaCodes, columns: threatAreas, cells: grid(totals, () => true, (row) => row.forceAreaCode, (row) => row.threatArea, areaCodes, threatAreas) },
    policy,
  );
  const byForceArea = labelled(table, codes.map((entry) => entry.area!.name), threatAreas.map(threatLabel));
  return {
    view: "map",
    byForceArea,
    areas: codes.map(({ code, area }, i) => {
      const disclosures = threatAreas.length === 0 ? { value: 0, suppressed: null } : table.rowTotals[i]!;
      const females = area!.population.femalesAllAges;
      return { code, name: area!.name, disclosures, females, ratePer1000: publishedRate(disclosures, { value: females, suppressed: null }, 1000) };
    }),
  };
}
