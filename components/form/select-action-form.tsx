"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ErrorSummary } from "./error-summary";

type SelectActionFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Names the form for assistive technology, e.g. "Role of Sam Jones". */
  label: string;
  name: string;
  options: readonly { value: string; label: string }[];
  defaultValue: string;
  fields?: Record<string, string>;
  submitLabel: string;
};

/** A choice and a button, such as a member's role, with the action's error shown if it fails. */
export function SelectActionForm({ action, label, name, options, defaultValue, fields = {}, submitLabel }: SelectActionFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = `${name}-${Object.values(fields).join("-")}`;
  return (
    <form action={formAction} aria-label={label} className="flex flex-wrap items-end gap-2">
      {state?.ok === false ? <ErrorSummary message={state.error} fieldErrors={{}} /> : null}
      {Object.entries(fields).map(([field, value]) => (
        <input key={field} type="hidden" name={field} value={value} />
      ))}
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      {/* Keyed by the saved value, so the choice shows what the server now holds once it answers. */}
      <select key={defaultValue} id={id} name={name} defaultValue={defaultValue} className="border-2 border-ink bg-white px-2 py-1 focus:outline-3 focus:outline-focus">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <button
        type="submit"
        disabled={pending}
        className="bg-panel px-3 py-1 font-bold hover:bg-rule focus:bg-focus focus:outline-3 focus:outline-focus disabled:opacity-60"
      >
        {submitLabel}
      </button>
    </form>
  );
}
