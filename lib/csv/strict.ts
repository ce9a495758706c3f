import { Readable, pipeline } from "node:stream";
import { CsvError, parse, type Options } from "csv-parse";
import { parse as parseWhole } from "csv-parse/sync";

/** One CSV record as parsed, with the physical line (1-based) it starts on. */
export type CsvRow = { line: number; fields: string[] };

/** The ways a file can break the quoting and line-ending rules the portal reads CSV by. */
export type CsvProblem = "opening-quote" | "closing-quote" | "unclosed-quote" | "bare-cr" | "row-too-long" | "unreadable";

const DESCRIPTIONS: Record<CsvProblem, string> = {
  "opening-quote": "a quote inside an unquoted field",
  "closing-quote": "text after the closing quote of a field",
  "unclosed-quote": "a quoted field that is never closed",
  "bare-cr": "a carriage return not followed by a line feed",
  "row-too-long": "a row longer than the limit",
  unreadable: "text that cannot be read as CSV",
};

const PROBLEM_BY_CODE: Partial<Record<string, CsvProblem>> = {
  INVALID_OPENING_QUOTE: "opening-quote",
  CSV_INVALID_CLOSING_QUOTE: "closing-quote",
  CSV_QUOTE_NOT_CLOSED: "unclosed-quote",
  CSV_MAX_RECORD_SIZE: "row-too-long",
};

/** Where and how a file breaks the rules: `line` is where the broken row starts (for a carriage return, its own line). */
export class CsvSyntaxError extends Error {
  override name = "CsvSyntaxError";
  readonly description: string;
  constructor(
    readonly problem: CsvProblem,
    readonly line: number,
    readonly fieldIndex?: number,
  ) {
    super(`Line ${line}: ${DESCRIPTIONS[problem]}`);
    this.description = DESCRIPTIONS[problem];
  }
}

export type StrictCsvSettings = {
  /** Characters one row may hold; checked while it is read (0: no limit). */
  maxRowChars?: number;
  /** Leaves out rows that are one empty field: empty lines, or a line holding only `""`. */
  skipBlankRows?: boolean;
};

/** Parses a whole text by the rules of `strictCsv`; a broken file throws CsvSyntaxError. */
export function parseCsvText(text: string, settings: StrictCsvSettings = {}): CsvRow[] {
  const bytes = Buffer.from(text, "utf8");
  const lineEndings = new LineEndingCheck();
  lineEndings.push(bytes);
  lineEndings.end();
  const csv = strictCsv(settings);
  try {
    return parseWhole(bytes, csv.options) as unknown as CsvRow[];
  } catch (error) {
    throw csv.syntaxError(error) ?? error;
  }
}

/**
 * The rows of a CSV byte stream by the rules of `strictCsv`, parsed as the bytes arrive by a
 * csv-parse Transform, which reads only a little ahead of the rows taken from it. Whatever the
 * source throws, and every error in the file, ends `rows` with that error; `syntaxError` turns it
 * into a CsvSyntaxError, or null when it did not come from the file. Destroying `rows` stops
 * reading the source.
 */
export function streamCsvRows(source: AsyncIterable<Uint8Array>, settings: StrictCsvSettings = {}) {
  const csv = strictCsv(settings);
  const rows = parse(csv.options);
  pipeline(Readable.from(checkedLineEndings(source), { highWaterMark: 1 }), rows, () => {});
  return { rows: rows as typeof rows & AsyncIterable<CsvRow>, syntaxError: csv.syntaxError };
}

async function* checkedLineEndings(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const lineEndings = new LineEndingCheck();
  for await (const chunk of source) {
    lineEndings.push(chunk);
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  lineEndings.end();
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * Lines end in LF or CRLF. A carriage return followed by anything else, in quotes or not, is
 * refused, naming its line: a file with one most likely ends its lines in CR alone, which csv-parse
 * would otherwise read as one endless row. Checked on the bytes as they arrive, ahead of the parser.
 */
class LineEndingCheck {
  private line = 1;
  private crAtEnd = false;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.crAtEnd && bytes[0] !== LF) throw new CsvSyntaxError("bare-cr", this.line);
    for (let cr = bytes.indexOf(CR); cr !== -1 && cr < bytes.length - 1; cr = bytes.indexOf(CR, cr + 1)) {
      if (bytes[cr + 1] !== LF) throw new CsvSyntaxError("bare-cr", this.line + countLineFeeds(bytes, cr));
    }
    this.crAtEnd = bytes[bytes.length - 1] === CR;
    this.line += countLineFeeds(bytes, bytes.length);
  }

  end(): void {
    if (this.crAtEnd) throw new CsvSyntaxError("bare-cr", this.line);
  }
}

/** Line feeds before `end`. */
function countLineFeeds(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(LF); at !== -1 && at < end; at = bytes.indexOf(LF, at + 1)) count += 1;
  return count;
}

/**
 * csv-parse set up for one file, read strictly by RFC 4180: fields separated by commas, quoted
 * fields holding commas, doubled quotes and line breaks, lines ending in LF or CRLF, a leading
 * byte-order mark dropped. A quote inside an unquoted field, text after a closing quote, a quote
 * never closed or a carriage return without a line feed after it is refused. Rows come out as
 * CsvRow, numbered by the line they start on (a line break inside quotes counts, as in an editor);
 * rows of differing lengths are the caller's to judge.
 */
function strictCsv({ maxRowChars = 0, skipBlankRows = false }: StrictCsvSettings) {
  // The line the row being read starts on; rows are numbered as they complete.
  let nextLine = 1;
  const rules: Options<CsvRow | null, string[]> = {
    bom: true,
    record_delimiter: ["\r\n", "\n"],
    relax_column_count: true,
    max_record_size: maxRowChars,
    on_record: (fields) => {
      const row = { line: nextLine, fields };
      nextLine += 1 + fields.reduce((sum, field) => sum + lineFeedsIn(field), 0);
      return skipBlankRows && fields.length === 1 && fields[0] === "" ? null : row;
    },
  };
  // csv-parse's parse() types records as string arrays unless `columns` is set; on_record makes them CsvRow.
  const options = rules as unknown as Options;
  const syntaxError = (error: unknown): CsvSyntaxError | null => {
    if (error instanceof CsvSyntaxError) return error;
    const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : undefined;
    const problem = (code && PROBLEM_BY_CODE[code]) ?? (error instanceof CsvError ? "unreadable" : undefined);
    if (!problem) return null;
    return new CsvSyntaxError(problem, nextLine, fieldIndexOf((error as { column?: unknown }).column));
  };
  return { options, syntaxError };
}

function fieldIndexOf(column: unknown): number | undefined {
  return typeof column === "number" ? column : undefined;
}

function lineFeedsIn(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count += 1;
  return count;
}
