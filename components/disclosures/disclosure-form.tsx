"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import type { ActionState } from "@/lib/actions";
import { FORM_FIELD_ORDER, formToInput, formValuesOf, multiple, THREAT_AREA_FIELD, type FormValues } from "@/lib/disclosures/form-data";
import { ASKED_QUESTIONS, SECTIONS, applies, givenAnswersOf } from "@/lib/taxonomy";
import { QuestionField, type LocalAuthorityGroup } from "./question-field";
import { ThreatAreasField } from "./threat-areas-field";

export type { LocalAuthorityGroup } from "./question-field";

/** A disclosure saved, or refused because its partner reference names one already sent. */
export type DisclosureResult = { duplicateOf: string };
type DisclosureActionState = ActionState<DisclosureResult>;

type DisclosureFormProps = {
  action: (state: DisclosureActionState, formData: FormData) => Promise<DisclosureActionState>;
  /** A new disclosure, a draft being finished, or a correction of a submitted one. */
  mode: "new" | "draft" | "correct";
  initial?: FormValues;
  /** Hidden inputs naming what the action is about (the draft or the disclosure corrected). */
  fields?: Record<string, string>;
  /** The latest month a disclosure may be for (this month in the UK). */
  maxMonth: string;
  localAuthorities: readonly LocalAuthorityGroup[];
};

/**
 * The disclosure: every question of lib/taxonomy/questions.ts in its section, with the conditional
 * ones shown only when they apply. A hidden question is also disabled, so it is never sent; the
 * server's schema still refuses answers that do not apply. The form is never reset, so nothing
 * typed is lost.
 */
export function DisclosureForm({ action, mode, initial = {}, fields = {}, maxMonth, localAuthorities }: DisclosureFormProps) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [values, setValues] = useState<FormValues>(initial);
  const duplicateRef = useRef<HTMLDivElement>(null);

  const failed = state?.ok === false ? state : null;
  const duplicateOf = state?.ok === true ? state.data.duplicateOf : undefined;
  // Stable per response: the summary takes focus whenever its errors change, not on every keystroke.
  const fieldErrors = useMemo(() => orderErrors(withContextWording(failed?.fieldErrors ?? {})), [failed]);
  const error = (name: string) => fieldErrors[name];

  useEffect(() => {
    if (duplicateOf) duplicateRef.current?.focus();
  }, [duplicateOf, state]);

  const answers = givenAnswersOf(formToInput(values));
  const chosenAreas = multiple(values, THREAT_AREA_FIELD);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : null);
    startTransition(() => dispatch(formData));
  }

  return (
    <form
      noValidate
      aria-label="Disclosure"
      onSubmit={onSubmit}
      onChange={(event) => setValues(formValuesOf(new FormData(event.currentTarget)))}
      className="space-y-8"
    >
      {failed ? <ErrorSummary message={failed.error} fieldErrors={fieldErrors} /> : null}
      {duplicateOf ? (
        <div ref={duplicateRef} tabIndex={-1} role="alert" aria-labelledby="duplicate-title" className="border-4 border-error p-4 focus:outline-3 focus:outline-focus">
          <h2 id="duplicate-title" className="text-xl font-bold">
            This partner reference has already been used
          </h2>
          <p className="mt-2">A disclosure with the same partner reference has already been sent. Correct it instead of sending it again.</p>
          <p className="mt-2">
            <Link href={`/disclosures/${duplicateOf}/correct`} className="font-bold">
              Correct the existing disclosure
            </Link>
          </p>
        </div>
      ) : null}
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}

      {SECTIONS.map((section) => (
        <Section key={section} legend={section}>
          {ASKED_QUESTIONS.filter((question) => question.section === section).map((question) =>
            question.kind === "threat_areas" ? (
              <ThreatAreasField key={question.code} question={question} initial={initial} answers={answers} chosen={chosenAreas} error={error} />
            ) : (
              <QuestionField
                key={question.code}
                question={question}
                initial={initial}
                error={error(question.code)}
                hidden={"condition" in question && applies(question.condition, answers) !== "yes"}
                maxMonth={maxMonth}
                localAuthorities={localAuthorities}
              />
            ),
          )}
        </Section>
      ))}

      <div className="flex flex-wrap gap-4">
        <button
          type="submit"
          name="intent"
          value="submit"
          disabled={pending}
          className="bg-action px-4 py-2 text-lg font-bold text-white shadow-[0_2px_0_var(--color-action-shadow)] hover:bg-action-hover focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus disabled:opacity-60"
        >
          {mode === "correct" ? "Submit correction" : "Submit"}
        </button>
        {mode === "correct" ? null : (
          <button
            type="submit"
            name="intent"
            value="draft"
            disabled={pending}
            className="bg-panel px-4 py-2 text-lg font-bold text-ink shadow-[0_2px_0_var(--color-rule)] hover:bg-rule focus:bg-focus focus:outline-3 focus:outline-focus disabled:opacity-60"
          >
            Save as draft
          </button>
        )}
      </div>
    </form>
  );
}

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="border-t-2 border-ink pt-4">
      <legend className="pr-2 text-2xl font-bold">{legend}</legend>
      <div className="mt-4">{children}</div>
    </fieldset>
  );
}

/** Field errors in the order of the questions; anything else (the whole disclosure) last. */
function orderErrors(fieldErrors: Record<string, string>): Record<string, string> {
  const rank = (key: string) => {
    const index = FORM_FIELD_ORDER.indexOf(key);
    return index === -1 ? FORM_FIELD_ORDER.length : index;
  };
  return Object.fromEntries(Object.entries(fieldErrors).sort(([a], [b]) => rank(a) - rank(b)));
}

/** The scanner names a finding's kind ("looks like a phone number"); say what it is about and what to do. */
function withContextWording(fieldErrors: Record<string, string>): Record<string, string> {
  const message = fieldErrors.context;
  if (!message?.startsWith("looks like")) return fieldErrors;
  // Names come with their own advice (write a role instead); other findings get the general one.
  const advice = /: replace (?:it|them|each name)/.test(message) ? "" : ": rephrase it without personal details";
  return { ...fieldErrors, context: `The context ${message}${advice}` };
}
