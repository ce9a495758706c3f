"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ActionStateForm } from "@/components/form/action-state-form";
import { SubmitButton } from "@/components/form/submit-button";
import { TextField } from "@/components/form/text-field";

type NewAccountFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  token: string;
  email: string;
};

/** The fields in the order they appear, which the error summary follows. */
const FIELDS = ["displayName", "password", "confirmPassword"];

/** A newcomer's name and password, to accept an invitation. The authenticator app comes at first sign-in. */
export function NewAccountForm({ action, token, email }: NewAccountFormProps) {
  const [state, formAction] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  const errors = failed?.fieldErrors ?? {};
  return (
    <ActionStateForm action={formAction} label="Create your account" failed={failed} fieldOrder={FIELDS}>
      <input type="hidden" name="token" value={token} />
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
      <TextField
        id="displayName"
        label="Full name"
        hint="Other people in the portal see this name."
        autoComplete="name"
        spellCheck={false}
        defaultValue={failed?.values.displayName ?? ""}
        error={errors.displayName}
      />
      <TextField
        id="password"
        label="Password"
        hint="At least 12 characters. A few unrelated words together make a strong one. Avoid common passwords and your name."
        type="password"
        autoComplete="new-password"
        error={errors.password}
      />
      <TextField
        id="confirmPassword"
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword}
      />
      <SubmitButton pendingLabel="Creating your account…">Create account</SubmitButton>
    </ActionStateForm>
  );
}
