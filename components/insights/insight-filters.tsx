type Option = { readonly value: string; readonly label: string };

type Values = { period: string; force_area: string; lad: string; threat_area: string; partner_type: string };

type InsightFiltersProps = {
  /** The page the form sends its query string to. */
  action: string;
  values: Values;
  options: { periods: readonly Option[]; forceAreas: readonly Option[]; localAuthorities: readonly Option[]; threatAreas: readonly Option[]; partnerTypes: readonly Option[] };
  /** Problems with the filters as sent, by parameter name. */
  errors: Readonly<Record<string, string>>;
};

const control = "mt-1 block max-w-full border-2 border-ink bg-white px-2 py-1.5 focus:outline-3 focus:outline-offset-0 focus:outline-focus";
const invalid = "mt-1 block max-w-full border-2 border-error bg-white px-2 py-1.5 focus:outline-3 focus:outline-offset-0 focus:outline-focus";

/**
 * Filters of an insight view, sent as a query string (GET) so a view can be bookmarked and shared.
 * Only fixed bands are offered: periods of whole months, quarters and years, whole places.
 */
export function InsightFilters({ action, values, options, errors }: InsightFiltersProps) {
  const select = (name: keyof Values, label: string, all: string | null, list: readonly Option[]) => (
    <div>
      <label htmlFor={name} className="block font-bold">
        {label}
      </label>
      {errors[name] ? (
        <p id={`${name}-error`} className="font-bold text-error">
          <span className="sr-only">Error:</span> {errors[name]}
        </p>
      ) : null}
      <select id={name} name={name} defaultValue={values[name]} className={errors[name] ? invalid : control} aria-describedby={errors[name] ? `${name}-error` : undefined}>
        {all === null ? null : <option value="">{all}</option>}
        {list.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form method="get" action={action} aria-label="Filter the figures" className="flex flex-wrap items-end gap-4 border border-rule p-4">
      {select("period", "Period", null, options.periods)}
      {select("force_area", "Police force area", "All force areas", options.forceAreas)}
      {select("lad", "Local authority", "All local authorities", options.localAuthorities)}
      {select("threat_area", "Threat area", "All threat areas", options.threatAreas)}
      {select("partner_type", "Partner type", "All partner types", options.partnerTypes)}
      <button type="submit" className="bg-action px-4 py-2 font-bold text-white hover:bg-action-hover focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus">
        Apply filters
      </button>
    </form>
  );
}
