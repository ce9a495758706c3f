import { ChartFigure, FigureTable, SuppressedPattern } from "./chart-figure";
import { formatCount, SUPPRESSED } from "./format";
import { ChartLegend, type LegendItem } from "./legend";
import { INK, MUTED, seriesColour } from "./palette";

// Bars carry a thin dark outline: the lighter Okabe–Ito colours fall short of 3:1 against white on
// their own, and the outline also separates the segments of a stack.

type BarSeries = { name: string; values: readonly (number | null)[] };

type BarChartProps = {
  /** Unique on the page: names the chart's patterns. */
  id: string;
  title: string;
  /** What the chart shows, in words; a summary of the largest figure is written when omitted. */
  summary?: string;
  notes?: readonly string[];
  /** One bar (or group of bars) per category, top to bottom. */
  categories: readonly string[];
  /** Each series has one already-protected figure per category; null is suppressed. */
  series: readonly BarSeries[];
  mode?: "grouped" | "stacked";
  /** What the figures count, for the table heading, e.g. "Disclosures". */
  valueLabel: string;
};

const WIDTH = 400;
const LABEL_HEIGHT = 20;
const BAR = 14;
const GAP = 3;
const GROUP_GAP = 12;
const VALUE_ROOM = 84;
const SUPPRESSED_BLOCK = 22;
const STACK_END_ROOM = SUPPRESSED_BLOCK + 4 + 100;

/** The sentence read first: the largest figure, and how many are suppressed. */
function describe(categories: readonly string[], series: readonly BarSeries[], valueLabel: string): string {
  let best: { value: number; category: string; series: string } | null = null;
  let suppressed = 0;
  for (const s of series) {
    for (const [i, value] of s.values.entries()) {
      if (value === null) suppressed++;
      else if (!best || value > best.value) best = { value, category: categories[i] ?? "", series: s.name };
    }
  }
  const parts = [
    best
      ? `${valueLabel}: the largest figure is ${best.category}${series.length > 1 ? ` (${best.series})` : ""}, ${formatCount(best.value)}.`
      : `${valueLabel}: no figure can be shown.`,
  ];
  if (suppressed > 0) parts.push(`${suppressed} ${suppressed === 1 ? "figure is" : "figures are"} suppressed to protect the people counted.`);
  return parts.join(" ");
}

/** A horizontal bar chart, grouped or stacked, labelled directly; suppressed bars are hatched and say so. */
export function BarChart({ id, title, summary, notes, categories, series, mode = "grouped", valueLabel }: BarChartProps) {
  const patternId = `${id}-suppressed`;
  const stacked = mode === "stacked" && series.length > 1;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const largest = Math.max(1, ...(stacked ? totals : series.flatMap((s) => s.values.map((v) => v ?? 0))));
  // A stack may end in a hatched block and "+ n suppressed", which is wider than a figure.
  const scale = (WIDTH - (stacked ? STACK_END_ROOM : VALUE_ROOM)) / largest;
  const groupHeight = LABEL_HEIGHT + (stacked ? BAR : series.length * (BAR + GAP) - GAP) + GROUP_GAP;
  const height = categories.length * groupHeight;
  const anySuppressed = series.some((s) => s.values.some((v) => v === null));
  const text = summary ?? describe(categories, series, valueLabel);

  const chart = (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={`${title}. ${text}`} className="h-auto max-w-full" fontSize="13">
      <defs>
        <SuppressedPattern id={patternId} />
      </defs>
      {categories.map((category, i) => {
        const top = i * groupHeight;
        const barTop = top + LABEL_HEIGHT;
        return (
          <g key={category}>
            <text x="0" y={top + 14} fill={INK}>
              {category}
            </text>
            {stacked ? (
              <StackedBar index={i} top={barTop} series={series} scale={scale} patternId={patternId} />
            ) : (
              series.map((s, j) => {
                const value = s.values[i] ?? null;
                const y = barTop + j * (BAR + GAP);
                if (value === null) {
                  return (
                    <g key={s.name}>
                      <rect x="0" y={y} width={SUPPRESSED_BLOCK} height={BAR} fill={`url(#${patternId})`} stroke={MUTED}>
                        <title>{`${category}, ${s.name}: ${SUPPRESSED}`}</title>
                      </rect>
                      <text x={SUPPRESSED_BLOCK + 4} y={y + BAR - 3} fill={MUTED}>
                        {SUPPRESSED}
                      </text>
                    </g>
                  );
                }
                const width = value * scale;
                return (
                  <g key={s.name}>
                    <rect x="0" y={y} width={width} height={BAR} fill={seriesColour(j)} stroke={INK} strokeWidth="0.5">
                      <title>{`${category}, ${s.name}: ${formatCount(value)}`}</title>
                    </rect>
                    <text x={width + 4} y={y + BAR - 3} fill={INK}>
                      {formatCount(value)}
                    </text>
                  </g>
                );
              })
            )}
          </g>
        );
      })}
    </svg>
  );

  const legendItems: LegendItem[] = [
    ...(series.length > 1 ? series.map((s, j) => ({ label: s.name, colour: seriesColour(j) })) : []),
    ...(anySuppressed ? [{ label: "Suppressed (too few to show)", suppressed: true as const }] : []),
  ];
  const table = (
    <FigureTable
      caption={`${title}: ${valueLabel.toLowerCase()} by category`}
      columns={["", ...series.map((s) => (series.length > 1 ? s.name : valueLabel))]}
      rows={categories.map((category, i) => [category, ...series.map((s) => formatCount(s.values[i] ?? null))])}
    />
  );
  return (
    <ChartFigure
      title={title}
      summary={text}
      notes={notes}
      chart={chart}
      table={table}
      legend={<ChartLegend items={legendItems} patternId={id} />}
    />
  );
}

function StackedBar({ index, top, series, scale, patternId }: { index: number; top: number; series: readonly BarSeries[]; scale: number; patternId: string }) {
  // Each segment starts where the published ones before it end.
  const starts = series.map((_, j) => series.slice(0, j).reduce((sum, s) => sum + (s.values[index] ?? 0), 0) * scale);
  const x = series.reduce((sum, s) => sum + (s.values[index] ?? 0), 0) * scale;
  const segments = series.map((s, j) => {
    const value = s.values[index] ?? null;
    if (value === null || value === 0) return null;
    return (
      <rect key={s.name} x={starts[j]} y={top} width={value * scale} height={BAR} fill={seriesColour(j)} stroke={INK} strokeWidth="0.5">
        <title>{`${s.name}: ${formatCount(value)}`}</title>
      </rect>
    );
  });
  const hidden = series.filter((s) => (s.values[index] ?? null) === null).map((s) => s.name);
  return (
    <g>
      {segments}
      {hidden.length > 0 ? (
        <rect x={x} y={top} width={SUPPRESSED_BLOCK} height={BAR} fill={`url(#${patternId})`} stroke={MUTED}>
          <title>{`${SUPPRESSED}: ${hidden.join(", ")}`}</title>
        </rect>
      ) : null}
      {hidden.length > 0 ? (
        <text x={x + SUPPRESSED_BLOCK + 4} y={top + BAR - 3} fill={MUTED}>
          {`+ ${hidden.length} ${SUPPRESSED}`}
        </text>
      ) : null}
    </g>
  );
}
