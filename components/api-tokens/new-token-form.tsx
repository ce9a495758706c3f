"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ActionStateForm } from "@/components/form/action-state-form";
import { SelectField } from "@/components/form/select-field";
import { SubmitButton } from "@/components/form/submit-button";
import { TextField } from "@/components/form/text-field";

type Scope = "submit" | "read" | "shared_read";

type NewTokenFormProps = {
  action: (state: ActionState<{ token: string; name: string }>, formData: FormData) => Promise<ActionState<{ token: string; name: string }>>;
  /** The scopes the viewer's role may give a token, in the order offered; the first is ticked to begin with. */
  scopes: readonly Scope[];
};

const SCOPE_LABELS: Record<Scope, string> = {
  submit: "Submit disclosures",
  read: "Read the organisation's disclosures",
  shared_read: "Read the partner data shared with the organisation, as you may",
};

const EXPIRY = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "180", label: "180 days" },
  { value: "365", label: "1 year" },
];

/** Creates a token and shows its secret once, with the warning that it will not be shown again. */
export function NewTokenForm({ action, scopes: offered }: NewTokenFormProps) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) {
    return (
      <div role="status" className="space-y-2 border-4 border-success p-4">
        <h3 className="text-xl font-bold">Token created: {state.data.name}</h3>
        <p>
          Copy it now into the system that will use it. <strong>It will not be shown again.</strong>
        </p>
        <p className="font-mono text-lg break-all" aria-label="The new token">
          {state.data.token}
        </p>
      </div>
    );
  }
  const failed = state?.ok === false ? state : null;
  // After a refusal, the boxes ticked when it was sent; at first, the first scope offered.
  const ticked = (scope: string, index: number) => (failed ? (failed.lists.scopes ?? []).includes(scope) : index === 0);
  return (
    <ActionStateForm action={formAction} label="Create an API token" failed={failed}>
      <TextField id="name" label="Name" hint="The system that will use it, such as your case-management system." defaultValue={failed?.values.name ?? ""} error={failed?.fieldErrors.name} />
      <fieldset className={`mb-6 ${failed?.fieldErrors.scopes ? "border-l-4 border-error pl-4" : ""}`} aria-describedby={failed?.fieldErrors.scopes ? "scopes-error" : undefined}>
        <legend className="text-lg font-bold">What it may do</legend>
        {failed?.fieldErrors.scopes ? (
          <p id="scopes-error" className="font-bold text-error">
            <span className="sr-only">Error: </span>
            {failed.fieldErrors.scopes}
          </p>
        ) : null}
        <div className="mt-1 space-y-1">
          {offered.map((scope, index) => (
            <label key={scope} className="flex items-center gap-2" id={index === 0 ? "scopes" : undefined}>
              <input type="checkbox" name="scopes" value={scope} defaultChecked={ticked(scope, index)} className="size-5" />
              {SCOPE_LABELS[scope]}
            </label>
          ))}
        </div>
      </fieldset>
      <SelectField id="expiresInDays" label="Expires after" options={EXPIRY} defaultValue={failed?.values.expiresInDays ?? "90"} error={failed?.fieldErrors.expiresInDays} />
      <SubmitButton>Create token</SubmitButton>
    </ActionStateForm>
  );
}
