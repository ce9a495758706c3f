"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ActionStateForm } from "@/components/form/action-state-form";
import { SubmitButton } from "@/components/form/submit-button";
import { TextField } from "@/components/form/text-field";

/** Asks for the current password again before the authenticator can be replaced. */
export function ReauthenticateForm({ action }: { action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  return (
    <ActionStateForm action={formAction} label="Set up a new authenticator" failed={failed}>
      <TextField id="password" label="Current password" type="password" autoComplete="current-password" error={failed?.fieldErrors.password} />
      <SubmitButton>Continue</SubmitButton>
    </ActionStateForm>
  );
}
