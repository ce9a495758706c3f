import { BarChart } from "@/components/charts";

/** A published figure: a number, or null where disclosure control withholds it. */
type Figure = { value: number | null };

type TableChartProps = {
  /** Unique on the page. */
  id: string;
  title: string;
  /** One bar group per row; one series per column. */
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  cells: readonly (readonly Figure[])[];
  valueLabel: string;
  mode?: "grouped" | "stacked";
  /** Whether the figures were rounded to base 5 (said under the chart). */
  rounded: boolean;
  summary?: string;
};

/**
 * A published table drawn as a bar chart, with its text summary and data table. Rows whose every
 * figure is 0 are left off the drawing (they are in the table on the page), so the bars that
 * matter are not lost among empty ones; a withheld figure is drawn as withheld, never as 0.
 */
export function TableChart({ id, title, rowLabels, columnLabels, cells, valueLabel, mode = "grouped", rounded, summary }: TableChartProps) {
  const kept = rowLabels.map((label, i) => ({ label, figures: cells[i] ?? [] })).filter((row) => row.figures.some((figure) => figure.value !== 0));
  if (kept.length === 0 || columnLabels.length === 0) return null;
  return (
    <BarChart
      id={id}
      title={title}
      {...(summary ? { summary } : {})}
      mode={mode}
      categories={kept.map((row) => row.label)}
      series={columnLabels.map((name, j) => ({ name, values: kept.map((row) => row.figures[j]?.value ?? null) }))}
      valueLabel={valueLabel}
      notes={[
        `Figures are protected by disclosure control: a small fixed adjustment${rounded ? " and rounding to the nearest 5" : ""}, so they need not add up.`,
      ]}
    />
  );
}
