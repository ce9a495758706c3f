"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { ActionStateForm } from "@/components/form/action-state-form";
import { SubmitButton } from "@/components/form/submit-button";
import { TextField } from "@/components/form/text-field";

type Values = {
  displayName: string;
  issuer: string;
  clientId: string;
  allowedDomains: string;
  defaultRole: string;
  enabled: boolean;
};

type IdentityProviderFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  organisationId: string;
  /** The stored settings, or blank ones for an organisation without a provider. */
  initial: Values;
  /** Whether a client secret is stored already (then a blank field keeps it). */
  hasSecret: boolean;
  roleOptions: { value: string; label: string }[];
};

/** An administrator's form for an organisation's OpenID Connect provider. */
export function IdentityProviderForm({ action, organisationId, initial, hasSecret, roleOptions }: IdentityProviderFormProps) {
  const [state, formAction] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  const errors = failed?.fieldErrors ?? {};
  const value = (field: Exclude<keyof Values, "enabled">) => failed?.values[field] ?? initial[field];
  const role = value("defaultRole");
  const enabled = failed ? failed.values.enabled === "on" : initial.enabled;
  return (
    <ActionStateForm action={formAction} label="Single sign-on provider" failed={failed}>
      <input type="hidden" name="organisation" value={organisationId} />
      <TextField
        id="displayName"
        label="Name on the sign-in button"
        hint="People see “Sign in with” followed by this name."
        defaultValue={value("displayName")}
        error={errors.displayName}
      />
      <TextField
        id="issuer"
        label="Issuer URL"
        hint="The provider's issuer identifier, which its /.well-known/openid-configuration document names. It must use https."
        type="url"
        spellCheck={false}
        defaultValue={value("issuer")}
        error={errors.issuer}
      />
      <TextField id="clientId" label="Client ID" spellCheck={false} autoComplete="off" defaultValue={value("clientId")} error={errors.clientId} />
      <TextField
        id="clientSecret"
        label="Client secret"
        hint={hasSecret ? "Leave blank to keep the stored secret. It is stored encrypted and never shown again." : "It is stored encrypted and never shown again."}
        type="password"
        autoComplete="new-password"
        error={errors.clientSecret}
      />
      <div className={`mb-6 ${errors.allowedDomains ? "border-l-4 border-error pl-4" : ""}`}>
        <label htmlFor="allowedDomains" className="block text-lg font-bold">
          Allowed e-mail domains
        </label>
        <p id="allowedDomains-hint" className="text-muted">
          One per line. Only addresses in exactly these domains may sign in; subdomains must be listed too.
        </p>
        {errors.allowedDomains ? (
          <p id="allowedDomains-error" className="font-bold text-error">
            <span className="sr-only">Error: </span>
            {errors.allowedDomains}
          </p>
        ) : null}
        <textarea
          id="allowedDomains"
          name="allowedDomains"
          rows={3}
          spellCheck={false}
          defaultValue={value("allowedDomains")}
          aria-invalid={errors.allowedDomains ? true : undefined}
          aria-describedby={["allowedDomains-hint", errors.allowedDomains ? "allowedDomains-error" : null].filter(Boolean).join(" ")}
          className={`mt-1 block w-full max-w-md border-2 ${errors.allowedDomains ? "border-error" : "border-ink"} px-2 py-1.5 text-lg focus:outline-3 focus:outline-offset-0 focus:outline-focus`}
        />
      </div>
      <fieldset id="defaultRole" className={`mb-6 ${errors.defaultRole ? "border-l-4 border-error pl-4" : ""}`} aria-describedby="defaultRole-hint">
        <legend className="text-lg font-bold">Someone new signs in</legend>
        <p id="defaultRole-hint" className="text-muted">
          Their account is created in this organisation with this role. People who already belong to the organisation keep their role.
        </p>
        {errors.defaultRole ? (
          <p className="font-bold text-error">
            <span className="sr-only">Error: </span>
            {errors.defaultRole}
          </p>
        ) : null}
        {roleOptions.map((option) => (
          <div key={option.value || "invite-only"} className="mt-2 flex items-center gap-2">
            <input
              type="radio"
              id={`defaultRole-${option.value || "invite-only"}`}
              name="defaultRole"
              value={option.value}
              defaultChecked={role === option.value}
              className="size-5"
            />
            <label htmlFor={`defaultRole-${option.value || "invite-only"}`}>{option.label}</label>
          </div>
        ))}
      </fieldset>
      <div className="mb-6 flex items-center gap-2">
        <input type="checkbox" id="enabled" name="enabled" defaultChecked={enabled} className="size-5" />
        <label htmlFor="enabled" className="font-bold">
          People may sign in through this provider
        </label>
      </div>
      <SubmitButton pendingLabel="Saving…">Save single sign-on settings</SubmitButton>
    </ActionStateForm>
  );
}
