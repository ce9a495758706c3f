"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

/** The form's main button; it says so while the form is being sent and cannot be sent twice. */
export function SubmitButton({ children, pendingLabel }: { children: ReactNode; pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="bg-action px-4 py-2 text-lg font-bold text-white shadow-[0_2px_0_var(--color-action-shadow)] hover:bg-action-hover focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus disabled:opacity-60"
    >
      {pending ? (pendingLabel ?? "Please wait…") : children}
    </button>
  );
}
