import type { ReactNode } from "react";

type FieldFrameProps = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** The control, given the ids that describe it. */
  children: (describedBy: string | undefined) => ReactNode;
};

/** The GOV.UK frame of a form field: label, hint, error message, and a red bar while in error. */
export function FieldFrame({ id, label, hint, error, children }: FieldFrameProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`}>
      <label htmlFor={id} className="block text-lg font-bold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="font-bold text-error">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      {children(describedBy)}
    </div>
  );
}

/** The border of a control: red while its field is in error. */
export function controlClass(error: string | undefined): string {
  return `mt-1 block w-full max-w-md border-2 ${error ? "border-error" : "border-ink"} bg-white px-2 py-1.5 text-lg focus:outline-3 focus:outline-offset-0 focus:outline-focus`;
}
