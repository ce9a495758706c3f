"use client";

import { useState, type ReactNode } from "react";
import { FieldFrame, controlClass } from "@/components/form/field-frame";
import { multiple, single, type FormValues } from "@/lib/disclosures/form-data";
import { EARLIEST_DISCLOSURE_MONTH, monthsBackFrom, type AskedQuestion, type TextQuestion } from "@/lib/taxonomy";
import { Checkboxes, Radios, type Conditional } from "./choices";
import { PrivacyCheck } from "./privacy-check";

export type LocalAuthorityGroup = { label: string; options: readonly { value: string; label: string }[] };

/** The districts offered: the organisation's own first, everyone's only on request. */
export type LocalAuthorityChoice = {
  groups: readonly LocalAuthorityGroup[];
  /** The districts the organisation covers; choosing another asks for a confirmation. Empty: no coverage recorded. */
  covered: readonly string[];
  /** Offer a button listing every district in England and Wales (the list shows only the covered ones). */
  offerAll: boolean;
};

/** Every question asked but the threat areas, which have a field of their own. */
type FieldQuestion = Exclude<AskedQuestion, { kind: "threat_areas" }>;

type QuestionFieldProps = {
  question: FieldQuestion;
  initial: FormValues;
  error: string | undefined;
  /** A question that does not apply is hidden and disabled, so it is never sent. */
  hidden: boolean;
  /** The latest month a disclosure may be for. */
  maxMonth: string;
  localAuthorities: LocalAuthorityChoice;
  /** The answers as they stand now, for what depends on them (the confirmation of a district). */
  current: FormValues;
  /** Questions revealed by one of this question's choices. */
  conditionals?: readonly Conditional[];
};

/** One question of the disclosure form, drawn from its definition: radios, checkboxes, a list or a text box. */
export function QuestionField({ question, initial, error, hidden, maxMonth, localAuthorities, current, conditionals }: QuestionFieldProps) {
  const { code } = question;
  switch (question.kind) {
    case "single":
      if (question.layout === "grouped") {
        const grouped = new Set(question.groups.flatMap((group) => group.codes));
        const option = (value: string) => ({ value, label: question.list.label(value) });
        return (
          <Framed question={question} initial={initial} error={error}>
            {(control) => (
              <GroupedSelect
                control={control}
                placeholder={question.placeholder}
                groups={question.groups.map((group) => ({ label: group.label, options: group.codes.map(option) }))}
                rest={question.list.codes.filter((value) => !grouped.has(value)).map(option)}
              />
            )}
          </Framed>
        );
      }
      return (
        <Radios
          name={code}
          legend={question.question}
          choices={question.list.options}
          value={single(initial, code)}
          error={error}
          inline={question.layout === "inline"}
          conditionals={conditionals}
        />
      );
    case "multiple":
      return (
        <Checkboxes
          name={code}
          legend={question.question}
          hint={question.hint}
          choices={question.list.options}
          values={multiple(initial, code)}
          error={error}
          hidden={hidden}
        />
      );
    case "month":
      return (
        <Framed question={question} initial={initial} error={error}>
          {(control) => <GroupedSelect control={{ ...control, className: `${control.className} max-w-xs` }} placeholder="Select month" groups={[]} rest={monthsBackFrom(maxMonth, EARLIEST_DISCLOSURE_MONTH)} />}
        </Framed>
      );
    case "local_authority":
      return (
        <Framed question={question} initial={initial} error={error}>
          {(control) => (
            <>
              <GroupedSelect control={control} placeholder={question.placeholder} groups={localAuthorities.groups} rest={[]} />
              <OutsideAreaConfirmation choice={localAuthorities} selected={single(current, code)} confirmed={single(initial, code)} />
              {localAuthorities.offerAll ? (
                <p className="mt-2">
                  <button type="submit" name="intent" value="all_authorities" className="text-left text-lg text-link underline hover:text-link-hover focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus">
                    Show every local authority in England and Wales
                  </button>
                </p>
              ) : null}
            </>
          )}
        </Framed>
      );
    case "text":
      return <TextField question={question} initial={initial} error={error} />;
    case "reference":
      return (
        <Framed question={question} initial={initial} error={error}>
          {(control) => <input {...control} type="text" autoComplete="off" spellCheck={false} />}
        </Framed>
      );
  }
}

/** What every framed control carries: its name, its answer so far, and how it is described. */
type Control = {
  id: string;
  name: string;
  defaultValue: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  className: string;
};

type FramedProps = {
  question: { code: string; question: string; hint?: string };
  initial: FormValues;
  error: string | undefined;
  children: (control: Control) => ReactNode;
};

/** A labelled control in the GOV.UK field frame. */
function Framed({ question, initial, error, children }: FramedProps) {
  const { code } = question;
  return (
    <FieldFrame id={code} label={question.question} hint={question.hint} error={error}>
      {(describedBy) =>
        children({
          id: code,
          name: code,
          defaultValue: single(initial, code),
          "aria-invalid": error ? true : undefined,
          "aria-describedby": describedBy,
          className: controlClass(error),
        })
      }
    </FieldFrame>
  );
}

type Option = { readonly value: string; readonly label: string };

/** A district outside the organisation's area is asked about once more: a slip in a long list is easy. */
function OutsideAreaConfirmation({ choice, selected, confirmed }: { choice: LocalAuthorityChoice; selected: string; confirmed: string }) {
  if (selected === "" || choice.covered.length === 0 || choice.covered.includes(selected)) return null;
  const name = choice.groups.flatMap((group) => group.options).find((option) => option.value === selected)?.label ?? selected;
  return (
    <div className="mt-3 border-l-4 border-rule pl-4">
      <p className="font-bold">{name} is outside your organisation’s area.</p>
      <div className="mt-2 flex items-center gap-2">
        <input
          id="lad_code_confirmed"
          type="checkbox"
          name="lad_code_confirmed"
          value={selected}
          defaultChecked={confirmed === selected}
          className="size-6 shrink-0 accent-ink focus:outline-3 focus:outline-focus"
        />
        <label htmlFor="lad_code_confirmed" className="text-lg">
          Yes, the abuse happened in {name}
        </label>
      </div>
    </div>
  );
}

function GroupedSelect({ control, placeholder, groups, rest }: { control: Control; placeholder: string; groups: readonly { label: string; options: readonly Option[] }[]; rest: readonly Option[] }) {
  return (
    <select {...control}>
      <option value="">{placeholder}</option>
      {groups.map((group) => (
        <optgroup key={group.label} label={group.label}>
          {group.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </optgroup>
      ))}
      {rest.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** Free text with a count of the characters left, which turns into a warning past the limit. */
function TextField({ question, initial, error }: { question: TextQuestion; initial: FormValues; error: string | undefined }) {
  const [value, setValue] = useState(() => single(initial, question.code));
  const left = question.maxLength - [...value].length;
  const countId = `${question.code}-count`;
  const checkId = `${question.code}-privacy`;
  return (
    <Framed question={question} initial={initial} error={error}>
      {(control) => (
        <>
          <textarea
            {...control}
            rows={5}
            onChange={(event) => setValue(event.currentTarget.value)}
            aria-describedby={`${control["aria-describedby"] ?? ""} ${countId} ${checkId}`.trim()}
          />
          <PrivacyCheck text={value} id={checkId} />
          <p id={countId} aria-live="polite" className={left < 0 ? "font-bold text-error" : "text-muted"}>
            {left >= 0 ? `You have ${left.toLocaleString("en-GB")} characters remaining` : `You have ${(-left).toLocaleString("en-GB")} characters too many`}
          </p>
        </>
      )}
    </Framed>
  );
}
