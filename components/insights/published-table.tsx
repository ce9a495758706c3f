import type { ReactNode } from "react";
import { DataTable } from "@/components/data-table";

/** A figure as published by disclosure control: a number, or null where it is withheld. */
type Figure = { value: number | null; suppressed: null | "primary" | "secondary" };

/** A published table's figures, labelled for people: a row per row label, and the totals where they are shown. */
export type LabelledFigures = {
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  cells: readonly (readonly Figure[])[];
  rowTotals?: readonly Figure[];
  columnTotals?: readonly Figure[];
  total?: Figure;
};

type PublishedTableProps = {
  /** Shown above the table and read as its caption. */
  caption: string;
  /** The heading of the row-label column. */
  rowHeading: string;
  table: LabelledFigures;
};

/** A published figure as text: thousands separated, or [c] where it is withheld. */
export function figure(published: Figure): ReactNode {
  if (published.value === null) {
    return (
      <span>
        [c]<span className="sr-only"> (withheld)</span>
      </span>
    );
  }
  return published.value.toLocaleString("en-GB");
}

/** A share as a whole percentage, or [c] where a figure it is built on is withheld. */
export function share(value: number | null): ReactNode {
  if (value === null) {
    return (
      <span>
        [c]<span className="sr-only"> (withheld)</span>
      </span>
    );
  }
  return `${Math.round(value * 100)}%`;
}

/** A row of a share table: what it is, and its share in each column (null where withheld). */
export type ShareRow = { key: string; label: string; shares: readonly (number | null)[] };

/** A row per label and its shares, each as a whole percentage or [c] where withheld; the first column heads the labels. */
export function ShareTable({ caption, columns, rows }: { caption: string; columns: readonly string[]; rows: readonly ShareRow[] }) {
  return (
    <DataTable caption={caption} columns={columns}>
      {rows.map((row) => (
        <tr key={row.key} className="border-b border-rule">
          <th scope="row" className="py-2 pr-4 font-normal">
            {row.label}
          </th>
          {row.shares.map((value, index) => (
            <td key={index} className={index < row.shares.length - 1 ? "py-2 pr-4 tabular-nums" : "py-2 tabular-nums"}>
              {share(value)}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}

/**
 * A table of published counts with its row and column totals. Row and column headers are marked
 * up as such so a screen reader names each figure by its row and column.
 */
export function PublishedTable({ caption, rowHeading, table }: PublishedTableProps) {
  const { rowLabels, columnLabels, cells, rowTotals, columnTotals, total } = table;
  return (
    // A labelled region the keyboard reaches, so a wide table scrolls inside it; `relative` keeps the
    // screen-reader-only text of withheld figures inside the region rather than widening the page.
    <div role="region" aria-label={caption} tabIndex={0} className="relative max-w-full overflow-x-auto focus:outline-3 focus:outline-offset-2 focus:outline-focus">
      <table className="w-full border-collapse text-left tabular-nums">
        <caption className="mb-2 text-left text-xl font-bold">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-ink">
            <th scope="col" className="py-2 pr-4">
              {rowHeading}
            </th>
            {columnLabels.map((label) => (
              <th key={label} scope="col" className="py-2 pr-4 text-right">
                {label}
              </th>
            ))}
            {rowTotals ? (
              <th scope="col" className="py-2 text-right">
                Total
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rowLabels.map((label, i) => (
            <tr key={label} className="border-b border-rule">
              <th scope="row" className="py-2 pr-4 font-normal">
                {label}
              </th>
              {(cells[i] ?? []).map((cell, j) => (
                <td key={j} className="py-2 pr-4 text-right">
                  {figure(cell)}
                </td>
              ))}
              {rowTotals?.[i] ? <td className="py-2 text-right font-bold">{figure(rowTotals[i])}</td> : null}
            </tr>
          ))}
          {columnTotals ? (
            <tr className="border-b-2 border-ink">
              <th scope="row" className="py-2 pr-4">
                Total
              </th>
              {columnTotals.map((cell, j) => (
                <td key={j} className="py-2 pr-4 text-right font-bold">
                  {figure(cell)}
                </td>
              ))}
              {total ? <td className="py-2 text-right font-bold">{figure(total)}</td> : null}
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/** What [c] means and how the figures were protected, said once under the tables. */
export function DisclosureNote({ threshold, rounded }: { threshold: number; rounded: boolean }) {
  return (
    <p className="text-muted">
      [c] marks a figure withheld to protect the people behind it: counts from 1 to {threshold - 1} are never shown, nor any figure they could be worked out from. Every
      published count carries a small fixed adjustment{rounded ? " and is rounded to the nearest 5" : ""}, so totals need not add up. A disclosure in two threat areas
      counts once in each.
    </p>
  );
}
