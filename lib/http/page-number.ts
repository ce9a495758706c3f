/**
 * The page number in a list's `page` search parameter: digits only, 1 or more; anything else is
 * the first page. A number too large to be exact is the largest safe integer, which the list
 * itself turns into its last page (lib/disclosures/service.ts), so no input reaches the database
 * as an offset it cannot hold.
 */
export function pageNumber(value: string | string[] | undefined): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || !/^\d+$/.test(text)) return 1;
  const page = Number(text);
  if (!Number.isSafeInteger(page)) return Number.MAX_SAFE_INTEGER;
  return page >= 1 ? page : 1;
}
