import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { funnelPlot } from "@/lib/insights/statistics";
import { REFERENCE_ATTRIBUTION } from "@/lib/reference/attribution";
import { getForceAreaMap } from "@/lib/reference/map";

import { BarChart, Choropleth, FunnelPlot, LineChart } from "./index";

/** The text of the element matching a tag, e.g. the figcaption. */
function textOf(html: string, tag: string): string {
  const match = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
  if (!match) throw new Error(`No <${tag}> in the markup`);
  return match[1]!.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

/** The data table's rows as arrays of cell text. */
function tableRows(html: string): string[][] {
  const body = textOfRaw(html, "tbody");
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, "").trim()),
  );
}

function textOfRaw(html: string, tag: string): string {
  const match = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(html);
  if (!match) throw new Error(`No <${tag}> in the markup`);
  return match[1]!;
}

describe("BarChart", () => {
  const html = renderToStaticMarkup(
    <BarChart
      id="by-partner"
      title="Disclosures by partner type"
      categories={["Health", "Housing", "Specialist VAWG service"]}
      series={[
        { name: "Domestic abuse", values: [120, null, 45] },
        { name: "Stalking", values: [30, 15, null] },
      ]}
      valueLabel="Disclosures"
      notes={["Figures are rounded to the nearest 5, so totals may not add up."]}
    />,
  );

  it("summarises the largest figure and the suppressed count in its caption", () => {
    expect(textOf(html, "figcaption")).toContain(
      "Disclosures: the largest figure is Health (Domestic abuse), 120. 2 figures are suppressed to protect the people counted.",
    );
    expect(textOf(html, "figcaption")).toContain("Figures are rounded to the nearest 5, so totals may not add up.");
  });

  it("labels the drawing as an image with the summary", () => {
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Disclosures by partner type\. Disclosures: the largest figure is Health/);
    expect(html).toContain('viewBox="0 0 400 ');
  });

  it("shows a suppressed figure as suppressed in the table and on the chart, never as 0", () => {
    expect(tableRows(html)).toEqual([
      ["Health", "120", "30"],
      ["Housing", "suppressed", "15"],
      ["Specialist VAWG service", "45", "suppressed"],
    ]);
    expect(html).toContain('fill="url(#by-partner-suppressed)"');
    expect(html).toContain("<title>Housing, Domestic abuse: suppressed</title>");
    expect(html).not.toContain(">0<");
  });

  it("stacks series and marks the suppressed part of a stack", () => {
    const stacked = renderToStaticMarkup(
      <BarChart
        id="stacked"
        title="Stacked"
        mode="stacked"
        categories={["Health"]}
        series={[
          { name: "A", values: [10] },
          { name: "B", values: [null] },
        ]}
        valueLabel="Disclosures"
      />,
    );
    expect(stacked).toContain("+ 1 suppressed");
    expect(stacked).toContain("<title>suppressed: B</title>");
    // The label starts at least 100 units (about its width at 13 px) before the right edge of the 400-wide drawing.
    const x = Number(/<text x="([\d.]+)"[^>]*>\+ 1 suppressed<\/text>/.exec(stacked)?.[1]);
    expect(x).toBeGreaterThan(0);
    expect(x).toBeLessThanOrEqual(300);
  });
});

describe("LineChart", () => {
  const points = [
    { label: "2024-01", value: 40 },
    { label: "2024-02", value: null },
    { label: "2024-03", value: 45 },
    { label: "2024-04", value: 50 },
  ];
  const forecast = [
    { label: "2024-05", expected: 52.4, lower: 40.1, upper: 64.7 },
    { label: "2024-06", expected: 54.9, lower: 41, upper: 68.8 },
  ];
  const html = renderToStaticMarkup(<LineChart id="trend" title="Stalking" points={points} forecast={forecast} valueLabel="Disclosures" />);

  it("summarises the series, the forecast and the gaps", () => {
    expect(textOf(html, "figcaption")).toBe(
      "Stalking Disclosures from 40 in 2024-01 to 50 in 2024-04. Forecast for 2024-06: about 55 (between 41 and 69). 1 month is suppressed and left as gaps.",
    );
  });

  it("shades the forecast interval and breaks the line at a suppressed month", () => {
    expect(html).toContain("<polygon");
    expect(html).toContain('stroke-dasharray="5 4"');
    // Jan alone (a dot), then Mar–Apr as one line: never a line through a 0 for February.
    expect((html.match(/<polyline[^>]*stroke-width="2.5"/g) ?? []).length).toBe(1);
    expect(html).toContain("<circle");
    expect(html).toContain("<title>2024-02: suppressed</title>");
  });

  it("lists observed and forecast months in its table", () => {
    expect(tableRows(html)).toEqual([
      ["2024-01", "40", "", ""],
      ["2024-02", "suppressed", "", ""],
      ["2024-03", "45", "", ""],
      ["2024-04", "50", "", ""],
      ["2024-05", "", "52.4", "40.1 to 64.7"],
      ["2024-06", "", "54.9", "41.0 to 68.8"],
    ]);
  });
});

describe("FunnelPlot", () => {
  const funnel = funnelPlot(
    [
      { label: "Org A", numerator: 35, denominator: 100 },
      { label: "Org B", numerator: 20, denominator: 100 },
      { label: "Org C", numerator: 5, denominator: 100 },
      { label: "Org D", numerator: null, denominator: 40 },
    ],
    0.2,
  )!;
  const html = renderToStaticMarkup(
    <FunnelPlot
      id="repeat"
      title="Repeat victimisation by organisation"
      overallRate={funnel.overallRate}
      points={funnel.points}
      curve={funnel.curve}
      rateLabel="Repeat victimisation rate"
      denominatorLabel="Victims"
    />,
  );

  it("names the outliers and the suppressed units in its summary", () => {
    expect(textOf(html, "figcaption")).toContain(
      "Repeat victimisation rate overall: 20.0%. Above the 95% limit: Org A. Below the 95% limit: Org C. 1 is suppressed and not plotted.",
    );
  });

  it("tabulates every unit with its classification, suppressed ones as suppressed", () => {
    expect(tableRows(html)).toEqual([
      ["Org A", "100", "35.0%", "high outlier"],
      ["Org B", "100", "20.0%", "within limits"],
      ["Org C", "100", "5.0%", "low outlier"],
      ["Org D", "40", "suppressed", "suppressed"],
    ]);
    expect((html.match(/<path[^>]*>/g) ?? []).length).toBe(2);
  });
});

describe("Choropleth", () => {
  const map = getForceAreaMap();

  it("projects all 43 force areas into a drawing under 100 kB", () => {
    expect(map.areas).toHaveLength(43);
    expect(map.areas.every((area) => area.path.startsWith("M"))).toBe(true);
    expect(map.areas.reduce((sum, area) => sum + area.path.length, 0)).toBeLessThan(100_000);
    expect(map.height).toBe(600);
  });

  const values = new Map<string, number | null>(map.areas.map((area, i) => [area.code, i === 0 ? null : i / 10]));
  const html = renderToStaticMarkup(
    <Choropleth id="map" title="Disclosures per 1,000 females" map={map} values={values} valueLabel="Per 1,000 females" attribution={REFERENCE_ATTRIBUTION} />,
  );

  it("summarises the highest and lowest areas, the suppressed ones, and shows the attribution", () => {
    const caption = textOf(html, "figcaption");
    expect(caption).toContain(`Per 1,000 females: highest in ${map.areas[42]!.name} (4.2), lowest in ${map.areas[1]!.name} (0.1).`);
    expect(caption).toContain("1 area is suppressed.");
    expect(caption).toContain("Source: Office for National Statistics licensed under the Open Government Licence v.3.0.");
  });

  it("hatches the suppressed area and lists it as suppressed", () => {
    expect(html).toContain(`<title>${map.areas[0]!.name}: suppressed</title>`);
    expect(tableRows(html)[0]).toEqual([map.areas[0]!.name, "suppressed"]);
    expect(tableRows(html)).toHaveLength(43);
    expect(html).toMatch(/<svg[^>]*viewBox="0 0 \d+ 600"[^>]*role="img"/);
  });
});
