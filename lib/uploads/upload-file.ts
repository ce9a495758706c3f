import { CsvRefused, readCsvRows, type CsvLimits } from "./csv-stream";
import { log } from "@/lib/log";
import { MAX_REPORTED_ERRORS, PROGRESS_EVERY, UPLOAD_LIMITS, type UploadError, type UploadEvent } from "./events";

export type UploadOptions = {
  now?: Date;
  /** Told how far the upload has got; awaited, so a slow reader slows the import rather than piling up. */
  onProgress?: (event: UploadEvent) => void | Promise<void>;
  limits?: CsvLimits;
  /** The name of the uploaded file, kept with a refused upload so its uploader can tell which it was. */
  fileName?: string;
};

/** Every error found in a file, in file order; only the first MAX_REPORTED_ERRORS are kept. */
export class UploadReport {
  readonly errors: UploadError[] = [];
  count = 0;

  add(error: UploadError): void {
    this.count += 1;
    if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push(error);
  }

  failed(message: string): UploadEvent & { phase: "failed" } {
    // Where the problems are, never what the cells hold: a refused cell may hold personal data.
    const cells = this.errors.slice(0, 20).map((error) => `${error.row ?? "-"}:${error.column}`);
    log.info({ errorCount: this.count, cells }, "Upload refused");
    return { phase: "failed", message, errors: this.errors, errorCount: this.count };
  }
}

type RowHandler = {
  /** The header's problems; any, and the rows are not read. */
  checkHeader: (header: readonly string[]) => UploadError[];
  /** One data row's cells by column name; problems go to the report. */
  row: (line: number, cells: ReadonlyMap<string, string>) => void;
};

/** Each header name's column; a name given twice keeps its first place and its last column, as a map of the cells would. */
export function columnsOf(header: readonly string[]): ReadonlyMap<string, number> {
  const columns = new Map<string, number>();
  header.forEach((name, index) => columns.set(name, index));
  return columns;
}

/**
 * A data row's cells by column name, in the header's order: the row's fields read through the
 * file's one map of columns, so a file of many rows does not build a map for each. Reading a cell
 * or going through them with forEach costs nothing more; iterating them builds the map.
 */
export class RowCells implements ReadonlyMap<string, string> {
  constructor(
    private readonly columns: ReadonlyMap<string, number>,
    private readonly fields: readonly string[],
  ) {}

  get size(): number {
    return this.columns.size;
  }

  get(name: string): string | undefined {
    const column = this.columns.get(name);
    return column === undefined ? undefined : (this.fields[column] ?? "");
  }

  has(name: string): boolean {
    return this.columns.has(name);
  }

  forEach(callback: (value: string, name: string, cells: ReadonlyMap<string, string>) => void, thisArg?: unknown): void {
    this.columns.forEach((column, name) => callback.call(thisArg, this.fields[column] ?? "", name, this));
  }

  entries(): MapIterator<[string, string]> {
    return this.toMap().entries();
  }

  keys(): MapIterator<string> {
    return this.columns.keys();
  }

  values(): MapIterator<string> {
    return this.toMap().values();
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  private toMap(): Map<string, string> {
    const cells = new Map<string, string>();
    this.forEach((value, name) => cells.set(name, value));
    return cells;
  }
}

/**
 * Streams a CSV upload through a header check and a per-row check, reporting progress. A file that
 * cannot be read (size, rows, encoding, quoting) fails with that one error; otherwise it fails when
 * the report holds any error, and is `read` when every row passed.
 */
export async function readUpload(
  stream: ReadableStream<Uint8Array>,
  report: UploadReport,
  options: UploadOptions,
  handler: RowHandler,
): Promise<(UploadEvent & { phase: "failed" }) | { phase: "read"; rows: number }> {
  let header: string[] | null = null;
  let columns: ReadonlyMap<string, number> = new Map();
  let rows = 0;
  try {
    for await (const record of readCsvRows(stream, options.limits ?? UPLOAD_LIMITS)) {
      if (header === null) {
        header = record.fields.map((name) => name.trim());
        for (const error of handler.checkHeader(header)) report.add(error);
        if (report.count > 0) return report.failed("The header row does not match the template, so no rows were read.");
        columns = columnsOf(header);
        continue;
      }
      // Spreadsheets leave rows of empty cells at the end: they are no row at all.
      if (record.fields.every((field) => field.trim() === "")) continue;
      rows += 1;
      if (record.fields.length !== header.length) {
        report.add({ row: record.line, column: "", message: `This row has ${record.fields.length} cells but the header has ${header.length}` });
      } else {
        handler.row(record.line, new RowCells(columns, record.fields));
      }
      if (rows % PROGRESS_EVERY === 0) await options.onProgress?.({ phase: "validating", rows });
    }
  } catch (error) {
    if (!(error instanceof CsvRefused)) throw error;
    const column = error.fieldIndex !== undefined && header ? (header[error.fieldIndex] ?? "") : "";
    const refused = new UploadReport();
    refused.add({ row: error.line ?? null, column, message: error.message });
    return refused.failed(`The file could not be read: ${error.message}`);
  }
  if (header === null || rows === 0) {
    report.add({ row: null, column: "", message: "The file has no rows under the header." });
    return report.failed("The file has no rows to upload.");
  }
  await options.onProgress?.({ phase: "validating", rows });
  if (report.count > 0) {
    return report.failed(`Nothing was saved: ${report.count.toLocaleString("en-GB")} ${report.count === 1 ? "problem was" : "problems were"} found. Correct the file and upload all of it again.`);
  }
  return { phase: "read", rows };
}
