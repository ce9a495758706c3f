type Option = { readonly value: string; readonly label: string };

type PartnerDataFiltersProps = {
  values: { provider: string; partner_type: string; area: string; from: string; to: string; lad: string; sort: string };
  options: { providers: readonly Option[]; partnerTypes: readonly Option[]; areas: readonly Option[]; localAuthorities: readonly Option[]; sorts: readonly Option[] };
  /** Problems with the filters as sent, by parameter name. */
  errors: Readonly<Record<string, string>>;
};

const control = "mt-1 block max-w-full border-2 border-ink bg-white px-2 py-1.5 focus:outline-3 focus:outline-offset-0 focus:outline-focus";
const invalid = "mt-1 block max-w-full border-2 border-error bg-white px-2 py-1.5 focus:outline-3 focus:outline-offset-0 focus:outline-focus";

/**
 * Filters for the Partner data page, sent as a query string (GET) so a filtered list can be
 * bookmarked and its CSV downloaded. Each control's id is its parameter's name, which the error
 * summary links to.
 */
export function PartnerDataFilters({ values, options, errors }: PartnerDataFiltersProps) {
  /** A control with its label and, when the filter was refused, its error. */
  const labelled = (name: keyof PartnerDataFiltersProps["values"], label: string, control: React.ReactNode) => (
    <div>
      <label htmlFor={name} className="block font-bold">
        {label}
      </label>
      {errors[name] ? (
        <p id={`${name}-error`} className="font-bold text-error">
          <span className="sr-only">Error:</span> {errors[name]}
        </p>
      ) : null}
      {control}
    </div>
  );
  const select = (name: keyof PartnerDataFiltersProps["values"], label: string, all: string | null, list: readonly Option[]) =>
    labelled(
      name,
      label,
      <select id={name} name={name} defaultValue={values[name]} className={errors[name] ? invalid : control} aria-describedby={errors[name] ? `${name}-error` : undefined}>
        {all === null ? null : <option value="">{all}</option>}
        {list.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>,
    );
  const month = (name: "from" | "to", label: string) =>
    labelled(
      name,
      label,
      <input id={name} name={name} type="month" defaultValue={values[name]} className={errors[name] ? invalid : control} aria-describedby={errors[name] ? `${name}-error` : undefined} />,
    );
  return (
    <form method="get" action="/partner-data" aria-label="Filter partner data" className="flex flex-wrap items-end gap-4 border border-rule p-4">
      {select("provider", "Provider", "All providers", options.providers)}
      {select("partner_type", "Partner type", "All partner types", options.partnerTypes)}
      {select("area", "Threat area", "All threat areas in scope", options.areas)}
      {month("from", "From month")}
      {month("to", "To month")}
      {select("lad", "Local authority", "All local authorities", options.localAuthorities)}
      {select("sort", "Sort by", null, options.sorts)}
      <button type="submit" className="bg-action px-4 py-2 font-bold text-white hover:bg-action-hover focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus">
        Apply filters
      </button>
    </form>
  );
}
