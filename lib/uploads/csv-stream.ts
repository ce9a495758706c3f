import { streamCsvRows, type CsvProblem, type CsvRow } from "@/lib/csv/strict";
import { AppError } from "@/lib/errors";

export type { CsvRow } from "@/lib/csv/strict";

export type CsvLimits = {
  /** Bytes of the file as uploaded; counted as they arrive. */
  maxBytes: number;
  /** Records after the header row; blank lines do not count. */
  maxDataRows: number;
  /** Guards memory against a quote that is never closed in a huge file; checked as the row is read. */
  maxRowChars?: number;
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

const MB = 1024 * 1024;

/**
 * The records of a CSV file read from a byte stream, header first, parsed by csv-parse as the bytes
 * arrive: the file is never held whole. Refused part-way (and the stream cancelled) when it passes
 * the size or row limit, is not UTF-8 text, holds a NUL (a binary file), or breaks the quoting
 * rules of lib/csv/strict.ts. Empty lines are skipped.
 */
export async function* readCsvRows(stream: ReadableStream<Uint8Array>, limits: CsvLimits): AsyncGenerator<CsvRow> {
  const reader = stream.getReader();
  const { rows, syntaxError } = streamCsvRows(checkedBytes(reader, limits), { maxRowChars: limits.maxRowChars, skipBlankRows: true });
  let records = 0;
  try {
    for await (const row of rows) {
      if (limits.maxColumns !== undefined && row.fields.length > limits.maxColumns) {
        throw new CsvRefused(`Line ${row.line}: more than ${limits.maxColumns} columns.`, row.line);
      }
      records += 1;
      // The header is record 1, so data rows are records - 1.
      if (records - 1 > limits.maxDataRows) {
        throw new CsvRefused(`The file has more than ${limits.maxDataRows.toLocaleString("en-GB")} rows. Split it into smaller files.`, row.line, undefined, 413);
      }
      yield row;
    }
  } catch (error) {
    if (error instanceof CsvRefused) throw error;
    const syntax = syntaxError(error);
    if (!syntax) throw error;
    throw new CsvRefused(`Line ${syntax.line}: ${uploadWording(syntax.problem, limits) ?? syntax.description}.`, syntax.line, syntax.fieldIndex);
  } finally {
    // Stops reading the upload as soon as it is refused, or when the caller stops early.
    rows.destroy();
    await reader.cancel().catch(() => {});
  }
}

/**
 * A small CSV file, whole, as text (a form's file field), after the same checks as a streamed
 * upload: within `maxBytes`, not a known binary format, UTF-8 text, no NUL. A byte-order mark is
 * dropped. Refused with CsvRefused, as readCsvRows refuses.
 */
export async function readCsvText(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder("utf-8");
  let text = "";
  try {
    for await (const chunk of checkedBytes(reader, { maxBytes })) text += decoder.decode(chunk, { stream: true });
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text + decoder.decode();
}

function uploadWording(problem: CsvProblem, limits: CsvLimits): string | undefined {
  if (problem === "opening-quote") return "a quote inside a field that does not start with one. Put the whole field in quotes and double the quote inside it";
  if (problem === "row-too-long") return `the row is longer than ${(limits.maxRowChars ?? 0).toLocaleString("en-GB")} characters`;
  return undefined;
}

/**
 * The upload's bytes, passed on as they arrive once checked: within the size limit, not a known
 * binary format, UTF-8 text (decoded here only to check it; the parser decodes its fields), no NUL.
 */
async function* checkedBytes(reader: ReadableStreamDefaultReader<Uint8Array>, limits: Pick<CsvLimits, "maxBytes">): AsyncGenerator<Uint8Array> {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value.byteLength === 0) continue;
    const first = bytes === 0;
    bytes += value.byteLength;
    if (bytes > limits.maxBytes) {
      throw new CsvRefused(`The file is larger than ${formatBytes(limits.maxBytes)}. Split it into smaller files.`, undefined, undefined, 413);
    }
    if (first) refuseKnownBinary(value);
    checkText(utf8, value);
    yield value;
  }
  checkText(utf8, undefined);
}

/** `bytes` undefined: the end of the file, where a character cut off is an error. */
function checkText(decoder: TextDecoder, bytes: Uint8Array | undefined): void {
  try {
    decoder.decode(bytes, { stream: bytes !== undefined });
  } catch {
    throw new CsvRefused("The file is not UTF-8 text. Save it as ‘CSV UTF-8 (comma delimited)’ and upload it again.");
  }
  if (bytes?.includes(0)) throw new CsvRefused("The file is not a CSV file: it holds binary data. Save it as ‘CSV UTF-8 (comma delimited)’ and upload it again.");
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
