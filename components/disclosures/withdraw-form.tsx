"use client";

import { useActionState } from "react";
import { ActionStateForm } from "@/components/form/action-state-form";
import { FieldFrame, controlClass } from "@/components/form/field-frame";
import type { ActionState } from "@/lib/actions";

type WithdrawFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  id: string;
};

/** Asks for the reason a disclosure is withdrawn; what was typed comes back with any error. */
export function WithdrawForm({ action, id }: WithdrawFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  const error = failed?.fieldErrors.reason;
  return (
    <ActionStateForm action={formAction} label="Withdraw disclosure" failed={failed}>
      <input type="hidden" name="id" value={id} />
      <FieldFrame id="reason" label="Why is it being withdrawn?" hint="For example, entered in error or sent twice. No personal details." error={error}>
        {(describedBy) => (
          <textarea
            id="reason"
            name="reason"
            rows={4}
            defaultValue={failed?.values.reason ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className={controlClass(error)}
          />
        )}
      </FieldFrame>
      <button
        type="submit"
        disabled={pending}
        className="bg-error px-4 py-2 text-lg font-bold text-white hover:bg-[#aa2a16] focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus disabled:opacity-60"
      >
        Withdraw disclosure
      </button>
    </ActionStateForm>
  );
}
