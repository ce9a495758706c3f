/**
 * Writing CSV that is safe to open in a spreadsheet (docs/security.md#exports-and-csv): a cell
 * starting with =, +, -, @, tab, CR or NUL is prefixed with an apostrophe so it is never run as a
 * formula, then quoted as RFC 4180 requires. Pure, so the browser can build a report with it.
 */
const FORMULA_START = /^[=+\-@\t\r\0]/;

export function escapeCsvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV text with CRLF line ends, every cell escaped. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(escapeCsvCell).join(",")).join("\r\n") + "\r\n";
}
