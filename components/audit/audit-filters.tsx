type Option = { readonly value: string; readonly label: string };

type Values = { from: string; to: string; actor: string; organisation: string; action: string; outcome: string };

type AuditFiltersProps = {
  values: Values;
  options: { organisations: readonly Option[]; actions: readonly Option[]; outcomes: readonly Option[] };
  /** Problems with the filters as sent, by parameter name. */
  errors: Readonly<Record<string, string>>;
};

const control = "mt-1 block max-w-full border-2 border-ink bg-white px-2 py-1.5 focus:outline-3 focus:outline-offset-0 focus:outline-focus";
const invalid = "mt-1 block max-w-full border-2 border-error bg-white px-2 py-1.5 focus:outline-3 focus:outline-offset-0 focus:outline-focus";

/**
 * Filters for the audit log, sent as a query string (GET) so a search can be bookmarked. Each
 * control's id is its parameter's name, which the error summary links to.
 */
export function AuditFilters({ values, options, errors }: AuditFiltersProps) {
  const described = (name: keyof Values) => (errors[name] ? `${name}-error` : undefined);
  const labelled = (name: keyof Values, label: string, hint: string | null, field: React.ReactNode) => (
    <div>
      <label htmlFor={name} className="block font-bold">
        {label}
      </label>
      {hint ? (
        <p id={`${name}-hint`} className="text-muted">
          {hint}
        </p>
      ) : null}
      {errors[name] ? (
        <p id={`${name}-error`} className="font-bold text-error">
          <span className="sr-only">Error:</span> {errors[name]}
        </p>
      ) : null}
      {field}
    </div>
  );
  const select = (name: keyof Values, label: string, all: string, list: readonly Option[]) =>
    labelled(
      name,
      label,
      null,
      <select id={name} name={name} defaultValue={values[name]} className={errors[name] ? invalid : control} aria-describedby={described(name)}>
        <option value="">{all}</option>
        {list.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>,
    );
  const day = (name: "from" | "to", label: string) =>
    labelled(name, label, null, <input id={name} name={name} type="date" defaultValue={values[name]} className={errors[name] ? invalid : control} aria-describedby={described(name)} />);
  return (
    <form method="get" action="/audit" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-4 border border-rule p-4">
      {day("from", "From date")}
      {day("to", "To date")}
      {labelled(
        "actor",
        "Actor",
        "E-mail address or user id",
        <input
          id="actor"
          name="actor"
          type="text"
          spellCheck={false}
          autoComplete="off"
          defaultValue={values.actor}
          className={errors.actor ? invalid : control}
          aria-describedby={[errors.actor ? "actor-error" : null, "actor-hint"].filter(Boolean).join(" ")}
        />,
      )}
      {select("organisation", "Organisation", "All organisations", options.organisations)}
      {select("action", "Action", "All actions", options.actions)}
      {select("outcome", "Outcome", "All outcomes", options.outcomes)}
      <button type="submit" className="bg-action px-4 py-2 font-bold text-white hover:bg-action-hover focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus">
        Apply filters
      </button>
    </form>
  );
}
