import type { ReactNode } from "react";
import type { ActionState } from "@/lib/actions";
import { ErrorSummary } from "./error-summary";

type Failure = Extract<ActionState<unknown>, { ok: false }>;

type ActionStateFormProps = {
  /** The action `useActionState` returned. */
  action: (formData: FormData) => void;
  /** The form's accessible name. */
  label: string;
  /** The action's refusal, if it refused: summarised above the fields. */
  failed: Failure | null;
  /** The fields in the order they appear, when the summary should follow that order rather than the action's. */
  fieldOrder?: readonly string[];
  children: ReactNode;
};

/**
 * A form whose server action checks every field: the browser's own validation is off, and a
 * refusal comes back as the error summary at the top, linking to each field with a problem.
 */
export function ActionStateForm({ action, label, failed, fieldOrder, children }: ActionStateFormProps) {
  return (
    <form action={action} noValidate aria-label={label}>
      {failed ? <ErrorSummary message={failed.error} fieldErrors={fieldOrder ? inOrder(failed.fieldErrors, fieldOrder) : failed.fieldErrors} /> : null}
      {children}
    </form>
  );
}

function inOrder(errors: Record<string, string>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.flatMap((field) => (errors[field] ? [[field, errors[field]]] : [])));
}
