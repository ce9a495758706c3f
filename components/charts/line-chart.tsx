import { ChartFigure, FigureTable, SuppressedPattern } from "./chart-figure";
import { formatCount, formatDecimal, niceTicks, SUPPRESSED } from "./format";
import { ChartLegend, type LegendItem } from "./legend";
import { INK, MUTED, RULE, seriesColour } from "./palette";

type LinePoint = { label: string; value: number | null };
type ForecastPoint = { label: string; expected: number; lower: number; upper: number };

type LineChartProps = {
  id: string;
  title: string;
  /** What the chart shows in words (for example the forecast judgement); a description is written when omitted. */
  summary?: string;
  notes?: readonly string[];
  /** The observed, already-protected series in order; null is suppressed and leaves a gap. */
  points: readonly LinePoint[];
  /** Expected values with a prediction interval, continuing after the last point. */
  forecast?: readonly ForecastPoint[];
  /** The interval's level, for the legend and table, e.g. 0.95. */
  forecastLevel?: number;
  valueLabel: string;
};

const WIDTH = 400;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 8, bottom: 40, left: 44 };

function describe(points: readonly LinePoint[], forecast: readonly ForecastPoint[] | undefined, valueLabel: string): string {
  const shown = points.filter((point) => point.value !== null);
  const parts: string[] = [];
  const first = shown[0];
  const last = shown[shown.length - 1];
  if (first && last) {
    parts.push(`${valueLabel} from ${formatCount(first.value)} in ${first.label} to ${formatCount(last.value)} in ${last.label}.`);
  } else {
    parts.push(`${valueLabel}: no figure can be shown.`);
  }
  const end = forecast?.[forecast.length - 1];
  if (end) parts.push(`Forecast for ${end.label}: about ${formatCount(Math.round(end.expected))} (between ${formatCount(Math.round(end.lower))} and ${formatCount(Math.round(end.upper))}).`);
  const suppressed = points.length - shown.length;
  if (suppressed > 0) parts.push(`${suppressed} ${suppressed === 1 ? "month is" : "months are"} suppressed and left as gaps.`);
  return parts.join(" ");
}

/** A line chart of a monthly series with a shaded forecast interval; suppressed months are gaps, marked. */
export function LineChart({ id, title, summary, notes, points, forecast = [], forecastLevel = 0.95, valueLabel }: LineChartProps) {
  const patternId = `${id}-suppressed`;
  const labels = [...points.map((point) => point.label), ...forecast.map((point) => point.label)];
  const top = Math.max(1, ...points.map((point) => point.value ?? 0), ...forecast.map((point) => point.upper));
  const ticks = niceTicks(top);
  const yMax = ticks[ticks.length - 1]!;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (i: number) => MARGIN.left + (labels.length <= 1 ? plotWidth / 2 : (i * plotWidth) / (labels.length - 1));
  const y = (value: number) => MARGIN.top + plotHeight - (value / yMax) * plotHeight;
  const text = summary ?? describe(points, forecast, valueLabel);

  // Runs of consecutive published months: a suppressed month breaks the line rather than dipping to 0.
  const runs: { i: number; value: number }[][] = [];
  points.forEach((point, i) => {
    if (point.value === null) return;
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (run && previous && previous.i === i - 1) run.push({ i, value: point.value });
    else runs.push([{ i, value: point.value }]);
  });
  const offset = points.length;
  const lastObserved = points.length > 0 ? points[points.length - 1] : undefined;
  const bridge = lastObserved?.value != null ? [{ i: offset - 1, expected: lastObserved.value, lower: lastObserved.value, upper: lastObserved.value }] : [];
  const band = [...bridge, ...forecast.map((point, h) => ({ i: offset + h, ...point }))];
  const everyNth = Math.max(1, Math.ceil(labels.length / 6));

  const chart = (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-label={`${title}. ${text}`} className="h-auto max-w-full" fontSize="12">
      <defs>
        <SuppressedPattern id={patternId} />
      </defs>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} stroke={RULE} strokeWidth="1" />
          <text x={MARGIN.left - 4} y={y(tick) + 4} textAnchor="end" fill={MUTED}>
            {formatCount(tick)}
          </text>
        </g>
      ))}
      {labels.map((label, i) =>
        i % everyNth === 0 ? (
          <text key={label} x={x(i)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle" fill={MUTED}>
            {label}
          </text>
        ) : null,
      )}
      {band.length > 1 ? (
        <>
          <polygon
            points={[...band.map((p) => `${x(p.i)},${y(p.upper)}`), ...[...band].reverse().map((p) => `${x(p.i)},${y(p.lower)}`)].join(" ")}
            fill={seriesColour(4)}
            fillOpacity="0.35"
          />
          <polyline points={band.map((p) => `${x(p.i)},${y(p.expected)}`).join(" ")} fill="none" stroke={seriesColour(0)} strokeWidth="2" strokeDasharray="5 4" />
        </>
      ) : null}
      {runs.map((run) =>
        run.length === 1 ? (
          <circle key={run[0]!.i} cx={x(run[0]!.i)} cy={y(run[0]!.value)} r="3" fill={seriesColour(0)} />
        ) : (
          <polyline key={run[0]!.i} points={run.map((p) => `${x(p.i)},${y(p.value)}`).join(" ")} fill="none" stroke={seriesColour(0)} strokeWidth="2.5" />
        ),
      )}
      {points.map((point, i) =>
        point.value === null ? (
          <rect key={point.label} x={x(i) - 4} y={MARGIN.top + plotHeight - 10} width="8" height="10" fill={`url(#${patternId})`} stroke={MUTED}>
            <title>{`${point.label}: ${SUPPRESSED}`}</title>
          </rect>
        ) : null,
      )}
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} stroke={INK} strokeWidth="1" />
    </svg>
  );

  const percent = Math.round(forecastLevel * 100);
  const legendItems: LegendItem[] = [
    { label: valueLabel, colour: seriesColour(0) },
    ...(forecast.length > 0 ? [{ label: `Forecast, with ${percent}% prediction interval shaded`, colour: seriesColour(4) }] : []),
    ...(points.some((point) => point.value === null) ? [{ label: "Suppressed month (too few to show)", suppressed: true as const }] : []),
  ];
  const table = (
    <FigureTable
      caption={`${title}: ${valueLabel.toLowerCase()} by month`}
      columns={forecast.length > 0 ? ["Month", valueLabel, "Forecast", `${percent}% interval`] : ["Month", valueLabel]}
      rows={[
        ...points.map((point) => (forecast.length > 0 ? [point.label, formatCount(point.value), "", ""] : [point.label, formatCount(point.value)])),
        ...forecast.map((point) => [point.label, "", formatDecimal(point.expected), `${formatDecimal(point.lower)} to ${formatDecimal(point.upper)}`]),
      ]}
    />
  );
  return <ChartFigure title={title} summary={text} notes={notes} chart={chart} table={table} legend={<ChartLegend items={legendItems} patternId={id} />} />;
}
