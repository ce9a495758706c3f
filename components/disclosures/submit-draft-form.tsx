"use client";

import Link from "next/link";
import { useActionState, useEffect, useMemo, useRef } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import type { ActionState } from "@/lib/actions";
import { FORM_FIELD_ORDER } from "@/lib/disclosures/form-data";
import { sectionOfField, sectionSlug } from "@/lib/disclosures/sections";
import type { DisclosureResult } from "./disclosure-form";

type SubmitDraftFormProps = {
  action: (state: ActionState<DisclosureResult>, formData: FormData) => Promise<ActionState<DisclosureResult>>;
  /** Hidden inputs naming what is submitted: the draft, or the disclosure a correction replaces. */
  fields: Record<string, string>;
  /** Where the section pages are: `/disclosures/<draft>/edit` or `/disclosures/<id>/correct`. */
  sectionsHref: string;
  /** The form's accessible name and its button. */
  label: string;
  submitLabel: string;
};

/**
 * The last step of "Check your answers": submits the draft (or the correction) as saved. What the
 * whole-disclosure check finds missing is listed with links to the section page of each answer.
 */
export function SubmitDraftForm({ action, fields, sectionsHref, label, submitLabel }: SubmitDraftFormProps) {
  const [state, dispatch, pending] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  const duplicateOf = state?.ok === true ? state.data.duplicateOf : undefined;
  const duplicateRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (duplicateOf) duplicateRef.current?.focus();
  }, [duplicateOf, state]);
  // Stable per response, so the summary takes focus when it appears, not on every render.
  const fieldErrors = useMemo(() => {
    const rank = (field: string) => (FORM_FIELD_ORDER.indexOf(field) + FORM_FIELD_ORDER.length + 1) % (FORM_FIELD_ORDER.length + 1);
    return Object.fromEntries(Object.entries(failed?.fieldErrors ?? {}).sort(([a], [b]) => rank(a) - rank(b)));
  }, [failed]);
  const hrefOf = (field: string) => {
    const section = sectionOfField(field);
    return section ? `${sectionsHref}/${sectionSlug(section)}?return=check#${field}` : `#${field}`;
  };
  return (
    <form action={dispatch} noValidate aria-label={label} className="space-y-6">
      {failed ? <ErrorSummary message={failed.error} fieldErrors={fieldErrors} hrefOf={hrefOf} /> : null}
      {duplicateOf ? (
        <div ref={duplicateRef} tabIndex={-1} role="alert" aria-labelledby="duplicate-title" className="border-4 border-error p-4 focus:outline-3 focus:outline-focus">
          <h2 id="duplicate-title" className="text-xl font-bold">
            This partner reference has already been used
          </h2>
          <p className="mt-2">A disclosure with the same partner reference has already been sent. Correct it instead of sending it again.</p>
          <p className="mt-2">
            <Link href={`/disclosures/${duplicateOf}/correct`} className="font-bold">
              Correct the existing disclosure
            </Link>
          </p>
        </div>
      ) : null}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        className="bg-action px-4 py-2 text-lg font-bold text-white shadow-[0_2px_0_var(--color-action-shadow)] hover:bg-action-hover focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus disabled:opacity-60"
      >
        {submitLabel}
      </button>
    </form>
  );
}
