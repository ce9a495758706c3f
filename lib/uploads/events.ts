/**
 * What an upload's progress stream says, one JSON object a line (NDJSON), and the error report.
 * Shared by the route handlers that write it and the page that reads it; pure, for the browser too.
 */

/** One problem in an uploaded file. `row` is the line it starts on (the header is row 1); `column` is "" for the whole row or file. */
export type UploadError = { row: number | null; column: string; message: string };

export type UploadEvent =
  | { phase: "validating"; rows: number }
  | { phase: "saving"; saved: number; total: number }
  | {
      phase: "done";
      /** Data rows read from the file. */
      rows: number;
      added: number;
      /** Recorded-crime returns already held for the same key, now replaced. */
      updated: number;
      /** Rows skipped because their partner reference already names a live disclosure. */
      alreadySubmitted: number[];
    }
  | {
      phase: "failed";
      message: string;
      /** The first errors found, in file order (at most MAX_REPORTED_ERRORS). */
      errors: UploadError[];
      /** How many errors there were in all. */
      errorCount: number;
    };

export const MAX_REPORTED_ERRORS = 2_000;

/** The limits on an uploaded file, checked while it streams in. */
export const UPLOAD_LIMITS = { maxBytes: 20 * 1024 * 1024, maxDataRows: 50_000, maxRowChars: 1_000_000, maxColumns: 200 } as const;

/** Progress is reported every this many rows. */
export const PROGRESS_EVERY = 500;

/** The error report as CSV rows, header first. */
export function errorReportRows(errors: readonly UploadError[]): string[][] {
  return [["row", "column", "message"], ...errors.map((error) => [error.row === null ? "" : String(error.row), error.column, error.message])];
}
