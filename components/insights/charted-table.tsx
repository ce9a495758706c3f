import type { ComponentProps } from "react";
import { PublishedTable, type LabelledFigures } from "./published-table";
import { TableChart } from "./table-chart";

type ChartedTableProps = {
  /** The chart's id, unique on the page. */
  id: string;
  /** The chart's title, and the table's caption unless it says more. */
  title: string;
  caption?: string;
  /** The heading of the table's row-label column. */
  rowHeading: string;
  /** The figures both are drawn from: a bar group and a table row per row label. */
  table: LabelledFigures;
  /** Whether the table ends with its totals: not where one disclosure may count in several rows. */
  totals?: boolean;
  valueLabel: string;
  mode?: ComponentProps<typeof TableChart>["mode"];
  /** Whether the figures were rounded to base 5 (said under the chart). */
  rounded: boolean;
};

/**
 * A published table drawn as a bar chart, then set out as a table, both from the same figures: the
 * chart for the pattern, the table for every figure, its withheld ones marked [c].
 */
export function ChartedTable({ id, title, caption = title, rowHeading, table, totals = true, valueLabel, mode, rounded }: ChartedTableProps) {
  const { rowLabels, columnLabels, cells } = table;
  return (
    <>
      <TableChart id={id} title={title} rowLabels={rowLabels} columnLabels={columnLabels} cells={cells} valueLabel={valueLabel} mode={mode} rounded={rounded} />
      <PublishedTable caption={caption} rowHeading={rowHeading} table={totals ? table : { rowLabels, columnLabels, cells }} />
    </>
  );
}
