"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ActionStateForm } from "@/components/form/action-state-form";
import { SubmitButton } from "@/components/form/submit-button";
import { TextField } from "@/components/form/text-field";

type SignFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  agreementId: string;
  /** The SHA-256 of the terms on the page: the signature is refused if they have changed since. */
  termsSha256: string;
  defaultName: string;
  organisationName: string;
};

/** Signing for the organisation: the signer's name and job title, and the terms they read. */
export function SignForm({ action, agreementId, termsSha256, defaultName, organisationName }: SignFormProps) {
  const [state, formAction] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  return (
    <ActionStateForm action={formAction} label="Sign the agreement" failed={failed} fieldOrder={["signerName", "signerTitle"]}>
      <input type="hidden" name="id" value={agreementId} />
      <input type="hidden" name="termsSha256" value={termsSha256} />
      <TextField id="signerName" label="Your full name" autoComplete="name" defaultValue={failed?.values.signerName ?? defaultName} error={failed?.fieldErrors.signerName} />
      <TextField id="signerTitle" label="Your job title" autoComplete="organization-title" defaultValue={failed?.values.signerTitle ?? ""} error={failed?.fieldErrors.signerTitle} />
      <p className="mb-6 max-w-2xl">
        By signing, you agree to these terms on behalf of {organisationName}. Your name, job title, the time and a
        fingerprint of the exact text above (SHA-256 <code className="break-all">{termsSha256}</code>) are recorded.
      </p>
      <SubmitButton>Sign on behalf of {organisationName}</SubmitButton>
    </ActionStateForm>
  );
}
