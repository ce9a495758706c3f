"use client";

import { useEffect, useRef } from "react";

type ErrorSummaryProps = {
  message: string;
  /** Field errors by field id, in the order the fields appear. */
  fieldErrors: Record<string, string>;
  /** The heading's id, when another form's summary may show on the same page. */
  titleId?: string;
  /** Where each field's link goes, when a field is on another page (the answers checked before submitting). */
  hrefOf?: (field: string) => string;
};

/**
 * The GOV.UK error summary: announced, focused when it appears, and linking to each field
 * with a problem so keyboard and screen-reader users reach it directly.
 */
export function ErrorSummary({ message, fieldErrors, titleId = "error-summary-title", hrefOf = (field) => `#${field}` }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [message, fieldErrors]);
  const entries = Object.entries(fieldErrors);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={titleId}
      className="mb-8 border-4 border-error p-4 focus:outline-3 focus:outline-focus"
    >
      <h2 id={titleId} className="text-xl font-bold">
        There is a problem
      </h2>
      {entries.length > 0 ? (
        <ul className="mt-2 space-y-1">
          {entries.map(([field, fieldMessage]) => (
            <li key={field}>
              <a href={hrefOf(field)} className="font-bold text-error visited:text-error">
                {fieldMessage}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 font-bold text-error">{message}</p>
      )}
    </div>
  );
}
