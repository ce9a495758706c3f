import { toCsv } from "./csv-write";
import { DISCLOSURE_COLUMNS } from "./disclosure-columns";

/** The recorded-crime CSV's columns, in the template's order; all four are required. */
export const RECORDED_CRIME_COLUMNS = ["force_area_code", "month", "threat_area", "count"] as const;

/** The disclosure template: the header row alone, field codes in the order the form asks them. */
export function disclosureTemplateCsv(): string {
  return toCsv([DISCLOSURE_COLUMNS]);
}

export function recordedCrimeTemplateCsv(): string {
  return toCsv([RECORDED_CRIME_COLUMNS]);
}

/** A CSV file download: never cached, never sniffed as anything else. */
export function csvDownload(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
