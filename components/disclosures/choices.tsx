import type { ReactNode } from "react";

type Choice = { readonly code: string; readonly label: string };

/**
 * A question revealed by one choice (GOV.UK conditional reveal): drawn right after that choice,
 * inset with a left border, and tied to it by `aria-controls` (and, on a checkbox, `aria-expanded`,
 * which ARIA does not allow on a radio) so a screen reader announces it. `hidden` is set only once scripts run: without them every question shows.
 */
export type Conditional = { choice: string; id: string; expanded: boolean; hidden: boolean; content: ReactNode };

type ChoicesProps = {
  /** The field's name; the first control's id, so the error summary can link to it. */
  name: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  choices: readonly Choice[];
  /** Lay short lists out in a row. */
  inline?: boolean;
  hidden?: boolean;
  conditionals?: readonly Conditional[];
  children?: ReactNode;
};

type RadiosProps = ChoicesProps & { value: string };
type CheckboxesProps = ChoicesProps & { values: readonly string[] };

/** A GOV.UK radio group: one answer, in a fieldset whose legend asks the question. */
export function Radios({ value, ...props }: RadiosProps) {
  return <ChoiceGroup {...props} type="radio" isChecked={(code) => code === value} />;
}

/** A GOV.UK checkbox group: any number of answers. */
export function Checkboxes({ values, ...props }: CheckboxesProps) {
  return <ChoiceGroup {...props} type="checkbox" isChecked={(code) => values.includes(code)} />;
}

/** The id of a choice: the first takes the field's name so an error link lands on it. */
export function choiceId(name: string, code: string, index: number): string {
  return index === 0 ? name : `${name}-${code}`;
}

function ChoiceGroup({
  name,
  legend,
  hint,
  error,
  choices,
  inline,
  hidden,
  conditionals = [],
  children,
  type,
  isChecked,
}: ChoicesProps & { type: "radio" | "checkbox"; isChecked: (code: string) => boolean }) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`}
      aria-describedby={describedBy}
      hidden={hidden}
      disabled={hidden}
    >
      <legend className="text-lg font-bold">{legend}</legend>
      {hint ? (
        <p id={`${name}-hint`} className="text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="font-bold text-error">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      <div className={inline ? "mt-2 flex flex-wrap gap-x-6 gap-y-2" : "mt-2 space-y-2"}>
        {choices.map((choice, index) => {
          const id = choiceId(name, choice.code, index);
          const conditional = conditionals.find((entry) => entry.choice === choice.code);
          return (
            <div key={choice.code} className={conditional && inline ? "basis-full" : undefined}>
              <div className="flex items-center gap-2">
                <input
                  id={id}
                  type={type}
                  name={name}
                  value={choice.code}
                  defaultChecked={isChecked(choice.code)}
                  aria-controls={conditional ? conditional.id : undefined}
                  {...expandedState(type, conditional)}
                  className="size-6 shrink-0 accent-ink focus:outline-3 focus:outline-focus"
                />
                <label htmlFor={id} className="text-lg">
                  {choice.label}
                </label>
              </div>
              {conditional ? <ConditionalPanel conditional={conditional} /> : null}
            </div>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}

/** The inset panel of a conditional question, under the choice that reveals it. */
export function ConditionalPanel({ conditional }: { conditional: Pick<Conditional, "id" | "hidden" | "content"> }) {
  return (
    <div id={conditional.id} hidden={conditional.hidden} className="mt-3 mb-2 ml-3 border-l-4 border-rule pl-6">
      {conditional.content}
    </div>
  );
}

function expandedState(type: "radio" | "checkbox", conditional: Conditional | undefined): { "aria-expanded"?: boolean } {
  return type === "checkbox" && conditional ? { "aria-expanded": conditional.expanded } : {};
}
