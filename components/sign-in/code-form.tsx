"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ActionStateForm } from "@/components/form/action-state-form";
import { SubmitButton } from "@/components/form/submit-button";
import { TextField } from "@/components/form/text-field";
import { TitledSection } from "@/components/titled-section";

type CodeFormProps = {
  action: (state: ActionState<{ recoveryCodes: string[] }>, formData: FormData) => Promise<ActionState<{ recoveryCodes: string[] }>>;
  label: string;
  hint: string;
  next: string;
  submitLabel?: string;
};

/**
 * Asks for the code from the authenticator app (or a recovery code). After an enrolment the
 * same form shows the new recovery codes, once, before the person continues.
 */
export function CodeForm({ action, label, hint, next, submitLabel = "Sign in" }: CodeFormProps) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok && state.data.recoveryCodes.length > 0) {
    return <RecoveryCodes codes={state.data.recoveryCodes} next={next} />;
  }
  const failed = state?.ok === false ? state : null;
  return (
    <ActionStateForm action={formAction} label="Security code" failed={failed}>
      <input type="hidden" name="next" value={next} />
      <TextField
        id="code"
        label={label}
        hint={hint}
        inputMode="text"
        autoComplete="one-time-code"
        spellCheck={false}
        className="max-w-xs font-mono tracking-widest"
        error={failed?.fieldErrors.code}
      />
      <SubmitButton pendingLabel="Checking…">{submitLabel}</SubmitButton>
    </ActionStateForm>
  );
}

function RecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  return (
    <TitledSection id="recovery-codes-title" title="Save your recovery codes" className="space-y-4">
      <p>
        Each code lets you sign in once if you lose your phone. Keep them somewhere safe, such as a password
        manager. They will not be shown again.
      </p>
      <ul className="grid max-w-md grid-cols-1 gap-1 border-2 border-ink bg-panel p-4 font-mono text-lg sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <p>
        <Link href={next} className="font-bold">
          I have saved my recovery codes — continue
        </Link>
      </p>
    </TitledSection>
  );
}
