import { ChartFigure, FigureTable } from "./chart-figure";
import { formatCount, formatPercent, niceTicks, SUPPRESSED } from "./format";
import { ChartLegend, type LegendItem } from "./legend";
import { INK, MUTED, RULE, seriesColour } from "./palette";

type FunnelChartPoint = {
  label: string;
  /** Published numerator and denominator; null when suppressed. */
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  classification: string;
};
export type FunnelChartLimits = { denominator: number; lower998: number; lower95: number; upper95: number; upper998: number };

type FunnelPlotProps = {
  id: string;
  title: string;
  summary?: string;
  notes?: readonly string[];
  overallRate: number;
  points: readonly FunnelChartPoint[];
  /** The control limits at increasing denominators, to draw the funnel. */
  curve: readonly FunnelChartLimits[];
  /** What the rate measures, e.g. "Repeat victimisation rate"; and what the denominator counts. */
  rateLabel: string;
  denominatorLabel: string;
};

const WIDTH = 400;
const HEIGHT = 280;
const MARGIN = { top: 12, right: 10, bottom: 44, left: 48 };

/** Marker shapes differ by side as well as colour, so the plot reads without colour. */
function Marker({ cx, cy, classification, label }: { cx: number; cy: number; classification: string; label: string }) {
  const high = classification.startsWith("high");
  const low = classification.startsWith("low");
  const outlier = classification.endsWith("outlier");
  const colour = high ? seriesColour(5) : low ? seriesColour(0) : MUTED;
  const title = <title>{label}</title>;
  if (high || low) {
    const d = high ? `M${cx},${cy - 6}L${cx + 6},${cy + 5}L${cx - 6},${cy + 5}Z` : `M${cx},${cy + 6}L${cx + 6},${cy - 5}L${cx - 6},${cy - 5}Z`;
    return (
      <path d={d} fill={outlier ? colour : "#ffffff"} stroke={colour} strokeWidth="2">
        {title}
      </path>
    );
  }
  return (
    <circle cx={cx} cy={cy} r="4" fill="#ffffff" stroke={colour} strokeWidth="2">
      {title}
    </circle>
  );
}

function describe(points: readonly FunnelChartPoint[], overallRate: number, rateLabel: string): string {
  const named = (kind: string) => points.filter((point) => point.classification === kind).map((point) => point.label);
  const parts = [`${rateLabel} overall: ${formatPercent(overallRate)}.`];
  const high = [...named("high outlier"), ...named("high")];
  const low = [...named("low outlier"), ...named("low")];
  parts.push(high.length > 0 ? `Above the 95% limit: ${high.join(", ")}.` : "None is above the 95% limit.");
  parts.push(low.length > 0 ? `Below the 95% limit: ${low.join(", ")}.` : "None is below the 95% limit.");
  const suppressed = named("suppressed").length;
  if (suppressed > 0) parts.push(`${suppressed} ${suppressed === 1 ? "is" : "are"} suppressed and not plotted.`);
  return parts.join(" ");
}

/** A funnel plot: each unit's rate against its denominator, inside 95% and 99.8% control limits. */
export function FunnelPlot({ id, title, summary, notes, overallRate, points, curve, rateLabel, denominatorLabel }: FunnelPlotProps) {
  const plotted = points.filter((point) => point.rate !== null && point.denominator !== null);
  const xMaxRaw = Math.max(1, ...curve.map((c) => c.denominator), ...plotted.map((p) => p.denominator!));
  const xTicks = niceTicks(xMaxRaw, 4);
  const xMax = xTicks[xTicks.length - 1]!;
  const yTop = Math.min(1, Math.max(overallRate * 2, ...plotted.map((p) => p.rate!), ...curve.map((c) => c.upper998)) * 1.05);
  const yTicks = niceTicks(yTop * 100, 4).map((tick) => tick / 100);
  const yMax = yTicks[yTicks.length - 1]!;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (n: number) => MARGIN.left + (n / xMax) * plotWidth;
  const y = (rate: number) => MARGIN.top + plotHeight - (Math.min(rate, yMax) / yMax) * plotHeight;
  const text = summary ?? describe(points, overallRate, rateLabel);
  const line = (key: keyof Omit<FunnelChartLimits, "denominator">) => curve.map((c) => `${x(c.denominator)},${y(c[key])}`).join(" ");

  const chart = (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={`${title}. ${text}`} className="h-auto max-w-full" fontSize="12">
      {yTicks.map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={RULE} />
          <text x={MARGIN.left - 4} y={y(tick) + 4} textAnchor="end" fill={MUTED}>
            {formatPercent(tick)}
          </text>
        </g>
      ))}
      {xTicks.map((tick) => (
        <text key={tick} x={x(tick)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" fill={MUTED}>
          {formatCount(tick)}
        </text>
      ))}
      <text x={MARGIN.left + plotWidth / 2} y={HEIGHT - 6} textAnchor="middle" fill={INK}>
        {denominatorLabel}
      </text>
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(overallRate)} y2={y(overallRate)} stroke={INK} strokeWidth="1.5" />
      <polyline points={line("upper95")} fill="none" stroke={INK} strokeDasharray="4 3" />
      <polyline points={line("lower95")} fill="none" stroke={INK} strokeDasharray="4 3" />
      <polyline points={line("upper998")} fill="none" stroke={INK} />
      <polyline points={line("lower998")} fill="none" stroke={INK} />
      {plotted.map((point) => (
        <Marker
          key={point.label}
          cx={x(point.denominator!)}
          cy={y(point.rate!)}
          classification={point.classification}
          label={`${point.label}: ${formatPercent(point.rate)} of ${formatCount(point.denominator)}, ${point.classification}`}
        />
      ))}
    </svg>
  );
  const legendItems: LegendItem[] = [
    { label: "Above the limits (triangle up; filled beyond 99.8%)", colour: seriesColour(5) },
    { label: "Below the limits (triangle down; filled beyond 99.8%)", colour: seriesColour(0) },
    { label: "Within the limits (circle)", colour: MUTED },
  ];
  const table = (
    <FigureTable
      caption={`${title}: ${rateLabel.toLowerCase()} by unit`}
      columns={["", denominatorLabel, rateLabel, "Compared with the overall rate"]}
      rows={points.map((point) => [
        point.label,
        formatCount(point.denominator),
        formatPercent(point.rate),
        point.classification === "suppressed" ? SUPPRESSED : point.classification,
      ])}
    />
  );
  return (
    <ChartFigure
      title={title}
      summary={text}
      notes={["Dashed lines: 95% control limits; solid: 99.8%. The horizontal line is the overall rate.", ...(notes ?? [])]}
      chart={chart}
      table={table}
      legend={<ChartLegend items={legendItems} patternId={id} />}
    />
  );
}
