"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ActionStateForm } from "@/components/form/action-state-form";
import { FieldFrame, controlClass } from "@/components/form/field-frame";

type ReasonFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  agreementId: string;
  /** The form's name and its button, such as "Suspend the agreement". */
  label: string;
  hint: string;
};

/** A lifecycle step that needs a reason on record: suspension or termination. */
export function ReasonForm({ action, agreementId, label, hint }: ReasonFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  const id = `reason-${label.split(" ")[0]!.toLowerCase()}`;
  return (
    <ActionStateForm action={formAction} label={label} failed={failed ? { ...failed, fieldErrors: renamed(failed.fieldErrors, id) } : null}>
      <input type="hidden" name="id" value={agreementId} />
      <FieldFrame id={id} label="Reason" hint={hint} error={failed?.fieldErrors.reason}>
        {(describedBy) => (
          <textarea id={id} name="reason" rows={3} defaultValue={failed?.values.reason ?? ""} aria-invalid={failed?.fieldErrors.reason ? true : undefined} aria-describedby={describedBy} className={controlClass(failed?.fieldErrors.reason)} />
        )}
      </FieldFrame>
      <button type="submit" disabled={pending} className="bg-error px-3 py-1.5 font-bold text-white hover:bg-[#aa2a16] focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus disabled:opacity-60">
        {label}
      </button>
    </ActionStateForm>
  );
}

/** The reason field's error, linked to this form's own textarea (two reason forms share a page). */
function renamed(errors: Record<string, string>, id: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field === "reason" ? id : field, message]));
}
