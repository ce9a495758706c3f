import { AppError } from "@/lib/errors";

/** One CSV record as parsed, with the physical line (1-based) it starts on. */
export type CsvRow = { line: number; fields: string[] };

export type CsvLimits = {
  /** Bytes of the file as uploaded; counted as they arrive. */
  maxBytes: number;
  /** Records after the header row; blank lines do not count. */
  maxDataRows: number;
  /** Guards memory against a quote that is never closed in a huge file. */
  maxFieldChars?: number;
  maxColumns?: number;
};

/**
 * The file cannot be read as CSV at all (too big, too many rows, not UTF-8 text, broken quoting):
 * nothing in it is imported. `line` and `fieldIndex` say where, when there is a where.
 */
export class CsvRefused extends AppError {
  override name = "CsvRefused";
  constructor(
    message: string,
    readonly line?: number,
    readonly fieldIndex?: number,
    status = 400,
  ) {
    super(message, status);
  }
}

const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** A quote inside a quoted field: a doubled quote, or the field's end. */
  QuoteInQuoted: 3,
  /** A carriage return outside quotes, which must be followed by a line feed. */
  AfterCr: 4,
} as const;
type State = (typeof State)[keyof typeof State];

/**
 * An incremental RFC 4180 parser: text goes in as it is decoded, in pieces of any size (a piece may
 * end inside a quoted field or between CR and LF), and whole records come out. Quoted fields may
 * hold commas, doubled quotes and line breaks; lines end in LF or CRLF. Strict like
 * lib/reference/csv.ts: a quote inside an unquoted field, text after a closing quote, a lone CR
 * or a quote never closed is refused, naming the line. Empty lines are skipped.
 */
export class CsvTokenizer {
  private state: State = State.FieldStart;
  private field = "";
  private fields: string[] = [];
  private line = 1;
  private rowLine = 1;

  constructor(private readonly limits: Pick<CsvLimits, "maxFieldChars" | "maxColumns"> = {}) {}

  /** Feeds decoded text; returns the records it completed. */
  push(text: string): CsvRow[] {
    const rows: CsvRow[] = [];
    const maxField = this.limits.maxFieldChars ?? Number.POSITIVE_INFINITY;
    let start = 0;
    // Plain runs of an unquoted or quoted field are copied in slices, not a character at a time.
    const flushRun = (end: number) => {
      if (end > start) {
        this.field += text.slice(start, end);
        if (this.field.length > maxField) throw new CsvRefused(`Line ${this.rowLine}: a field is longer than ${maxField.toLocaleString("en-GB")} characters.`, this.rowLine, this.fields.length);
      }
    };
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
          if (char === QUOTE) {
            this.state = State.Quoted;
            start = i + 1;
            break;
          }
          // The character is the unquoted field's first: read it again in that state.
          this.state = State.Unquoted;
          start = i;
          i -= 1;
          break;
        case State.Unquoted:
          if (char === COMMA) {
            flushRun(i);
            this.endField();
            this.state = State.FieldStart;
          } else if (char === LF) {
            flushRun(i);
            this.endRow(rows);
            this.line += 1;
          } else if (char === CR) {
            flushRun(i);
            this.state = State.AfterCr;
          } else if (char === QUOTE) {
            throw new CsvRefused(`Line ${this.line}: a quote inside a field that does not start with one. Put the whole field in quotes and double the quote inside it.`, this.line, this.fields.length);
          }
          break;
        case State.Quoted:
          if (char === QUOTE) {
            flushRun(i);
            this.state = State.QuoteInQuoted;
          } else if (char === LF) {
            this.line += 1;
          }
          break;
        case State.QuoteInQuoted:
          if (char === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            start = i + 1;
          } else if (char === COMMA) {
            this.endField();
            this.state = State.FieldStart;
          } else if (char === LF) {
            this.endRow(rows);
            this.line += 1;
          } else if (char === CR) {
            this.state = State.AfterCr;
          } else {
            throw new CsvRefused(`Line ${this.line}: text after the closing quote of a field.`, this.line, this.fields.length);
          }
          break;
        case State.AfterCr:
          if (char !== LF) throw new CsvRefused(`Line ${this.line}: a carriage return not followed by a line feed.`, this.line, this.fields.length);
          this.endRow(rows);
          this.line += 1;
          break;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) flushRun(text.length);
    return rows;
  }

  /** The end of the text: the last record, which needs no line break after it. */
  end(): CsvRow[] {
    if (this.state === State.Quoted) throw new CsvRefused(`Line ${this.rowLine}: a quoted field that is never closed.`, this.rowLine, this.fields.length);
    if (this.state === State.AfterCr) throw new CsvRefused(`Line ${this.line}: a carriage return not followed by a line feed.`, this.line, this.fields.length);
    const rows: CsvRow[] = [];
    if (this.state !== State.FieldStart || this.fields.length > 0) this.endRow(rows);
    return rows;
  }

  private endField() {
    this.fields.push(this.field);
    this.field = "";
    const maxColumns = this.limits.maxColumns ?? Number.POSITIVE_INFINITY;
    if (this.fields.length > maxColumns) throw new CsvRefused(`Line ${this.rowLine}: more than ${maxColumns} columns.`, this.rowLine);
  }

  private endRow(rows: CsvRow[]) {
    this.endField();
    const fields = this.fields;
    const blank = fields.length === 1 && fields[0] === "";
    if (!blank) rows.push({ line: this.rowLine, fields });
    this.fields = [];
    this.state = State.FieldStart;
    this.rowLine = this.line + 1;
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

const MB = 1024 * 1024;

/**
 * The records of a CSV file read from a byte stream, header first, decoded as UTF-8 as they arrive:
 * the file is never held whole. Refused part-way (and the stream cancelled) when it passes the
 * size or row limit, is not UTF-8 text, holds a NUL (a binary file), or breaks the quoting rules.
 */
export async function* readCsvRows(stream: ReadableStream<Uint8Array>, limits: CsvLimits): AsyncGenerator<CsvRow> {
  const reader = stream.getReader();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const tokenizer = new CsvTokenizer(limits);
  let bytes = 0;
  let records = 0;
  let first = true;
  const count = function* (rows: CsvRow[]) {
    for (const row of rows) {
      records += 1;
      // The header is record 1, so data rows are records - 1.
      if (records - 1 > limits.maxDataRows) {
        throw new CsvRefused(`The file has more than ${limits.maxDataRows.toLocaleString("en-GB")} rows. Split it into smaller files.`, row.line, undefined, 413);
      }
      yield row;
    }
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > limits.maxBytes) {
        throw new CsvRefused(`The file is larger than ${formatBytes(limits.maxBytes)}. Split it into smaller files.`, undefined, undefined, 413);
      }
      if (first && value.byteLength > 0) {
        refuseKnownBinary(value);
        first = false;
      }
      yield* count(tokenizer.push(decode(decoder, value, true)));
    }
    yield* count(tokenizer.push(decode(decoder, undefined, false)));
    yield* count(tokenizer.end());
  } finally {
    // Stops reading the upload as soon as it is refused, or when the caller stops early.
    await reader.cancel().catch(() => {});
  }
}

function decode(decoder: TextDecoder, bytes: Uint8Array | undefined, stream: boolean): string {
  let text: string;
  try {
    text = decoder.decode(bytes, { stream });
  } catch {
    throw new CsvRefused("The file is not UTF-8 text. Save it as ‘CSV UTF-8 (comma delimited)’ and upload it again.");
  }
  if (text.includes("\u0000")) throw new CsvRefused("The file is not a CSV file: it holds binary data. Save it as ‘CSV UTF-8 (comma delimited)’ and upload it again.");
  return text;
}

const SIGNATURES: { bytes: number[]; message: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], message: "The file is a spreadsheet workbook or archive, not CSV. Save it as ‘CSV UTF-8 (comma delimited)’ and upload that." },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], message: "The file is an Excel 97–2003 workbook, not CSV. Save it as ‘CSV UTF-8 (comma delimited)’ and upload that." },
  { bytes: [0xff, 0xfe], message: "The file is UTF-16 text. Save it as ‘CSV UTF-8 (comma delimited)’ and upload that." },
  { bytes: [0xfe, 0xff], message: "The file is UTF-16 text. Save it as ‘CSV UTF-8 (comma delimited)’ and upload that." },
];

function refuseKnownBinary(bytes: Uint8Array): void {
  for (const signature of SIGNATURES) {
    if (signature.bytes.every((byte, index) => bytes[index] === byte)) throw new CsvRefused(signature.message);
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= MB && bytes % MB === 0 ? `${bytes / MB} MB` : `${Math.ceil(bytes / 1024).toLocaleString("en-GB")} KB`;
}
