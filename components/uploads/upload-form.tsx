"use client";

import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { controlClass } from "@/components/form/field-frame";
import { toCsv } from "@/lib/uploads/csv-write";
import { errorReportRows, UPLOAD_LIMITS, type UploadEvent } from "@/lib/uploads/events";
import { DataTable } from "@/components/data-table";

type Kind = "disclosures" | "recorded-crime";

type UploadFormProps = {
  /** The route handler that takes the file and streams progress back. */
  endpoint: string;
  kind: Kind;
};

type Status =
  | { phase: "idle" }
  | { phase: "uploading" }
  | Extract<UploadEvent, { phase: "validating" | "saving" | "done" | "failed" }>;

const MAX_MB = UPLOAD_LIMITS.maxBytes / (1024 * 1024);

/**
 * Sends a CSV file to its route handler and shows how far it has got: progress in a live region,
 * then either what was saved or every error by row and column, with the report as a download.
 */
export function UploadForm({ endpoint, kind }: UploadFormProps) {
  const [status, setStatus] = useState<Status>({ phase: "idle" });
  const [fileError, setFileError] = useState<string | null>(null);
  const busy = status.phase === "uploading" || status.phase === "validating" || status.phase === "saving";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) {
      setFileError(file instanceof File && file.name ? "The chosen file is empty" : "Choose a CSV file to upload");
      return;
    }
    if (file.size > UPLOAD_LIMITS.maxBytes) {
      setFileError(`Choose a file of ${MAX_MB} MB or less, or split it into smaller files`);
      return;
    }
    setFileError(null);
    setStatus({ phase: "uploading" });
    setStatus(await send(endpoint, file, setStatus));
  }

  return (
    <div className="space-y-6">
      <form aria-label="Upload a CSV file" onSubmit={onSubmit} noValidate>
        {fileError ? <FileErrorSummary message={fileError} /> : null}
        <div className={`mb-6 ${fileError ? "border-l-4 border-error pl-4" : ""}`}>
          <label htmlFor="file" className="block text-lg font-bold">
            CSV file
          </label>
          <p id="file-hint" className="text-muted">
            UTF-8 CSV, up to {MAX_MB} MB and {UPLOAD_LIMITS.maxDataRows.toLocaleString("en-GB")} rows.
          </p>
          {fileError ? (
            <p id="file-error" className="font-bold text-error">
              <span className="sr-only">Error: </span>
              {fileError}
            </p>
          ) : null}
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
            aria-invalid={fileError ? true : undefined}
            className={controlClass(fileError ?? undefined)}
          />
        </div>
        <button
          type="submit"
          disabled={busy}
          className="bg-action px-4 py-2 text-lg font-bold text-white shadow-[0_2px_0_var(--color-action-shadow)] hover:bg-action-hover focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus disabled:opacity-60"
        >
          {busy ? "Uploading…" : "Upload and check"}
        </button>
      </form>

      <div role="status" aria-live="polite" className={status.phase === "idle" || status.phase === "failed" ? "sr-only" : "border-l-4 border-success pl-4 font-bold"}>
        {progressText(status, kind)}
      </div>
      {status.phase === "saving" ? <progress aria-label="Rows saved" max={status.total} value={status.saved} className="w-full max-w-md" /> : null}
      {status.phase === "failed" ? <ErrorReport status={status} /> : null}
    </div>
  );
}

async function send(endpoint: string, file: File, onEvent: (status: Status) => void): Promise<Status> {
  let response: Response;
  try {
    response = await fetch(endpoint, { method: "POST", body: file, headers: { "content-type": "text/csv", "x-file-name": encodeURIComponent(file.name) }, credentials: "same-origin" });
  } catch {
    return failed("The file could not be sent. Check your connection and try again.");
  }
  if (!response.body) return failed("The portal did not answer. Try again.");
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let last: Status | null = null;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (value) buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line !== "") {
          last = JSON.parse(line) as Status;
          if (last.phase === "validating" || last.phase === "saving") onEvent(last);
        }
        newline = buffer.indexOf("\n");
      }
      if (done) break;
    }
  } catch {
    return failed("The connection ended before the portal finished. Check your disclosures before uploading again: rows with a partner reference are never added twice.");
  }
  if (last?.phase === "done" || last?.phase === "failed") return last;
  return failed("The portal stopped answering before it finished. Nothing may have been saved; check before uploading again.");
}

function failed(message: string): Status {
  return { phase: "failed", message, errors: [], errorCount: 0 };
}

function progressText(status: Status, kind: Kind): string {
  const n = (value: number) => value.toLocaleString("en-GB");
  switch (status.phase) {
    case "idle":
      return "";
    case "uploading":
      return "Uploading the file…";
    case "validating":
      return `Checking the file: ${n(status.rows)} ${status.rows === 1 ? "row" : "rows"} checked…`;
    case "saving":
      return `Saving: ${n(status.saved)} of ${n(status.total)} rows saved…`;
    case "failed":
      return `Upload failed. ${status.message}`;
    case "done": {
      if (kind === "recorded-crime") {
        return `Upload complete: ${n(status.added)} ${status.added === 1 ? "return" : "returns"} added and ${n(status.updated)} updated.`;
      }
      const skipped = status.alreadySubmitted.length;
      return `Upload complete: ${n(status.added)} ${status.added === 1 ? "disclosure" : "disclosures"} added.${
        skipped > 0 ? ` ${n(skipped)} ${skipped === 1 ? "row was" : "rows were"} already submitted and skipped (${rowList(status.alreadySubmitted)}).` : ""
      }`;
    }
  }
}

function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 20).map((row) => `row ${row}`).join(", ");
  return rows.length > 20 ? `${shown} and ${rows.length - 20} more` : shown;
}

function FileErrorSummary({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [message]);
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby="file-error-summary-title" className="mb-8 border-4 border-error p-4 focus:outline-3 focus:outline-focus">
      <h2 id="file-error-summary-title" className="text-xl font-bold">
        There is a problem
      </h2>
      <ul className="mt-2">
        <li>
          <a href="#file" className="font-bold text-error visited:text-error">
            {message}
          </a>
        </li>
      </ul>
    </div>
  );
}

/** Every error by row and column, focused when it appears, with the same list as a CSV download. */
function ErrorReport({ status }: { status: Extract<Status, { phase: "failed" }> }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [status]);
  // A data: address needs no clean-up, unlike an object URL, and the report is small (at most 2,000 errors).
  const href = useMemo(
    () => (status.errors.length > 0 ? `data:text/csv;charset=utf-8,${encodeURIComponent(toCsv(errorReportRows(status.errors)))}` : null),
    [status],
  );
  const hidden = status.errorCount - status.errors.length;
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby="upload-report-title" className="border-4 border-error p-4 focus:outline-3 focus:outline-focus">
      <div role="alert">
        <h2 id="upload-report-title" className="text-xl font-bold">
          There is a problem with the file
        </h2>
        <p className="mt-2 font-bold text-error">{status.message}</p>
      </div>
      {status.errors.length > 0 ? (
        <>
          {href ? (
            <p className="mt-4">
              <a href={href} download="upload-errors.csv">
                Download the error report (CSV)
              </a>
            </p>
          ) : null}
          <DataTable caption="Errors in the file by row and column" columns={["Row", "Column", "Problem"]} className="mt-4">
            {status.errors.map((error, index) => (
              <tr key={index} className="border-b border-rule align-top">
                <td className="py-2 pr-4">{error.row ?? "—"}</td>
                <td className="py-2 pr-4">
                  <code>{error.column || "(whole row)"}</code>
                </td>
                <td className="py-2">{error.message}</td>
              </tr>
            ))}
          </DataTable>
          {hidden > 0 ? <p className="mt-2">and {hidden.toLocaleString("en-GB")} more errors not shown. Correct these first, then upload again.</p> : null}
        </>
      ) : null}
    </section>
  );
}
