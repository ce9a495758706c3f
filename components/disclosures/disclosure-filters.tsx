type DisclosureFiltersProps = {
  values: { from: string; to: string; area: string; status: string };
  areas: readonly { readonly code: string; readonly label: string }[];
};

const control = "mt-1 block border-2 border-ink bg-white px-2 py-1.5 focus:outline-3 focus:outline-offset-0 focus:outline-focus";

/** Filters for the list of disclosures, sent as a query string so a filtered list can be bookmarked. */
export function DisclosureFilters({ values, areas }: DisclosureFiltersProps) {
  return (
    <form method="get" action="/disclosures" aria-label="Filter disclosures" className="flex flex-wrap items-end gap-4 bg-panel p-4">
      <div>
        <label htmlFor="filter-from" className="block font-bold">
          From month
        </label>
        <input id="filter-from" name="from" type="month" defaultValue={values.from} className={control} />
      </div>
      <div>
        <label htmlFor="filter-to" className="block font-bold">
          To month
        </label>
        <input id="filter-to" name="to" type="month" defaultValue={values.to} className={control} />
      </div>
      <div>
        <label htmlFor="filter-area" className="block font-bold">
          Threat area
        </label>
        <select id="filter-area" name="area" defaultValue={values.area} className={control}>
          <option value="">All threat areas</option>
          {areas.map((area) => (
            <option key={area.code} value={area.code}>
              {area.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-status" className="block font-bold">
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={values.status} className={control}>
          <option value="">All statuses</option>
          <option value="draft">Draft</option>
          <option value="submitted">Submitted</option>
          <option value="withdrawn">Withdrawn</option>
        </select>
      </div>
      <button type="submit" className="bg-action px-4 py-2 font-bold text-white hover:bg-action-hover focus:bg-focus focus:text-ink focus:outline-3 focus:outline-focus">
        Apply filters
      </button>
    </form>
  );
}
