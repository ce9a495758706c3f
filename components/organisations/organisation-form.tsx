"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/actions";
import { ActionStateForm } from "@/components/form/action-state-form";
import { SubmitButton } from "@/components/form/submit-button";
import { GroupedCheckboxesField } from "@/components/form/grouped-checkboxes-field";
import { SelectField, type SelectOption } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";

type OrganisationFormProps = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  types: readonly SelectOption[];
  forceAreas: readonly (SelectOption & { localAuthorities: readonly SelectOption[] })[];
  initial?: { id?: string; name: string; type: string; forceAreaCode: string; ladCodes: readonly string[] };
  submitLabel: string;
};

export function OrganisationForm({ action, types, forceAreas, initial, submitLabel }: OrganisationFormProps) {
  const [state, formAction] = useActionState(action, null);
  const failed = state?.ok === false ? state : null;
  const value = (name: string, fallback: string) => failed?.values[name] ?? fallback;
  const fieldError = (name: string) => failed?.fieldErrors[name];
  // The local authorities of the force area chosen come first and open, as only they may be ticked.
  const [forceArea, setForceArea] = useState(value("forceAreaCode", initial?.forceAreaCode ?? ""));
  return (
    <ActionStateForm action={formAction} label="Organisation" failed={failed}>
      {initial?.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      <TextField id="name" label="Name" defaultValue={value("name", initial?.name ?? "")} error={fieldError("name")} />
      <SelectField
        id="type"
        label="Type"
        options={types}
        placeholder={initial ? undefined : "Choose…"}
        defaultValue={value("type", initial?.type ?? "")}
        error={fieldError("type")}
      />
      <SelectField
        id="forceAreaCode"
        label="Police force area"
        hint="Leave empty for the national coordinator."
        options={forceAreas}
        placeholder="None"
        defaultValue={value("forceAreaCode", initial?.forceAreaCode ?? "")}
        onChange={(event) => setForceArea(event.target.value)}
        error={fieldError("forceAreaCode")}
      />
      <GroupedCheckboxesField
        name="ladCodes"
        legend="Local authorities (optional)"
        hint="Only if the organisation serves part of its force area: tick each local authority it serves. They must be in the force area chosen above."
        error={fieldError("ladCodes")}
        groups={[...forceAreas]
          .sort((a, b) => Number(b.value === forceArea) - Number(a.value === forceArea))
          .map((area) => ({ value: area.value, label: area.label, options: area.localAuthorities }))}
        defaultValues={failed ? (failed.lists.ladCodes ?? []) : (initial?.ladCodes ?? [])}
        openGroup={forceArea}
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionStateForm>
  );
}
