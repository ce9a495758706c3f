import type { Metadata } from "next";
import { Choropleth } from "@/components/charts";
import { DataTable } from "@/components/data-table";
import { DisclosureNote, PublishedTable, figure } from "@/components/insights/published-table";
import { OGL_URL, REFERENCE_ATTRIBUTION } from "@/lib/reference/attribution";
import { getForceAreaMap } from "@/lib/reference/map";
import { InsightPage } from "../insight-page";
import { loadInsight, type SearchParams } from "../load";

export const metadata: Metadata = { title: "Map" };

const twoPlaces = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat("en-GB");
/** A rate as the map, its legend and the table show it; a withheld rate reads as withheld. */
const rate = (value: number | null) => (value === null ? "suppressed" : twoPlaces.format(value));

/** Disclosures per 1,000 females in each police force area, on a map and in a table of the same figures. */
export default async function MapPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <InsightPage
      loaded={await loadInsight("map", searchParams)}
      title="Map"
      lede="Disclosures per 1,000 females (all ages, ONS mid-2023 estimates) in each police force area with data shared in scope."
      empty={(view) => view.areas.length === 0}
    >
      {(view) => (
        <>
          <Choropleth
            id="rate-map"
            title="Disclosures per 1,000 females, by police force area"
            map={getForceAreaMap()}
            values={new Map(view.areas.map((area) => [area.code, area.ratePer1000]))}
            valueLabel="Disclosures per 1,000 females"
            format={rate}
            notes={["Grey areas have no data shared in scope; hatched areas are withheld to protect the people counted."]}
            attribution={REFERENCE_ATTRIBUTION}
          />
          <DataTable caption="Disclosures and disclosures per 1,000 females, by police force area" columns={["Police force area", "Disclosures", "Females (mid-2023)", "Per 1,000 females"]}>
            {view.areas.map((area) => (
              <tr key={area.code} className="border-b border-rule">
                <th scope="row" className="py-2 pr-4 font-normal">
                  {area.name}
                </th>
                <td className="py-2 pr-4 tabular-nums">{figure(area.disclosures)}</td>
                <td className="py-2 pr-4 tabular-nums">{whole.format(area.females)}</td>
                <td className="py-2 pr-4 tabular-nums">{area.ratePer1000 === null ? figure({ value: null, suppressed: "primary" }) : rate(area.ratePer1000)}</td>
              </tr>
            ))}
          </DataTable>
          <PublishedTable caption="Disclosures by police force area and threat area" rowHeading="Police force area" table={view.byForceArea} />
          <DisclosureNote threshold={view.policy.threshold} rounded={view.policy.roundToBase5} />
          <p className="text-sm text-muted">
            Boundaries and population: {REFERENCE_ATTRIBUTION.join(" ")} <a href={OGL_URL}>Open Government Licence v3.0</a>.
          </p>
        </>
      )}
    </InsightPage>
  );
}
