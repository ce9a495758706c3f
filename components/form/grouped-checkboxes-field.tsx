"use client";

import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

type CheckboxGroup = { value: string; label: string; options: readonly { value: string; label: string }[] };

type GroupedCheckboxesFieldProps = {
  /** The form field's name; each ticked box sends one value under it. */
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  groups: readonly CheckboxGroup[];
  defaultValues?: readonly string[];
  /** Open first, besides the groups with a ticked box (such as the group an earlier answer chose). */
  openGroup?: string;
};

/**
 * Many choices as checkboxes in collapsible groups (GOV.UK checkboxes, not a Ctrl-click list): each
 * group is a <details> with its own fieldset, so it works without JavaScript, by keyboard and by
 * touch. With JavaScript a filter box narrows the choices by name and opens the groups that match.
 */
export function GroupedCheckboxesField({ name, legend, hint, error, groups, defaultValues = [], openGroup }: GroupedCheckboxesFieldProps) {
  // False in the server's HTML, true once the script runs: the filter box is offered only when it can work.
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  const [filter, setFilter] = useState("");
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(defaultValues));
  const toggle = (value: string, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(value);
      else next.delete(value);
      return next;
    });
  const needle = filter.trim().toLocaleLowerCase("en-GB");
  const matches = (label: string) => needle === "" || label.toLocaleLowerCase("en-GB").includes(needle);
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  const shown = groups
    .map((group) => ({ group, options: matches(group.label) ? group.options : group.options.filter((option) => matches(option.label)) }))
    .filter(({ options }) => options.length > 0);
  return (
    // The error summary links to the field by its name, as to any other field.
    <fieldset
      id={name}
      tabIndex={-1}
      className={`mb-6 ${error ? "border-l-4 border-error pl-4" : ""}`}
      aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
    >
      <legend className="text-lg font-bold">{legend}</legend>
      {hint ? (
        <p id={hintId} className="text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="font-bold text-error">
          <span className="sr-only">Error: </span>
          {error}
        </p>
      ) : null}
      {enhanced ? (
        <div className="mt-2">
          <label htmlFor={`${name}-filter`} className="block font-bold">
            Filter by name
          </label>
          <input
            id={`${name}-filter`}
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={(event) => {
              // Enter in the filter narrows the list; it must not submit the form half filled in.
              if (event.key === "Enter") event.preventDefault();
            }}
            autoComplete="off"
            className="mt-1 block w-full max-w-md border-2 border-ink bg-white px-2 py-1.5 text-lg focus:outline-3 focus:outline-offset-0 focus:outline-focus"
          />
          <p role="status" className="mt-1 text-muted">
            {needle === "" ? "" : shown.length === 0 ? "Nothing matches that name." : `${shown.reduce((sum, entry) => sum + entry.options.length, 0)} matching.`}
          </p>
        </div>
      ) : null}
      <div className="mt-2 space-y-1">
        {groups.map((group) => {
          const visible = shown.find((entry) => entry.group.value === group.value)?.options;
          const ticked = group.options.filter((option) => chosen.has(option.value)).length;
          const open = needle !== "" || ticked > 0 || group.value === openGroup;
          return (
            <details key={group.value} open={open} hidden={visible === undefined} className="border-l-4 border-rule pl-3">
              <summary className="cursor-pointer py-1 text-link underline focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus">
                {group.label}
                {ticked > 0 ? ` (${ticked} chosen)` : null}
              </summary>
              <fieldset className="space-y-1 py-1">
                <legend className="sr-only">{group.label}</legend>
                {group.options.map((option) => (
                  <label key={option.value} className="flex items-center gap-2" hidden={visible !== undefined && !visible.includes(option)}>
                    <input type="checkbox" name={name} value={option.value} checked={chosen.has(option.value)}
                      onChange={(event) => toggle(option.value, event.target.checked)} className="size-5 shrink-0" />
                    {option.label}
                  </label>
                ))}
              </fieldset>
            </details>
          );
        })}
      </div>
    </fieldset>
  );
}
