"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ActionStateForm } from "@/components/form/action-state-form";
import { SubmitButton } from "@/components/form/submit-button";
import { TextField } from "@/components/form/text-field";

export function PasswordChangeForm({ action }: { action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  return (
    <ActionStateForm action={formAction} label="Change your password" failed={failed}>
      <TextField id="currentPassword" label="Current password" type="password" autoComplete="current-password" error={failed?.fieldErrors.currentPassword} />
      <TextField
        id="newPassword"
        label="New password"
        hint="At least 12 characters. A few unrelated words make a good password; avoid common ones."
        type="password"
        autoComplete="new-password"
        error={failed?.fieldErrors.newPassword}
      />
      <SubmitButton>Change password</SubmitButton>
    </ActionStateForm>
  );
}
