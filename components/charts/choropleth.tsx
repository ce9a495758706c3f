import { ChartFigure, FigureTable, SuppressedPattern } from "./chart-figure";
import { formatDecimal, SUPPRESSED } from "./format";
import { ChartLegend, type LegendItem } from "./legend";
import { INK, RULE, SEQUENTIAL_BLUES } from "./palette";

type ChoroplethArea = { code: string; name: string; path: string };

type ChoroplethProps = {
  id: string;
  title: string;
  summary?: string;
  /** The projected outlines and the drawing's size (see lib/reference/map.ts). */
  map: { width: number; height: number; areas: readonly ChoroplethArea[] };
  /** Already-protected value per area code; null is suppressed, a missing code has no data. */
  values: ReadonlyMap<string, number | null>;
  /** What the value is, e.g. "Disclosures per 1,000 females". */
  valueLabel: string;
  format?: (value: number | null) => string;
  /** The licence attribution of the boundaries, shown under the map. */
  attribution: readonly string[];
  notes?: readonly string[];
};

/** Class breaks by quantile, so each shade holds about the same number of areas. */
function classBreaks(values: readonly number[], classes: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let c = 1; c < classes; c++) breaks.push(sorted[Math.floor((c * sorted.length) / classes)]!);
  return [...new Set(breaks)];
}

function describe(rows: readonly { name: string; value: number | null }[], valueLabel: string, format: (value: number | null) => string): string {
  const shown = rows.filter((row) => row.value !== null).sort((a, b) => b.value! - a.value!);
  const parts: string[] = [];
  const highest = shown[0];
  const lowest = shown[shown.length - 1];
  if (highest && lowest) parts.push(`${valueLabel}: highest in ${highest.name} (${format(highest.value)}), lowest in ${lowest.name} (${format(lowest.value)}).`);
  else parts.push(`${valueLabel}: no area's figure can be shown.`);
  const suppressed = rows.length - shown.length;
  if (suppressed > 0) parts.push(`${suppressed} ${suppressed === 1 ? "area is" : "areas are"} suppressed.`);
  return parts.join(" ");
}

/** A choropleth of police force areas in five shades of one hue; suppressed areas are hatched. */
export function Choropleth({ id, title, summary, map, values, valueLabel, format = formatDecimal, attribution, notes }: ChoroplethProps) {
  const patternId = `${id}-suppressed`;
  const known = [...values.values()].filter((value): value is number => value !== null);
  const breaks = classBreaks(known, SEQUENTIAL_BLUES.length);
  const shade = (value: number) => SEQUENTIAL_BLUES[breaks.filter((b) => value >= b).length]!;
  const rows = map.areas.filter((area) => values.has(area.code)).map((area) => ({ name: area.name, value: values.get(area.code) ?? null }));
  const text = summary ?? describe(rows, valueLabel, format);

  const chart = (
    <svg viewBox={`0 0 ${map.width} ${map.height}`} width="100%" role="img" aria-label={`${title}. ${text}`} className="mx-auto h-auto max-h-[80vh] max-w-full">
      <defs>
        <SuppressedPattern id={patternId} />
      </defs>
      {map.areas.map((area) => {
        const value = values.get(area.code);
        const fill = value === undefined ? "#f3f2f1" : value === null ? `url(#${patternId})` : shade(value);
        const label = value === undefined ? "no data" : value === null ? SUPPRESSED : format(value);
        return (
          <path key={area.code} d={area.path} fill={fill} stroke={value === undefined ? RULE : INK} strokeWidth="0.6" strokeLinejoin="round">
            <title>{`${area.name}: ${label}`}</title>
          </path>
        );
      })}
    </svg>
  );

  const bounds = [Math.min(...known), ...breaks, Math.max(...known)];
  const legendItems: LegendItem[] = [
    ...(known.length > 0
      ? SEQUENTIAL_BLUES.slice(0, breaks.length + 1).flatMap((colour, c) =>
          // A class no value can fall in (its bounds equal, as when every area has the same value) is left out.
          c < breaks.length && bounds[c] === bounds[c + 1]
            ? []
            : [{ label: c === breaks.length ? `${format(bounds[c]!)} and over` : `${format(bounds[c]!)} to under ${format(bounds[c + 1]!)}`, colour }],
        )
      : []),
    ...(known.length < values.size ? [{ label: "Suppressed (too few to show)", suppressed: true as const }] : []),
  ];
  const table = (
    <FigureTable
      caption={`${title}: ${valueLabel.toLowerCase()} by police force area`}
      columns={["Police force area", valueLabel]}
      rows={rows.map((row) => [row.name, format(row.value)])}
    />
  );
  return (
    <ChartFigure
      title={title}
      summary={text}
      notes={[...(notes ?? []), ...attribution]}
      chart={chart}
      table={table}
      legend={<ChartLegend items={legendItems} patternId={id} />}
    />
  );
}
