"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { ActionState } from "@/lib/actions";
import { ErrorSummary } from "@/components/form/error-summary";
import { FieldFrame, controlClass } from "@/components/form/field-frame";

type PartiesCsvFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  agreementId: string;
  /** The largest file the action takes; a larger one is refused here, before it is sent. */
  maxBytes: number;
  /** The draft's parties now, as the CSV would give them: the example shown. */
  example: string;
};

const FIELD = "partiesCsv";

/**
 * Fills in a draft's parties from a CSV file, replacing the ones it has. The server checks every
 * row; each problem, by line and column, is shown against the file field.
 */
export function PartiesCsvForm({ action, agreementId, maxBytes, example }: PartiesCsvFormProps) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const failed = state?.ok === false ? state : null;
  const error = tooLarge ?? failed?.fieldErrors[FIELD];
  const kilobytes = Math.round(maxBytes / 1024);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const file = formData.get(FIELD);
    if (file instanceof File && file.size > maxBytes) {
      setTooLarge(`Choose a file of ${kilobytes} KB or less: a CSV of parties needs one short line for each organisation`);
      return;
    }
    setTooLarge(null);
    startTransition(() => dispatch(formData));
  }

  return (
    <form noValidate aria-label="Fill in the parties from a CSV file" onSubmit={onSubmit}>
      {tooLarge || failed ? (
        <ErrorSummary
          titleId="parties-csv-error-summary-title"
          message={tooLarge ?? failed!.error}
          fieldErrors={error ? { [FIELD]: error } : failed!.fieldErrors}
        />
      ) : null}
      <input type="hidden" name="id" value={agreementId} />
      <FieldFrame
        id={FIELD}
        label="CSV file of parties"
        hint={`A header row with the columns organisation, role (provider, recipient or both), contact_name and contact_email, then one row for each party. Organisations are matched by name. The parties of the saved draft are replaced, so save other changes first. Up to ${kilobytes} KB.`}
        error={error}
      >
        {(describedBy) => (
          <input
            id={FIELD}
            name={FIELD}
            type="file"
            accept=".csv,text/csv"
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className={controlClass(error)}
          />
        )}
      </FieldFrame>
      <details className="mb-6">
        <summary className="cursor-pointer font-bold">Example: this draft’s parties as a CSV file</summary>
        <pre className="mt-2 overflow-x-auto bg-panel p-3 text-base">{example}</pre>
      </details>
      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="bg-panel px-4 py-2 text-lg font-bold text-ink hover:bg-rule focus:bg-focus focus:outline-3 focus:outline-focus disabled:opacity-60"
      >
        {pending ? "Reading the file…" : "Replace the parties"}
      </button>
    </form>
  );
}
