import { CsvSyntaxError, parseCsvText, type CsvRow } from "@/lib/csv/strict";

export type { CsvRow } from "@/lib/csv/strict";

/** One CSV row keyed by the header's column names. */
export type CsvRecord = Readonly<Record<string, string>>;

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, commas and line breaks inside quotes,
 * `\n` or `\r\n` line endings) into records keyed by the first row. Strict: a row whose field
 * count differs from the header's, a stray quote or an unterminated quote throws an Error naming
 * the line. `source` (a file name) prefixes error messages.
 */
export function parseCsv(text: string, source = "CSV"): CsvRecord[] {
  const [header, ...body] = parseCsvRows(text, source);
  if (!header) return [];
  assertUniqueColumns(header, source);
  return body.map((row) => toRecord(header.fields, row, source));
}

/**
 * Parses CSV into raw rows without a header; the same rules as `parseCsv` except field counts. An
 * empty line is a row of one empty field.
 */
export function parseCsvRows(text: string, source = "CSV"): CsvRow[] {
  try {
    return parseCsvText(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw csvError(source, error.line, error.description);
    throw error;
  }
}

function assertUniqueColumns(header: CsvRow, source: string): void {
  const seen = new Set<string>();
  for (const name of header.fields) {
    if (seen.has(name)) throw csvError(source, header.line, `the column "${name}" appears twice in the header`);
    seen.add(name);
  }
}

function toRecord(columns: readonly string[], row: CsvRow, source: string): CsvRecord {
  if (row.fields.length !== columns.length) {
    throw csvError(source, row.line, `expected ${columns.length} fields, found ${row.fields.length}`);
  }
  return Object.fromEntries(columns.map((column, i) => [column, row.fields[i] ?? ""]));
}

function csvError(source: string, line: number, problem: string): Error {
  return new Error(`${source} line ${line}: ${problem}`);
}
