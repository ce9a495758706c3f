"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import type { ActionState } from "@/lib/actions";
import { FORM_FIELD_ORDER, formToInput, formValuesOf, multiple, THREAT_AREA_FIELD, type FormValues } from "@/lib/disclosures/form-data";
import { sectionOfField } from "@/lib/disclosures/sections";
import { ASKED_QUESTIONS, applies, givenAnswersOf, type AskedQuestion, type GivenAnswers, type Section } from "@/lib/taxonomy";
import type { Conditional } from "./choices";
import { QuestionField, type LocalAuthorityChoice } from "./question-field";
import { ThreatAreasField } from "./threat-areas-field";
import { useHydrated } from "./use-hydrated";

export type { LocalAuthorityChoice, LocalAuthorityGroup } from "./question-field";

/** A disclosure saved, or refused because its partner reference names one already sent. */
export type DisclosureResult = { duplicateOf: string };
type DisclosureActionState = ActionState<DisclosureResult>;

type DisclosureFormProps = {
  action: (state: DisclosureActionState, formData: FormData) => Promise<DisclosureActionState>;
  /** One section of a draft (saved to go on, or to come back to later), or of a correction (saved to go back to checking it). */
  mode: "section" | "correct";
  /** The sections asked on this page. */
  sections: readonly Section[];
  /** The whole disclosure's answers so far: those of other sections decide what applies here. */
  initial?: FormValues;
  /** Hidden inputs naming what the action is about (the draft, the section, the disclosure corrected). */
  fields?: Record<string, string>;
  /** The latest month a disclosure may be for (this month in the UK). */
  maxMonth: string;
  localAuthorities: LocalAuthorityChoice;
  /** The form's accessible name. */
  label?: string;
};

/**
 * Questions of lib/taxonomy/questions.ts, a section at a time. A question that
 * depends on another answer on the same page is drawn under the choice revealing it; once scripts
 * run it is hidden (and disabled, so never sent) until it applies. The server's schema still
 * refuses answers that do not apply. The form is never reset, so nothing typed is lost.
 */
export function DisclosureForm({ action, mode, sections, initial = {}, fields = {}, maxMonth, localAuthorities, label = "Disclosure" }: DisclosureFormProps) {
  const [state, dispatch, pending] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  // Without scripts, a refused post comes back as a new page: show what was sent, not what was saved.
  const [values, setValues] = useState<FormValues>(() => (failed ? withSent(initial, sections, failed.lists) : initial));
  const enhanced = useHydrated();
  const duplicateRef = useRef<HTMLDivElement>(null);
  const formValues = useMemo(() => (failed ? withSent(initial, sections, failed.lists) : initial), [initial, sections, failed]);

  const duplicateOf = state?.ok === true ? state.data.duplicateOf : undefined;
  // Stable per response: the summary takes focus whenever its errors change, not on every keystroke.
  const fieldErrors = useMemo(() => orderErrors(withContextWording(failed?.fieldErrors ?? {})), [failed]);
  const error = (name: string) => fieldErrors[name];

  useEffect(() => {
    if (duplicateOf) duplicateRef.current?.focus();
  }, [duplicateOf, state]);

  const answers = givenAnswersOf(formToInput(values));
  const chosenAreas = multiple(values, THREAT_AREA_FIELD);
  const asked = ASKED_QUESTIONS.filter((question) => sections.includes(question.section));
  const revealedBy = conditionalsByTrigger(asked);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter instanceof HTMLButtonElement ? submitter : null);
    startTransition(() => dispatch(formData));
  }

  const field = (question: AskedQuestion): ReactNode => {
    if (question.kind === "threat_areas") {
      return <ThreatAreasField key={question.code} question={question} initial={formValues} answers={answers} chosen={chosenAreas} error={error} enhanced={enhanced} />;
    }
    const conditionals: Conditional[] = (revealedBy.get(question.code) ?? []).map((revealed) => {
      const expanded = appliesNow(revealed, answers);
      return { choice: revealed.condition!.equals, id: `conditional-${revealed.code}`, expanded, hidden: enhanced && !expanded, content: field(revealed) };
    });
    return (
      <QuestionField
        key={question.code}
        question={question}
        initial={formValues}
        current={values}
        error={error(question.code)}
        hidden={enhanced && !appliesNow(question, answers)}
        maxMonth={maxMonth}
        localAuthorities={localAuthorities}
        conditionals={conditionals}
      />
    );
  };
  const nested = new Set([...revealedBy.values()].flat().map((question) => question.code));
  const topLevel = (section: Section) => asked.filter((question) => question.section === section && !nested.has(question.code)).map(field);

  return (
    <form
      noValidate
      aria-label={label}
      action={dispatch}
      onSubmit={onSubmit}
      onChange={(event) => setValues(withSent(initial, sections, new FormData(event.currentTarget)))}
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

      <div>{sections.flatMap(topLevel)}</div>

      <div className="flex flex-wrap gap-4">
        <button
          type="submit"
          name="intent"
          value="continue"
          disabled={pending}
          className="bg-action px-4 py-2 text-lg font-bold text-white shadow-[0_2px_0_var(--color-action-shadow)] hover:bg-action-hover focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus disabled:opacity-60"
        >
          Save and continue
        </button>
        {mode === "correct" ? null : (
          <button
            type="submit"
            name="intent"
            value="later"
            disabled={pending}
            className="bg-panel px-4 py-2 text-lg font-bold text-ink shadow-[0_2px_0_var(--color-rule)] hover:bg-rule focus:bg-focus focus:outline-3 focus:outline-focus disabled:opacity-60"
          >
            Save and come back later
          </button>
        )}
      </div>
    </form>
  );
}

function appliesNow(question: AskedQuestion, answers: GivenAnswers): boolean {
  return !("condition" in question) || applies(question.condition, answers) === "yes";
}

/** The conditional questions drawn under the choice of another question on the same page, by that question. */
function conditionalsByTrigger(asked: readonly AskedQuestion[]): Map<string, AskedQuestion[]> {
  const byTrigger = new Map<string, AskedQuestion[]>();
  for (const question of asked) {
    if (!("condition" in question) || !question.condition) continue;
    const trigger = asked.find((candidate) => candidate.code === question.condition!.field);
    if (trigger?.kind !== "single" || trigger.layout === "grouped") continue;
    byTrigger.set(trigger.code, [...(byTrigger.get(trigger.code) ?? []), question]);
  }
  return byTrigger;
}

/** The answers of the sections not on this page, which the page's conditions still read. */
function outside(initial: FormValues, sections: readonly Section[]): FormValues {
  return Object.fromEntries(
    Object.entries(initial).filter(([name]) => {
      const section = sectionOfField(name === THREAT_AREA_FIELD ? "threat_areas" : name);
      return section === undefined || !sections.includes(section);
    }),
  );
}

/**
 * The answers as the form holds them now (as it changes, or as a refused post sent them): this
 * page's from what was sent (a box left unticked is not sent), the other sections' as saved.
 */
function withSent(initial: FormValues, sections: readonly Section[], sent: FormData | Readonly<Record<string, readonly string[]>>): FormValues {
  return { ...outside(initial, sections), ...formValuesOf(sent) };
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
