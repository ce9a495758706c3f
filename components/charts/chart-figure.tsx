import type { ReactNode } from "react";

import { MUTED } from "./palette";

type ChartFigureProps = {
  /** The chart's title, shown as its heading. */
  title: string;
  /** One or two sentences saying what the chart shows; also the SVG's accessible name. */
  summary: string;
  /** Notes under the summary: rounding, suppression, attribution. */
  notes?: readonly ReactNode[];
  /** The drawing (an <svg>). */
  chart: ReactNode;
  /** The same figures as a table, for screen readers and anyone who wants the numbers. */
  table: ReactNode;
  /** A legend shown under the chart. */
  legend?: ReactNode;
};

/** The frame every chart shares: a figure whose caption is the text summary, and its data table. */
export function ChartFigure({ title, summary, notes, chart, table, legend }: ChartFigureProps) {
  return (
    <figure className="my-6 max-w-3xl">
      <figcaption>
        <span className="block text-lg font-bold">{title}</span>
        <span className="mt-1 block">{summary}</span>
        {notes?.map((note, index) => (
          <span key={index} className="mt-1 block text-sm text-muted">
            {note}
          </span>
        ))}
      </figcaption>
      <div className="mt-3">{chart}</div>
      {legend}
      <details className="mt-3">
        <summary className="cursor-pointer text-link underline">
          Show the data as a table<span className="sr-only">: {title}</span>
        </summary>
        <div role="region" aria-label={`${title}: the data`} tabIndex={0} className="relative mt-2 max-w-full overflow-x-auto focus:outline-3 focus:outline-offset-2 focus:outline-focus">
          {table}
        </div>
      </details>
    </figure>
  );
}

/** The diagonal hatching that marks a suppressed figure on a chart; ids must be unique on the page. */
export function SuppressedPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#ffffff" />
      <line x1="0" y1="0" x2="0" y2="6" stroke={MUTED} strokeWidth="2" />
    </pattern>
  );
}

/** A simple table of figures with a header row; the first column labels each row. */
export function FigureTable({ caption, columns, rows }: { caption: string; columns: readonly string[]; rows: readonly (readonly string[])[] }) {
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b-2 border-ink">
          {columns.map((column, index) => (
            <th key={index} scope="col" className={index === 0 ? "py-1 pr-4" : "py-1 pr-4 text-right"}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r} className="border-b border-rule">
            {row.map((cell, index) =>
              index === 0 ? (
                <th key={index} scope="row" className="py-1 pr-4 font-normal">
                  {cell}
                </th>
              ) : (
                <td key={index} className="py-1 pr-4 text-right tabular-nums">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
