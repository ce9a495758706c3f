"use client";

import { useActionState } from "react";
import { ActionStateForm } from "@/components/form/action-state-form";
import { SubmitButton } from "@/components/form/submit-button";
import type { ActionState } from "@/lib/actions";

type DismissRejectionFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  id: string;
  fileName: string;
};

/** Dismissing one refused upload from the dashboard, once the person has dealt with it. */
export function DismissRejectionForm({ action, id, fileName }: DismissRejectionFormProps) {
  const [state, formAction] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  return (
    <ActionStateForm action={formAction} label={`Dismiss the rejected upload ${fileName}`} failed={failed}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton>Dismiss {fileName}</SubmitButton>
    </ActionStateForm>
  );
}
