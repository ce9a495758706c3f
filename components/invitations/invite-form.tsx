"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/actions";
import { SelectField } from "@/components/form/select-field";
import { ActionStateForm } from "@/components/form/action-state-form";
import { SubmitButton } from "@/components/form/submit-button";
import { TextField } from "@/components/form/text-field";

type InviteResult = {
  email: string;
  organisationName: string;
  roleLabel: string;
  expires: string;
  link: string | null;
};

type InviteFormProps = {
  action: (state: ActionState<InviteResult>, formData: FormData) => Promise<ActionState<InviteResult>>;
  /** Administrators choose from these; empty for a partner lead. */
  organisations: { id: string; name: string }[];
  /** A partner lead's own organisation: shown, never sent. */
  fixedOrganisation: { id: string; name: string } | null;
  roles: { value: string; label: string; hint: string }[];
};

/** The fields in the order they appear, which the error summary follows. */
const FIELDS = ["email", "organisation", "role"];

/**
 * Invites someone by e-mail address and role. Afterwards it says where the invitation went, or,
 * without a mail server, shows the link this once for the inviter to pass on.
 */
export function InviteForm(props: InviteFormProps) {
  // A new key starts a fresh, empty form for the next invitation.
  const [round, setRound] = useState(0);
  return <InviteFormRound key={round} {...props} onInviteAnother={() => setRound((value) => value + 1)} />;
}

function InviteFormRound({ action, organisations, fixedOrganisation, roles, onInviteAnother }: InviteFormProps & { onInviteAnother: () => void }) {
  const [state, formAction] = useActionState(action, null);
  if (state?.ok) return <InvitationSent result={state.data} onInviteAnother={onInviteAnother} />;
  const failed = state?.ok === false ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const chosenRole = failed?.values.role ?? "";
  return (
    <ActionStateForm action={formAction} label="Invite someone" failed={failed} fieldOrder={FIELDS}>
      <TextField
        id="email"
        label="E-mail address"
        hint="Their work address. The invitation can only be accepted for this address."
        type="email"
        autoComplete="off"
        spellCheck={false}
        defaultValue={failed?.values.email ?? ""}
        error={errors.email}
      />
      {fixedOrganisation ? (
        <div className="mb-6">
          <p className="text-lg font-bold">Organisation</p>
          <p>{fixedOrganisation.name}</p>
        </div>
      ) : (
        <SelectField
          id="organisation"
          label="Organisation"
          options={organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
          placeholder="Choose an organisation"
          defaultValue={failed?.values.organisation ?? ""}
          error={errors.organisation}
        />
      )}
      <fieldset
        className={`mb-6 ${errors.role ? "border-l-4 border-error pl-4" : ""}`}
        aria-describedby={errors.role ? "role-error" : undefined}
      >
        <legend className="text-lg font-bold">Role</legend>
        {errors.role ? (
          <p id="role-error" className="font-bold text-error">
            <span className="sr-only">Error: </span>
            {errors.role}
          </p>
        ) : null}
        {roles.map((role, index) => {
          // The first option carries the field's id, so the error summary's link lands on it.
          const id = index === 0 ? "role" : `role-${role.value}`;
          return (
            <div key={role.value} className="mt-3 flex items-start gap-3">
              <input
                type="radio"
                id={id}
                name="role"
                value={role.value}
                defaultChecked={chosenRole === role.value}
                aria-describedby={`${id}-hint`}
                className="mt-1 size-5 shrink-0"
              />
              <div>
                <label htmlFor={id} className="font-bold">
                  {role.label}
                </label>
                <p id={`${id}-hint`} className="text-muted">
                  {role.hint}
                </p>
              </div>
            </div>
          );
        })}
      </fieldset>
      <SubmitButton pendingLabel="Sending…">Send invitation</SubmitButton>
    </ActionStateForm>
  );
}

function InvitationSent({ result, onInviteAnother }: { result: InviteResult; onInviteAnother: () => void }) {
  const another = (
    <button type="button" onClick={onInviteAnother} className={SECONDARY_BUTTON}>
      Invite someone else
    </button>
  );
  if (result.link === null) {
    return (
      <section aria-labelledby="sent-title" className="space-y-4">
        <div role="status" className="border-l-4 border-success pl-4">
          <h2 id="sent-title" className="text-2xl font-bold">
            Invitation sent to {result.email}
          </h2>
          <p>
            They have been invited to join {result.organisationName} as {result.roleLabel.toLowerCase()}. The link in the
            e-mail works once, until {result.expires}.
          </p>
        </div>
        {another}
      </section>
    );
  }
  return (
    <section aria-labelledby="link-title" className="space-y-4">
      <div role="status" className="space-y-2">
        <h2 id="link-title" className="text-2xl font-bold">
          Invitation created for {result.email}
        </h2>
        <p>
          The portal cannot send e-mail, so pass this link to {result.email} yourself, by a secure route. It lets them
          join {result.organisationName} as {result.roleLabel.toLowerCase()}. It works once, until {result.expires}.
        </p>
      </div>
      <div className="flex items-start gap-3 border-l-4 border-ink bg-panel p-4">
        <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-ink text-xl font-bold text-white">
          !
        </span>
        <strong className="text-lg">
          <span className="sr-only">Warning: </span>
          Copy the link now. It will not be shown again, and anyone who has it can use it to join.
        </strong>
      </div>
      <div>
        <label htmlFor="invitation-link" className="block text-lg font-bold">
          Invitation link
        </label>
        <input
          id="invitation-link"
          type="text"
          readOnly
          value={result.link}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          className="mt-1 block w-full border-2 border-ink px-2 py-1.5 font-mono text-base focus:outline-3 focus:outline-offset-0 focus:outline-focus"
        />
      </div>
      {another}
    </section>
  );
}

const SECONDARY_BUTTON =
  "bg-panel px-4 py-2 text-lg font-bold text-ink shadow-[0_2px_0_var(--color-rule)] hover:bg-rule focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus";
