/** One CSV row keyed by the header's column names. */
export type CsvRecord = Readonly<Record<string, string>>;

/** One CSV row as parsed, with the physical line (1-based) it starts on. */
export type CsvRow = { line: number; fields: string[] };

type Field = { value: string; end: number; newlines: number };

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

/** Parses CSV into raw rows without a header; the same rules as `parseCsv` except field counts. */
export function parseCsvRows(text: string, source = "CSV"): CsvRow[] {
  const rows: CsvRow[] = [];
  // A byte-order mark would otherwise become part of the first column's name.
  let index = text.startsWith("\uFEFF") ? 1 : 0;
  let line = 1;
  let row: CsvRow = { line, fields: [] };
  if (index >= text.length) return rows;

  for (;;) {
    const field = text[index] === '"' ? readQuoted(text, index, line, source) : readBare(text, index, line, source);
    row.fields.push(field.value);
    line += field.newlines;
    index = field.end;

    if (index >= text.length) {
      rows.push(row);
      return rows;
    }
    if (text[index] === ",") {
      index += 1;
      continue;
    }
    index += text[index] === "\r" ? 2 : 1;
    line += 1;
    rows.push(row);
    // A line break after the last record ends the file; it does not start an empty record.
    if (index >= text.length) return rows;
    row = { line, fields: [] };
  }
}

function readBare(text: string, start: number, line: number, source: string): Field {
  let index = start;
  while (index < text.length) {
    const char = text[index];
    if (char === "," || char === "\n" || text.startsWith("\r\n", index)) break;
    if (char === '"') throw csvError(source, line, "a quote inside an unquoted field");
    if (char === "\r") throw csvError(source, line, "a carriage return not followed by a line feed");
    index += 1;
  }
  return { value: text.slice(start, index), end: index, newlines: 0 };
}

function readQuoted(text: string, start: number, line: number, source: string): Field {
  let value = "";
  let index = start + 1;
  for (;;) {
    const quote = text.indexOf('"', index);
    if (quote === -1) throw csvError(source, line, "a quoted field that is never closed");
    value += text.slice(index, quote);
    if (text[quote + 1] !== '"') {
      assertFieldEnds(text, quote + 1, line + countNewlines(value), source);
      return { value, end: quote + 1, newlines: countNewlines(value) };
    }
    value += '"';
    index = quote + 2;
  }
}

function assertFieldEnds(text: string, index: number, line: number, source: string): void {
  const atEnd = index >= text.length || text[index] === "," || text[index] === "\n" || text.startsWith("\r\n", index);
  if (!atEnd) throw csvError(source, line, "text after the closing quote of a field");
}

function countNewlines(value: string): number {
  let count = 0;
  for (const char of value) if (char === "\n") count += 1;
  return count;
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
