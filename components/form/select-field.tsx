import type { SelectHTMLAttributes } from "react";
import { FieldFrame, controlClass } from "./field-frame";

export type SelectOption = { value: string; label: string };

type SelectFieldProps = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  options: readonly SelectOption[];
  /** Shown first with an empty value when nothing is chosen yet. */
  placeholder?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id">;

/** A labelled drop-down with its hint and error, wired together for assistive technology. */
export function SelectField({ id, label, hint, error, options, placeholder, ...select }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={controlClass(error)} {...select}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
