"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ErrorSummary } from "@/components/form/error-summary";
import { SubmitButton } from "@/components/form/submit-button";

type Joined = { organisationName: string; roleLabel: string };

type JoinFormProps = {
  action: (state: ActionState<Joined>, formData: FormData) => Promise<ActionState<Joined>>;
  token: string;
  organisationName: string;
};

/** For someone who already has an account: one button to accept, then what they joined. */
export function JoinForm({ action, token, organisationName }: JoinFormProps) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) {
    return (
      <div role="status" className="space-y-2 border-l-4 border-success pl-4">
        <h2 className="text-2xl font-bold">You have joined {state.data.organisationName}</h2>
        <p>Your role there is {state.data.roleLabel.toLowerCase()}.</p>
        <p>
          <Link href="/">Go to the home page</Link>
        </p>
      </div>
    );
  }
  const failed = state?.ok === false ? state : null;
  return (
    <form action={formAction} aria-label="Accept the invitation">
      {failed ? <ErrorSummary message={failed.error} fieldErrors={{}} /> : null}
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingLabel="Joining…">Join {organisationName}</SubmitButton>
    </form>
  );
}
