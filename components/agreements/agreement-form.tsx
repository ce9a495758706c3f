"use client";

import { startTransition, useActionState, useMemo, type FormEvent, type ReactNode } from "react";
import type { ActionState } from "@/lib/actions";
import { ScrollRegion } from "@/components/data-table";
import { Checkboxes, Radios } from "@/components/disclosures/choices";
import { ErrorSummary } from "@/components/form/error-summary";
import { FieldFrame, controlClass } from "@/components/form/field-frame";
import { SelectField } from "@/components/form/select-field";
import { SubmitButton } from "@/components/form/submit-button";
import { TextField } from "@/components/form/text-field";
import type { AgreementFormOptions, AgreementFormValues } from "@/lib/agreements/options";

type Option = { code: string; label: string };

type AgreementFormProps = AgreementFormOptions & {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  initial: AgreementFormValues;
  /** Hidden fields naming what is edited. */
  hidden?: Record<string, string>;
  submitLabel: string;
};

/**
 * The terms of a draft agreement, every field of lib/agreements/schema.ts. The form is never
 * reset after a refusal, so nothing chosen is lost; the server checks everything.
 */
export function AgreementForm({ action, initial, hidden = {}, submitLabel, ...options }: AgreementFormProps) {
  const [state, dispatch] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  const errors = useMemo(() => failed?.fieldErrors ?? {}, [failed]);
  const error = (name: string) => errors[name];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }

  return (
    <form noValidate aria-label="Agreement" onSubmit={onSubmit} className="space-y-8">
      {failed ? <ErrorSummary message={failed.error} fieldErrors={errors} /> : null}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}

      <Section legend="About the agreement">
        <TextField id="reference" label="Reference" hint="For example, DSA-WY-2027-003." defaultValue={initial.reference} error={error("reference")} />
        <TextField id="title" label="Title" defaultValue={initial.title} error={error("title")} className="max-w-2xl" />
        <TextArea id="purpose" label="Purpose" hint="What the data is shared for, and why it is necessary." defaultValue={initial.purpose} error={error("purpose")} />
      </Section>

      <Section legend="Parties">
        <PartiesField organisations={options.organisations} initial={initial.parties} error={error} />
      </Section>

      <Section legend="Lawful basis">
        <Radios name="processingRegime" legend="The processing falls under" choices={options.regimes} value={initial.processingRegime} error={error("processingRegime")} />
        <SelectField
          id="article6Basis"
          label="UK GDPR Article 6 lawful basis"
          hint="Under UK GDPR only; leave empty under DPA 2018 Part 3."
          placeholder="None"
          options={options.article6Bases.map((value) => ({ value, label: value }))}
          defaultValue={initial.article6Basis}
          error={error("article6Basis")}
        />
        <SelectField
          id="article9Condition"
          label="UK GDPR Article 9 condition"
          hint="Under UK GDPR only; leave empty under DPA 2018 Part 3."
          placeholder="None"
          options={options.article9Conditions.map((value) => ({ value, label: value }))}
          defaultValue={initial.article9Condition}
          error={error("article9Condition")}
        />
        <SelectField
          id="dpaCondition"
          label="DPA 2018 condition"
          hint="The Schedule 1 condition under UK GDPR, or the Part 3 condition for law enforcement."
          placeholder="Choose…"
          options={[...options.schedule1Conditions, ...options.part3Conditions].map((value) => ({ value, label: value }))}
          defaultValue={initial.dpaCondition}
          error={error("dpaCondition")}
        />
      </Section>

      <Section legend="What is shared">
        <ThreatAreasField threatAreas={options.threatAreas} granularities={options.granularities} initial={initial.threatAreas} error={error("threatAreas")} />
        <Checkboxes
          name="fields"
          legend="Fields shared at record level"
          hint="Only when a threat area is shared at record level. Free text and the partner's own reference are never shared."
          choices={options.fields}
          values={initial.fields}
          error={error("fields")}
        />
        <GeographyField forceAreas={options.forceAreas} initial={initial.geography} error={error("geography")} />
      </Section>

      <Section legend="Disclosure control and retention">
        <TextField
          id="disclosureThreshold"
          label="Disclosure-control threshold"
          hint="Counts from 1 up to one less than this are suppressed. At least 3; 5 if left empty."
          inputMode="numeric"
          defaultValue={initial.disclosureThreshold}
          error={error("disclosureThreshold")}
          className="max-w-24"
        />
        <div className="mb-6 flex items-center gap-2">
          <input id="roundToBase5" name="roundToBase5" type="checkbox" defaultChecked={initial.roundToBase5} className="size-6 accent-ink focus:outline-3 focus:outline-focus" />
          <label htmlFor="roundToBase5" className="text-lg">
            Round counts below national level to base 5
          </label>
        </div>
        <TextField id="retentionMonths" label="Retention, in months" inputMode="numeric" defaultValue={initial.retentionMonths} error={error("retentionMonths")} className="max-w-24" />
      </Section>

      <Section legend="Dates">
        <TextField id="startDate" label="Start date" hint="In force from the start of this day, UK time." type="date" defaultValue={initial.startDate} error={error("startDate")} className="max-w-48" />
        <TextField id="endDate" label="End date" hint="In force up to the end of the day before." type="date" defaultValue={initial.endDate} error={error("endDate")} className="max-w-48" />
        <TextField id="reviewDate" label="Review date" hint="Between the start and end dates." type="date" defaultValue={initial.reviewDate} error={error("reviewDate")} className="max-w-48" />
      </Section>

      <Section legend="Conditions">
        <TextArea id="securityConditions" label="Security conditions" hint="How the data is kept secure in transit, at rest and in use." defaultValue={initial.securityConditions} error={error("securityConditions")} />
        <TextArea id="onwardSharing" label="Onward sharing" hint="Whether and how a recipient may share the data further." defaultValue={initial.onwardSharing} error={error("onwardSharing")} />
      </Section>

      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    // min-w-0: a fieldset is otherwise as wide as its widest content, and the parties table would widen the page.
    <fieldset className="min-w-0 border-t border-rule pt-4">
      <legend className="pt-4 text-2xl font-bold">{legend}</legend>
      <div className="mt-4">{children}</div>
    </fieldset>
  );
}

function TextArea({ id, label, hint, error, defaultValue }: { id: string; label: string; hint?: string; error?: string; defaultValue: string }) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <textarea id={id} name={id} rows={4} defaultValue={defaultValue} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={`${controlClass(error)} max-w-2xl`} />
      )}
    </FieldFrame>
  );
}

function GroupError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="font-bold text-error">
      <span className="sr-only">Error: </span>
      {error}
    </p>
  ) : null;
}

function PartiesField({
  organisations,
  initial,
  error,
}: {
  organisations: AgreementFormOptions["organisations"];
  initial: AgreementFormValues["parties"];
  error: (name: string) => string | undefined;
}) {
  return (
    <div className={error("parties") ? "border-l-4 border-error pl-4" : ""}>
      <p id="parties-hint" className="text-muted">
        Tick what each party does: provides data, receives it, or both. Each party needs a contact.
      </p>
      <GroupError id="parties" error={error("parties")} />
      <ScrollRegion label="Organisations that may be parties">
        <table className="mt-2 w-full border-collapse text-left" aria-describedby="parties-hint">
          <caption className="sr-only">Organisations that may be parties</caption>
          <thead>
            <tr className="border-b-2 border-ink">
              <th scope="col" className="py-2 pr-4">Organisation</th>
              <th scope="col" className="py-2 pr-4">Provides</th>
              <th scope="col" className="py-2 pr-4">Receives</th>
              <th scope="col" className="py-2 pr-4">Contact name</th>
              <th scope="col" className="py-2">Contact e-mail</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((organisation, index) => {
              const party = initial[organisation.id];
              const name = (part: string) => `parties.${organisation.id}.${part}`;
              const nameError = error(name("contactName"));
              const emailError = error(name("contactEmail"));
              return (
                <tr key={organisation.id} className="border-b border-rule align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {organisation.name}
                  </th>
                  <td className="py-2 pr-4">
                    <input
                      id={index === 0 ? "parties" : name("provider")}
                      name={name("provider")}
                      type="checkbox"
                      aria-label={`${organisation.name} provides data`}
                      defaultChecked={party?.role === "provider" || party?.role === "both"}
                      className="size-6 accent-ink focus:outline-3 focus:outline-focus"
                    />
                  </td>
                  <td className="py-2 pr-4">
                    <input
                      id={name("recipient")}
                      name={name("recipient")}
                      type="checkbox"
                      aria-label={`${organisation.name} receives data`}
                      defaultChecked={party?.role === "recipient" || party?.role === "both"}
                      className="size-6 accent-ink focus:outline-3 focus:outline-focus"
                    />
                  </td>
                  <td className="py-2 pr-4">
                    <label htmlFor={name("contactName")} className="sr-only">
                      Contact name at {organisation.name}
                    </label>
                    {nameError ? <GroupError id={name("contactName")} error={nameError} /> : null}
                    <input
                      id={name("contactName")}
                      name={name("contactName")}
                      defaultValue={party?.contactName ?? ""}
                      aria-invalid={nameError ? true : undefined}
                      aria-describedby={nameError ? `${name("contactName")}-error` : undefined}
                      className={controlClass(nameError)}
                    />
                  </td>
                  <td className="py-2">
                    <label htmlFor={name("contactEmail")} className="sr-only">
                      Contact e-mail at {organisation.name}
                    </label>
                    {emailError ? <GroupError id={name("contactEmail")} error={emailError} /> : null}
                    <input
                      id={name("contactEmail")}
                      name={name("contactEmail")}
                      type="email"
                      defaultValue={party?.contactEmail ?? ""}
                      aria-invalid={emailError ? true : undefined}
                      aria-describedby={emailError ? `${name("contactEmail")}-error` : undefined}
                      className={controlClass(emailError)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

function ThreatAreasField({
  threatAreas,
  granularities,
  initial,
  error,
}: {
  threatAreas: readonly Option[];
  granularities: readonly Option[];
  initial: Record<string, string>;
  error: string | undefined;
}) {
  return (
    <div className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`}>
      <h3 className="text-lg font-bold">Threat areas</h3>
      <p id="threatAreas-hint" className="text-muted">
        For each threat area: not shared, aggregate counts only, or record-level rows with the fields below.
      </p>
      <GroupError id="threatAreas" error={error} />
      <table className="mt-2 w-full max-w-2xl border-collapse text-left">
        <caption className="sr-only">How each threat area is shared</caption>
        <thead>
          <tr className="border-b-2 border-ink">
            <th scope="col" className="py-2 pr-4">Threat area</th>
            <th scope="col" className="py-2">Shared as</th>
          </tr>
        </thead>
        <tbody>
          {threatAreas.map((area, index) => (
            <tr key={area.code} className="border-b border-rule">
              <th scope="row" className="py-2 pr-4 font-normal">
                <label htmlFor={index === 0 ? "threatAreas" : `threatAreas.${area.code}`}>{area.label}</label>
              </th>
              <td className="py-2">
                <select
                  id={index === 0 ? "threatAreas" : `threatAreas.${area.code}`}
                  name={`threatAreas.${area.code}`}
                  defaultValue={initial[area.code] ?? ""}
                  aria-describedby={error ? "threatAreas-hint threatAreas-error" : "threatAreas-hint"}
                  className={controlClass(error)}
                >
                  <option value="">Not shared</option>
                  {granularities.map((granularity) => (
                    <option key={granularity.code} value={granularity.code}>
                      {granularity.label}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function GeographyField({ forceAreas, initial, error }: { forceAreas: AgreementFormOptions["forceAreas"]; initial: readonly string[]; error: string | undefined }) {
  return (
    <fieldset className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`} aria-describedby={error ? "geography-hint geography-error" : "geography-hint"}>
      <legend className="text-lg font-bold">Geography</legend>
      <p id="geography-hint" className="text-muted">
        Whole force areas, or single local authorities within one.
      </p>
      <GroupError id="geography" error={error} />
      <div className="mt-2 space-y-2">
        {forceAreas.map((area, index) => {
          const chosenWithin = area.localAuthorities.filter((authority) => initial.includes(`${area.code}/${authority.code}`)).length;
          return (
            <div key={area.code}>
              <div className="flex items-center gap-2">
                <input
                  id={index === 0 ? "geography" : `geography-${area.code}`}
                  type="checkbox"
                  name="geography"
                  value={area.code}
                  defaultChecked={initial.includes(area.code)}
                  className="size-6 shrink-0 accent-ink focus:outline-3 focus:outline-focus"
                />
                <label htmlFor={index === 0 ? "geography" : `geography-${area.code}`} className="text-lg">
                  {area.label}, the whole force area
                </label>
              </div>
              <details className="ml-8" open={chosenWithin > 0}>
                <summary className="cursor-pointer text-link underline">Or single local authorities in {area.label}</summary>
                <div className="mt-2 space-y-1">
                  {area.localAuthorities.map((authority) => {
                    const value = `${area.code}/${authority.code}`;
                    return (
                      <div key={authority.code} className="flex items-center gap-2">
                        <input
                          id={`geography-${area.code}-${authority.code}`}
                          type="checkbox"
                          name="geography"
                          value={value}
                          defaultChecked={initial.includes(value)}
                          className="size-6 shrink-0 accent-ink focus:outline-3 focus:outline-focus"
                        />
                        <label htmlFor={`geography-${area.code}-${authority.code}`}>{authority.label}</label>
                      </div>
                    );
                  })}
                </div>
              </details>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
