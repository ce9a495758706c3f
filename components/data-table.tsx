import { Children, type ReactNode } from "react";

type DataTableProps = {
  /** Read out by screen readers before the table, and names its scroll region; not shown. */
  caption: string;
  /** The column headings, left to right. */
  columns: readonly ReactNode[];
  /** Shown instead of the table when it has no rows: what the list is and how it gets its first entry. */
  empty?: ReactNode;
  /** Extra classes for the table, such as its margin. */
  className?: string;
  /** The body's rows. */
  children: ReactNode;
};

/**
 * A full-width table of records under a row of column headings. On a narrow screen the table
 * scrolls inside a labelled region that takes keyboard focus (so it can be scrolled with the arrow
 * keys), and the page itself never scrolls sideways.
 */
export function DataTable({ caption, columns, empty, className, children }: DataTableProps) {
  if (empty !== undefined && Children.count(children) === 0) {
    return <div className="border-l-4 border-rule py-1 pl-4">{empty}</div>;
  }
  return (
    <ScrollRegion label={caption}>
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
    </ScrollRegion>
  );
}

/**
 * What may be wider than a narrow screen (a table), scrolling sideways inside a labelled region
 * that takes keyboard focus, so that the page itself never does.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // `relative` makes the region the containing block of the screen-reader-only text in its cells
    // (positioned absolutely): without it that text escapes the scroll region and widens the page.
    <div role="region" aria-label={label} tabIndex={0} className="relative max-w-full overflow-x-auto focus:outline-3 focus:outline-offset-2 focus:outline-focus">
      {children}
    </div>
  );
}
