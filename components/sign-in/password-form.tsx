"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ActionStateForm } from "@/components/form/action-state-form";
import { SubmitButton } from "@/components/form/submit-button";
import { TextField } from "@/components/form/text-field";

type PasswordFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  next: string;
};

export function PasswordForm({ action, next }: PasswordFormProps) {
  const [state, formAction] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  return (
    <ActionStateForm action={formAction} label="Sign in" failed={failed}>
      <input type="hidden" name="next" value={next} />
      <TextField
        id="email"
        label="E-mail address"
        type="email"
        autoComplete="username"
        spellCheck={false}
        defaultValue={failed?.values.email ?? ""}
        error={failed?.fieldErrors.email}
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={failed?.fieldErrors.password}
      />
      <SubmitButton pendingLabel="Checking…">Continue</SubmitButton>
    </ActionStateForm>
  );
}
