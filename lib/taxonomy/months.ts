/**
 * Months as people read them: "November 2026". Disclosures store and exchange a month as
 * `YYYY-MM` (CSV, API); every page shows it through `formatMonth`, and the form offers months
 * in the same words, so the hint, the field and the tables agree.
 */

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

/** "2026-11" (or a stored "2026-11-01") as "November 2026"; anything else is returned as given. */
export function formatMonth(month: string): string {
  const match = MONTH_PATTERN.exec(month.slice(0, 7));
  if (!match || (month.length !== 7 && !/^\d{4}-\d{2}-\d{2}$/.test(month))) return month;
  return `${MONTH_NAMES[Number(match[2]) - 1]} ${match[1]}`;
}

/** Every month from `latest` back to `earliest` (both `YYYY-MM`), newest first, with its words. */
export function monthsBackFrom(latest: string, earliest: string): { value: string; label: string }[] {
  const months: { value: string; label: string }[] = [];
  if (!MONTH_PATTERN.test(latest) || !MONTH_PATTERN.test(earliest)) return months;
  let [year, month] = latest.split("-").map(Number) as [number, number];
  for (let value = latest; value >= earliest; ) {
    months.push({ value, label: formatMonth(value) });
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
    value = `${year}-${String(month).padStart(2, "0")}`;
  }
  return months;
}
