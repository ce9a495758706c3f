import type { ReactNode } from "react";

type DataTableProps = {
  /** Read out by screen readers before the table; not shown. */
  caption: string;
  /** The column headings, left to right. */
  columns: readonly ReactNode[];
  /** Extra classes for the table, such as its margin. */
  className?: string;
  /** The body's rows. */
  children: ReactNode;
};

/** A full-width table of records under a row of column headings. */
export function DataTable({ caption, columns, className, children }: DataTableProps) {
  return (
    <table className={className ? `${className} w-full border-collapse text-left` : "w-full border-collapse text-left"}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b-2 border-ink">
          {columns.map((column, index) => (
            <th key={index} scope="col" className={index < columns.length - 1 ? "py-2 pr-4" : "py-2"}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
