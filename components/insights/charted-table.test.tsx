import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChartedTable } from "./charted-table";

const published = (value: number | null) => ({ value, suppressed: value === null ? ("primary" as const) : null });

const TABLE = {
  rowLabels: ["Health", "Housing", "Specialist VAWG service"],
  columnLabels: ["Domestic abuse", "Stalking"],
  cells: [
    [published(120), published(30)],
    [published(0), published(0)],
    [published(null), published(15)],
  ],
  rowTotals: [published(150), published(0), published(null)],
  columnTotals: [published(null), published(45)],
  total: published(195),
};

/** The markup split where the chart's figure ends: the chart before (none without a figure), the published table after. */
function parts(html: string): { chart: string; table: string } {
  const end = html.includes("</figure>") ? html.indexOf("</figure>") + "</figure>".length : 0;
  return { chart: html.slice(0, end), table: html.slice(end) };
}

/** A table's rows as arrays of cell text, header row first (the chart's own data table, or the published one). */
function rowsOf(table: string): string[][] {
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, "").trim()));
}

describe("ChartedTable", () => {
  const html = renderToStaticMarkup(
    <ChartedTable id="partner-types-chart" title="Disclosures by partner type and threat area" rowHeading="Partner type" table={TABLE} valueLabel="Disclosures" mode="stacked" rounded />,
  );
  const { chart, table } = parts(html);

  it("draws the chart first, then the published table named by the same title", () => {
    expect(chart).toMatch(/^<figure/);
    expect(chart).toContain('aria-label="Disclosures by partner type and threat area. ');
    expect(table).toMatch(/^<div role="region" aria-label="Disclosures by partner type and threat area"/);
    expect(table).toContain("<caption");
    expect(table).not.toContain("<figure");
  });

  it("charts the same figures the table sets out, a withheld one as suppressed in both", () => {
    expect(rowsOf(chart)).toEqual([
      ["", "Domestic abuse", "Stalking"],
      ["Health", "120", "30"],
      ["Specialist VAWG service", "suppressed", "15"],
    ]);
    expect(chart).toContain("<title>Domestic abuse: 120</title>");
    expect(chart).toContain("<title>suppressed: Domestic abuse</title>");
    expect(rowsOf(table)).toEqual([
      ["Partner type", "Domestic abuse", "Stalking", "Total"],
      ["Health", "120", "30", "150"],
      ["Housing", "0", "0", "0"],
      ["Specialist VAWG service", "[c] (withheld)", "15", "[c] (withheld)"],
      ["Total", "[c] (withheld)", "45", "195"],
    ]);
  });

  it("keeps in the table a row the chart leaves off for being 0 throughout", () => {
    expect(chart).not.toContain("Housing");
    expect(table).toContain("Housing");
  });

  it("says under the chart how the figures were protected, with the rounding when there was any", () => {
    expect(chart).toContain("rounding to the nearest 5");
    const unrounded = parts(renderToStaticMarkup(<ChartedTable id="c" title="T" rowHeading="Partner type" table={TABLE} valueLabel="Disclosures" rounded={false} />));
    expect(unrounded.chart).toContain("Figures are protected by disclosure control: a small fixed adjustment, so they need not add up.");
  });

  it("captions the table with more than the chart's title when told, and leaves the totals off when told", () => {
    const { chart: titled, table: bare } = parts(
      renderToStaticMarkup(
        <ChartedTable
          id="profiles-chart"
          title="Victims by profile"
          caption="Victims by profile (a victim may be in several rows)"
          rowHeading="Victim"
          table={TABLE}
          totals={false}
          valueLabel="Victims"
          rounded
        />,
      ),
    );
    expect(titled).toContain('aria-label="Victims by profile. ');
    expect(bare).toMatch(/^<div role="region" aria-label="Victims by profile \(a victim may be in several rows\)"/);
    expect(rowsOf(bare)).toEqual([
      ["Victim", "Domestic abuse", "Stalking"],
      ["Health", "120", "30"],
      ["Housing", "0", "0"],
      ["Specialist VAWG service", "[c] (withheld)", "15"],
    ]);
  });

  it("draws no chart, only the table, when every figure is 0", () => {
    const zero = { rowLabels: ["Health"], columnLabels: ["Stalking"], cells: [[published(0)]] };
    const only = renderToStaticMarkup(<ChartedTable id="z" title="None" rowHeading="Partner type" table={zero} valueLabel="Disclosures" rounded />);
    expect(only).not.toContain("<figure");
    expect(rowsOf(only)).toEqual([
      ["Partner type", "Stalking"],
      ["Health", "0"],
    ]);
  });
});
