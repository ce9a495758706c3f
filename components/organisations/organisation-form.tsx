"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ErrorSummary } from "@/components/form/error-summary";
import { SubmitButton } from "@/components/form/submit-button";
import { TextField } from "@/components/form/text-field";

type Option = { value: string; label: string };

type OrganisationFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  types: readonly Option[];
  forceAreas: readonly (Option & { localAuthorities: readonly Option[] })[];
  initial?: { id?: string; name: string; type: string; forceAreaCode: string; ladCodes: readonly string[] };
  submitLabel: string;
};

export function OrganisationForm({ action, types, forceAreas, initial, submitLabel }: OrganisationFormProps) {
  const [state, formAction] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  const value = (name: string, fallback: string) => failed?.values[name] ?? fallback;
  const fieldError = (name: string) => failed?.fieldErrors[name];
  return (
    <form action={formAction} noValidate aria-label="Organisation">
      {failed ? <ErrorSummary message={failed.error} fieldErrors={failed.fieldErrors} /> : null}
      {initial?.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <TextField id="name" label="Name" defaultValue={value("name", initial?.name ?? "")} error={fieldError("name")} />
      <Choice id="type" label="Type" options={types} defaultValue={value("type", initial?.type ?? "")} error={fieldError("type")} />
      <Choice
        id="forceAreaCode"
        label="Police force area"
        hint="Leave empty for the national coordinator."
        options={[{ value: "", label: "None" }, ...forceAreas]}
        defaultValue={value("forceAreaCode", initial?.forceAreaCode ?? "")}
        error={fieldError("forceAreaCode")}
      />
      <div className={`mb-6 ${fieldError("ladCodes") ? "border-l-4 border-error pl-4" : ""}`}>
        <label htmlFor="ladCodes" className="block text-lg font-bold">
          Local authorities (optional)
        </label>
        <p id="ladCodes-hint" className="text-muted">
          Only if the organisation serves part of its force area. Hold Ctrl or Cmd to choose several.
        </p>
        {fieldError("ladCodes") ? (
          <p id="ladCodes-error" className="font-bold text-error">
            <span className="sr-only">Error: </span>
            {fieldError("ladCodes")}
          </p>
        ) : null}
        <select
          id="ladCodes"
          name="ladCodes"
          multiple
          size={8}
          defaultValue={[...(initial?.ladCodes ?? [])]}
          aria-describedby={`ladCodes-hint${fieldError("ladCodes") ? " ladCodes-error" : ""}`}
          className="mt-1 block w-full max-w-md border-2 border-ink bg-white"
        >
          {forceAreas.map((area) => (
            <optgroup key={area.value} label={area.label}>
              {area.localAuthorities.map((authority) => (
                <option key={authority.value} value={authority.value}>
                  {authority.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}

function Choice({ id, label, hint, options, defaultValue, error }: { id: string; label: string; hint?: string; options: readonly Option[]; defaultValue: string; error?: string }) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`}>
      <label htmlFor={id} className="block text-lg font-bold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="font-bold text-error">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <select id={id} name={id} defaultValue={defaultValue} aria-describedby={describedBy} className="mt-1 block border-2 border-ink bg-white px-2 py-1.5 text-lg">
        {defaultValue === "" && !options.some((option) => option.value === "") ? <option value="">Choose…</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
