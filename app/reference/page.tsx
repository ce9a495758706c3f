import type { Metadata } from "next";
import { OGL_URL, REFERENCE_ATTRIBUTION } from "@/lib/reference/attribution";
import { listPoliceForceAreas } from "@/lib/reference";
import { TitledSection } from "@/components/titled-section";

export const metadata: Metadata = {
  title: "Reference data",
};

const count = new Intl.NumberFormat("en-GB");

export default function ReferencePage() {
  const forceAreas = listPoliceForceAreas();
  const totals = forceAreas.reduce(
    (sum, area) => ({
      localAuthorities: sum.localAuthorities + area.localAuthorityCount,
      femalesAllAges: sum.femalesAllAges + area.population.femalesAllAges,
      females16Plus: sum.females16Plus + area.population.females16Plus,
    }),
    { localAuthorities: 0, femalesAllAges: 0, females16Plus: 0 },
  );

  return (
    <div className="space-y-8">
      <div className="max-w-3xl space-y-4">
        <h1 className="text-3xl font-bold sm:text-4xl">Reference data</h1>
        <p>
          Disclosures are placed in a local authority district, and each district lies in one of the{" "}
          {forceAreas.length} territorial police force areas of England and Wales. The portal uses
          these areas to filter insights and to work out rates per 1,000 women and girls.
        </p>
        <p>
          Areas and districts are the Office for National Statistics (ONS) December 2023 boundaries.
          Populations are ONS mid-2023 estimates. British Transport Police is not listed because it has
          no geographic area.
        </p>
      </div>

      <div role="region" aria-labelledby="force-areas-caption" tabIndex={0} className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-base">
          {/* Kept in view while the table scrolls sideways on narrow screens. */}
          <caption
            id="force-areas-caption"
            className="sticky left-0 mb-3 max-w-[calc(100vw-2rem)] text-left text-xl font-bold sm:max-w-none"
          >
            Police force areas, local authority districts and female population, mid-2023
          </caption>
          <thead>
            <tr className="border-b-2 border-ink align-bottom">
              <th scope="col" className="py-2 pr-4 font-bold">
                Police force area
              </th>
              <th scope="col" className="py-2 pr-4 font-bold">
                ONS code
              </th>
              <th scope="col" className="py-2 pr-4 font-bold">
                Country
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-bold">
                Local authority districts
              </th>
              <th scope="col" className="py-2 pr-4 text-right font-bold">
                Females, all ages
              </th>
              <th scope="col" className="py-2 text-right font-bold">
                Females aged 16 and over
              </th>
            </tr>
          </thead>
          <tbody>
            {forceAreas.map((area) => (
              <tr key={area.code} className="border-b border-rule">
                <th scope="row" className="py-2 pr-4 font-normal">
                  {area.name}
                </th>
                <td className="py-2 pr-4 font-mono text-sm">{area.code}</td>
                <td className="py-2 pr-4">{area.country}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{count.format(area.localAuthorityCount)}</td>
                <td className="py-2 pr-4 text-right tabular-nums">
                  {count.format(area.population.femalesAllAges)}
                </td>
                <td className="py-2 text-right tabular-nums">{count.format(area.population.females16Plus)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-b-2 border-ink font-bold">
              <th scope="row" colSpan={3} className="py-2 pr-4">
                England and Wales
              </th>
              <td className="py-2 pr-4 text-right tabular-nums">{count.format(totals.localAuthorities)}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{count.format(totals.femalesAllAges)}</td>
              <td className="py-2 text-right tabular-nums">{count.format(totals.females16Plus)}</td>
            </tr>
          </tfoot>
        </table>
      </div>

      <TitledSection id="attribution" title="Source and licence" className="max-w-3xl space-y-2">
        {REFERENCE_ATTRIBUTION.map((line) => (
          <p key={line}>{line}</p>
        ))}
        <p>
          You may reuse this data under the{" "}
          <a href={OGL_URL} rel="license">
            Open Government Licence v3.0
          </a>
          . Population figures are estimates, not exact counts.
        </p>
      </TitledSection>
    </div>
  );
}
