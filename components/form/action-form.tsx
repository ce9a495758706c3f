"use client";

import type { ReactNode } from "react";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ErrorSummary } from "./error-summary";

type ActionFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden inputs naming what the action is about. */
  fields?: Record<string, string>;
  label: string;
  children: ReactNode;
  variant?: "primary" | "secondary" | "warning";
};

const VARIANTS = {
  primary: "bg-action text-white hover:bg-action-hover",
  secondary: "bg-panel text-ink hover:bg-rule",
  warning: "bg-error text-white hover:bg-[#aa2a16]",
} as const;

/** A one-button form for an action such as "End session", with its error shown if it fails. */
export function ActionForm({ action, fields = {}, label, children, variant = "secondary" }: ActionFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={label}>
      {state?.ok === false ? <ErrorSummary message={state.error} fieldErrors={{}} /> : null}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        disabled={pending}
        className={`px-3 py-1.5 font-bold focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus disabled:opacity-60 ${VARIANTS[variant]}`}
      >
        {children}
      </button>
    </form>
  );
}
