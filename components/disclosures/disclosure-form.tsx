"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { FieldFrame, controlClass } from "@/components/form/field-frame";
import type { ActionState } from "@/lib/actions";
import { formValuesOf, multiple, single, SUB_TYPE_PREFIX, THREAT_AREA_FIELD, type FormValues } from "@/lib/disclosures/form-data";
import {
  ABUSE_RECENCIES,
  AGE_BANDS,
  BARRIERS,
  CHILD_AGE_BANDS,
  CONTEXT_MAX_LENGTH,
  EARLIEST_DISCLOSURE_MONTH,
  ETHNIC_CATEGORIES,
  ETHNIC_GROUPS,
  ETHNICITIES,
  ONLINE_PLATFORMS,
  OTHER_OFFENDING_TYPES,
  PERPETRATOR_NUMBERS,
  PROTECTIVE_ORDERS,
  REFERRALS,
  RELATIONSHIPS,
  SEXES,
  SPACES,
  THREAT_AREA_DESCRIPTIONS,
  THREAT_AREAS,
  THREAT_SUB_TYPES,
  VICTIM_WANTS,
  YES_NO,
  isTechEnabledSubType,
  type AgeBand,
  type ThreatArea,
} from "@/lib/taxonomy";
import { Checkboxes, Radios, choiceId } from "./choices";

/** A disclosure saved, or refused because its partner reference names one already sent. */
export type DisclosureResult = { duplicateOf: string };
export type DisclosureActionState = ActionState<DisclosureResult>;

export type LocalAuthorityGroup = { label: string; options: readonly { value: string; label: string }[] };

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

/** The questions in the order they appear, so the error summary lists problems top to bottom. */
const FIELD_ORDER = [
  "disclosure_month",
  "abuse_recency",
  "threat_areas",
  ...THREAT_AREAS.codes.map((area) => `${SUB_TYPE_PREFIX}${area}`),
  "victim_age_band",
  "victim_sex",
  "victim_gender_differs_from_sex_at_birth",
  "victim_ethnicity",
  "victim_lgbtq",
  "victim_disability",
  "victim_mental_health_need",
  "victim_migrant",
  "victim_no_recourse_to_public_funds",
  "victim_repeat",
  "victim_children_in_household",
  "perpetrator_relationship",
  "perpetrator_sex",
  "perpetrator_age_band",
  "perpetrator_number",
  "perpetrator_other_offending",
  "perpetrator_other_offending_types",
  "perpetrator_ideology_concern",
  "space",
  "online_platforms",
  "lad_code",
  "reported_to_police",
  "barriers",
  "victim_wants",
  "protective_orders",
  "referrals",
  "context",
  "partner_reference",
];

const VICTIM_YES_NO = [
  ["victim_lgbtq", "Is the victim LGBTQ+?"],
  ["victim_disability", "Does the victim have a disability?"],
  ["victim_mental_health_need", "Does the victim have a mental-health need?"],
  ["victim_migrant", "Is the victim a migrant?"],
  ["victim_no_recourse_to_public_funds", "Does the victim have no recourse to public funds?"],
  ["victim_repeat", "Was the victim known to your organisation before?"],
  ["victim_children_in_household", "Are there children in the household?"],
] as const;

/**
 * The disclosure: every question of docs/taxonomy.md in sections, with the conditional ones shown only
 * when they apply. A hidden question is also disabled, so it is never sent; the server's schema
 * still refuses answers that do not apply. The form is never reset, so nothing typed is lost.
 */
export function DisclosureForm({ action, mode, initial = {}, fields = {}, maxMonth, localAuthorities }: DisclosureFormProps) {
  const [state, dispatch, pending] = useActionState(action, null);
  const [values, setValues] = useState<FormValues>(initial);
  const [contextLength, setContextLength] = useState(() => [...single(initial, "context")].length);
  const duplicateRef = useRef<HTMLDivElement>(null);

  const failed = state?.ok === false ? state : null;
  const duplicateOf = state?.ok === true ? state.data.duplicateOf : undefined;
  // Stable per response: the summary takes focus whenever its errors change, not on every keystroke.
  const fieldErrors = useMemo(() => orderErrors(withContextWording(failed?.fieldErrors ?? {})), [failed]);
  const error = (name: string) => fieldErrors[name];

  useEffect(() => {
    if (duplicateOf) duplicateRef.current?.focus();
  }, [duplicateOf, state]);

  const areas = multiple(values, THREAT_AREA_FIELD) as ThreatArea[];
  const ageBand = single(values, "victim_age_band");
  const childVictim = CHILD_AGE_BANDS.includes(ageBand as AgeBand);
  const techEnabled = areas.some((area) => multiple(values, `${SUB_TYPE_PREFIX}${area}`).some((code) => isTechEnabledSubType(area, code)));
  const showPlatforms = single(values, "space") === "online" || techEnabled;
  const showBarriers = single(values, "reported_to_police") === "no";
  const showOffendingTypes = single(values, "perpetrator_other_offending") === "yes";
  const contextLeft = CONTEXT_MAX_LENGTH - contextLength;

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

      <Section legend="Period">
        <FieldFrame id="disclosure_month" label="Month of disclosure" hint="For example, 2024-03." error={error("disclosure_month")}>
          {(describedBy) => (
            <input
              id="disclosure_month"
              name="disclosure_month"
              type="month"
              min={EARLIEST_DISCLOSURE_MONTH}
              max={maxMonth}
              defaultValue={single(initial, "disclosure_month")}
              aria-invalid={error("disclosure_month") ? true : undefined}
              aria-describedby={describedBy}
              className={`${controlClass(error("disclosure_month"))} max-w-xs`}
            />
          )}
        </FieldFrame>
        <Radios name="abuse_recency" legend="How long ago did the abuse happen?" choices={ABUSE_RECENCIES.options} value={single(initial, "abuse_recency")} error={error("abuse_recency")} />
      </Section>

      <Section legend="Threat areas">
        <fieldset className={`mb-6 ${error("threat_areas") ? "border-l-4 border-error pl-4" : ""}`} aria-describedby={`threat_areas-hint${error("threat_areas") ? " threat_areas-error" : ""}`}>
          <legend className="text-lg font-bold">Which threat areas does the disclosure involve?</legend>
          <p id="threat_areas-hint" className="text-muted">
            Select all that apply, then the types of each. Child sexual abuse and exploitation can be chosen when the victim is under 18.
          </p>
          {error("threat_areas") ? (
            <p id="threat_areas-error" className="font-bold text-error">
              <span className="sr-only">Error: </span>
              {error("threat_areas")}
            </p>
          ) : null}
          <div className="mt-2 space-y-3">
            {THREAT_AREAS.codes.map((area, index) => {
                const id = choiceId("threat_areas", area, index);
                const chosen = areas.includes(area);
                const subName = `${SUB_TYPE_PREFIX}${area}`;
                const unavailable = area === "csae" && !childVictim;
                return (
                  <div key={area} hidden={unavailable}>
                    <div className="flex items-center gap-2">
                      <input
                        id={id}
                        type="checkbox"
                        name={THREAT_AREA_FIELD}
                        value={area}
                        defaultChecked={multiple(initial, THREAT_AREA_FIELD).includes(area)}
                        disabled={unavailable}
                        className="size-6 shrink-0 accent-ink focus:outline-3 focus:outline-focus"
                      />
                      <label htmlFor={id} className="text-lg">
                        {THREAT_AREAS.label(area)}
                        {THREAT_AREA_DESCRIPTIONS[area] ? <span className="text-muted"> ({THREAT_AREA_DESCRIPTIONS[area]})</span> : null}
                      </label>
                    </div>
                    <div className="ml-8 border-l-4 border-rule pl-4">
                      <Checkboxes
                        name={subName}
                        legend={`Types of ${THREAT_AREAS.label(area).toLowerCase()}`}
                        choices={THREAT_SUB_TYPES[area].options}
                        values={multiple(initial, subName)}
                        error={error(subName)}
                        hidden={!chosen || unavailable}
                        inline
                      />
                    </div>
                  </div>
                );
              })}
          </div>
        </fieldset>
      </Section>

      <Section legend="Victim">
        <Radios name="victim_age_band" legend="Age band" choices={AGE_BANDS.options} value={ageBand} error={error("victim_age_band")} inline />
        <Radios name="victim_sex" legend="Sex" choices={SEXES.options} value={single(initial, "victim_sex")} error={error("victim_sex")} inline />
        <Radios
          name="victim_gender_differs_from_sex_at_birth"
          legend="Does the victim's gender differ from their sex at birth?"
          choices={YES_NO.options}
          value={single(initial, "victim_gender_differs_from_sex_at_birth")}
          error={error("victim_gender_differs_from_sex_at_birth")}
          inline
        />
        <FieldFrame id="victim_ethnicity" label="Ethnicity" hint="ONS 2021 categories, grouped." error={error("victim_ethnicity")}>
          {(describedBy) => (
            <select
              id="victim_ethnicity"
              name="victim_ethnicity"
              defaultValue={single(initial, "victim_ethnicity")}
              aria-invalid={error("victim_ethnicity") ? true : undefined}
              aria-describedby={describedBy}
              className={controlClass(error("victim_ethnicity"))}
            >
              <option value="">Select ethnicity</option>
              {ETHNIC_GROUPS.options.map((group) => (
                <optgroup key={group.code} label={group.label}>
                  {Object.entries(ETHNIC_CATEGORIES)
                    .filter(([, category]) => category.group === group.code)
                    .map(([code, category]) => (
                      <option key={code} value={code}>
                        {category.label}
                      </option>
                    ))}
                </optgroup>
              ))}
              <option value="not_stated">{ETHNICITIES.label("not_stated")}</option>
              <option value="not_known">{ETHNICITIES.label("not_known")}</option>
            </select>
          )}
        </FieldFrame>
        {VICTIM_YES_NO.map(([name, legend]) => (
          <Radios key={name} name={name} legend={legend} choices={YES_NO.options} value={single(initial, name)} error={error(name)} inline />
        ))}
      </Section>

      <Section legend="Perpetrator">
        <Radios name="perpetrator_relationship" legend="Relationship to the victim" choices={RELATIONSHIPS.options} value={single(initial, "perpetrator_relationship")} error={error("perpetrator_relationship")} />
        <Radios name="perpetrator_sex" legend="Sex" choices={SEXES.options} value={single(initial, "perpetrator_sex")} error={error("perpetrator_sex")} inline />
        <Radios name="perpetrator_age_band" legend="Age band" choices={AGE_BANDS.options} value={single(initial, "perpetrator_age_band")} error={error("perpetrator_age_band")} inline />
        <Radios name="perpetrator_number" legend="Lone perpetrator or group?" choices={PERPETRATOR_NUMBERS.options} value={single(initial, "perpetrator_number")} error={error("perpetrator_number")} inline />
        <Radios
          name="perpetrator_other_offending"
          legend="Is the perpetrator known to other offending?"
          choices={YES_NO.options}
          value={single(initial, "perpetrator_other_offending")}
          error={error("perpetrator_other_offending")}
          inline
        />
        <Checkboxes
          name="perpetrator_other_offending_types"
          legend="Kinds of other offending"
          hint="Select all that apply."
          choices={OTHER_OFFENDING_TYPES.options}
          values={multiple(initial, "perpetrator_other_offending_types")}
          error={error("perpetrator_other_offending_types")}
          hidden={!showOffendingTypes}
        />
        <Radios
          name="perpetrator_ideology_concern"
          legend="Is there a misogynistic, incel or manosphere ideology concern?"
          choices={YES_NO.options}
          value={single(initial, "perpetrator_ideology_concern")}
          error={error("perpetrator_ideology_concern")}
          inline
        />
      </Section>

      <Section legend="Place">
        <Radios name="space" legend="Where did the abuse happen?" choices={SPACES.options} value={single(initial, "space")} error={error("space")} />
        <Checkboxes
          name="online_platforms"
          legend="Online platform types"
          hint="Select all that apply."
          choices={ONLINE_PLATFORMS.options}
          values={multiple(initial, "online_platforms")}
          error={error("online_platforms")}
          hidden={!showPlatforms}
        />
        <FieldFrame id="lad_code" label="Local authority district" hint="The police force area is worked out from it." error={error("lad_code")}>
          {(describedBy) => (
            <select
              id="lad_code"
              name="lad_code"
              defaultValue={single(initial, "lad_code")}
              aria-invalid={error("lad_code") ? true : undefined}
              aria-describedby={describedBy}
              className={controlClass(error("lad_code"))}
            >
              <option value="">Select local authority</option>
              {localAuthorities.map((group) => (
                <optgroup key={group.label} label={group.label}>
                  {group.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </FieldFrame>
      </Section>

      <Section legend="Reporting">
        <Radios name="reported_to_police" legend="Did the victim report to the police?" choices={YES_NO.options} value={single(initial, "reported_to_police")} error={error("reported_to_police")} inline />
        <Checkboxes
          name="barriers"
          legend="Barriers to reporting"
          hint="Select all that apply."
          choices={BARRIERS.options}
          values={multiple(initial, "barriers")}
          error={error("barriers")}
          hidden={!showBarriers}
        />
        <Checkboxes name="victim_wants" legend="What does the victim want?" hint="Select all that apply." choices={VICTIM_WANTS.options} values={multiple(initial, "victim_wants")} error={error("victim_wants")} />
        <Checkboxes
          name="protective_orders"
          legend="Civil protective orders known to be in place"
          hint="Select all that apply, ‘None’ or ‘Not known’."
          choices={PROTECTIVE_ORDERS.options}
          values={multiple(initial, "protective_orders")}
          error={error("protective_orders")}
        />
      </Section>

      <Section legend="Referrals and support">
        <Checkboxes name="referrals" legend="Referrals made and support given" hint="Select all that apply." choices={REFERRALS.options} values={multiple(initial, "referrals")} error={error("referrals")} />
      </Section>

      <Section legend="Context">
        <FieldFrame
          id="context"
          label="Context (optional)"
          hint="No names, dates, addresses, postcodes, phone numbers, e-mail addresses, NHS or National Insurance numbers, vehicle registrations or profile links."
          error={error("context")}
        >
          {(describedBy) => (
            <>
              <textarea
                id="context"
                name="context"
                rows={5}
                defaultValue={single(initial, "context")}
                onChange={(event) => setContextLength([...event.currentTarget.value].length)}
                aria-invalid={error("context") ? true : undefined}
                aria-describedby={`${describedBy ?? ""} context-count`.trim()}
                className={controlClass(error("context"))}
              />
              <p id="context-count" aria-live="polite" className={contextLeft < 0 ? "font-bold text-error" : "text-muted"}>
                {contextLeft >= 0
                  ? `You have ${contextLeft.toLocaleString("en-GB")} characters remaining`
                  : `You have ${(-contextLeft).toLocaleString("en-GB")} characters too many`}
              </p>
            </>
          )}
        </FieldFrame>
        <FieldFrame
          id="partner_reference"
          label="Partner reference (optional)"
          hint="Your own case reference, so the same disclosure is not sent twice. Only a keyed hash of it is stored."
          error={error("partner_reference")}
        >
          {(describedBy) => (
            <input
              id="partner_reference"
              name="partner_reference"
              type="text"
              autoComplete="off"
              spellCheck={false}
              defaultValue={single(initial, "partner_reference")}
              aria-invalid={error("partner_reference") ? true : undefined}
              aria-describedby={describedBy}
              className={controlClass(error("partner_reference"))}
            />
          )}
        </FieldFrame>
      </Section>

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
    const index = FIELD_ORDER.indexOf(key);
    return index === -1 ? FIELD_ORDER.length : index;
  };
  return Object.fromEntries(Object.entries(fieldErrors).sort(([a], [b]) => rank(a) - rank(b)));
}

/** The scanner names a finding's kind ("looks like a phone number"); say what it is about and what to do. */
function withContextWording(fieldErrors: Record<string, string>): Record<string, string> {
  const message = fieldErrors.context;
  if (!message?.startsWith("looks like")) return fieldErrors;
  return { ...fieldErrors, context: `The context ${message}: rephrase it without personal details` };
}
