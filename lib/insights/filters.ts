import { z } from "zod";
import { ORGANISATION_TYPES, type OrganisationType } from "@/lib/access/organisation-types";
import { Invalid } from "@/lib/errors";
import { forceAreaOfLocalAuthority, getLocalAuthority, getPoliceForceArea } from "@/lib/reference";
import { THREAT_AREAS, type ThreatArea } from "@/lib/taxonomy";

/**
 * The filters of every insight view (docs/insights.md#filters), from URL search parameters: one zod
 * schema for the pages and GET /api/v1/insights/{view}. Periods and places are fixed bands — a
 * month, a quarter, a calendar or financial year, the last 12 complete months; a whole force area
 * or local authority — never free ranges, so that two overlapping queries cannot be subtracted to
 * isolate a few people.
 */

type PeriodKind = "month" | "quarter" | "year" | "financial_year" | "last_12_months";

/** A band of whole months, first and last as `YYYY-MM`. */
export type Period = { kind: PeriodKind; code: string; label: string; from: string; to: string; months: number };

export type InsightFilters = {
  period: Period;
  forceAreaCode?: string;
  ladCode?: string;
  threatArea?: ThreatArea;
  partnerType?: OrganisationType;
};

export const LAST_12_MONTHS = "last-12-months";

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const PERIOD_MESSAGE = "Enter a period as a month (2026-04), a quarter (2026-Q2), a year (2026), a financial year (2025-26) or last-12-months";

/** The `YYYY-MM` of a month index counted from year 0 (index = year × 12 + month − 1). */
function monthOf(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

function indexOf(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function labelOf(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** The UK month `now` falls in, as an index. */
function currentMonthIndex(now: Date): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit" }).formatToParts(now).map((part) => [part.type, part.value]),
  );
  return Number(parts.year) * 12 + Number(parts.month) - 1;
}

function band(kind: PeriodKind, code: string, label: string, first: number, months: number): Period {
  return { kind, code, label, from: monthOf(first), to: monthOf(first + months - 1), months };
}

/** A period from its code, or undefined when the code names none. Periods may not end after the current month. */
function parsePeriod(code: string, now: Date): Period | undefined {
  const current = currentMonthIndex(now);
  let period: Period | undefined;
  let match: RegExpExecArray | null;
  if (code === LAST_12_MONTHS) {
    period = band("last_12_months", code, "the last 12 complete months", current - 12, 12);
  } else if ((match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(code))) {
    period = band("month", code, labelOf(code), indexOf(code), 1);
  } else if ((match = /^(\d{4})-Q([1-4])$/.exec(code))) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    period = band("quarter", code, `${["January to March", "April to June", "July to September", "October to December"][quarter - 1]} ${year}`, year * 12 + (quarter - 1) * 3, 3);
  } else if ((match = /^(\d{4})$/.exec(code))) {
    period = band("year", code, `the year ${code}`, Number(code) * 12, 12);
  } else if ((match = /^(\d{4})-(\d{2})$/.exec(code)) && (Number(match[1]) + 1) % 100 === Number(match[2])) {
    const year = Number(match[1]);
    period = band("financial_year", code, `the financial year April ${year} to March ${year + 1}`, year * 12 + 3, 12);
  }
  if (!period || Number(period.from.slice(0, 4)) < 2015 || indexOf(period.from) > current) return undefined;
  return period;
}

/** The band of the same length just before, for trend arrows. */
export function previousPeriod(period: Period): Period {
  const first = indexOf(period.from) - period.months;
  const from = monthOf(first);
  const to = monthOf(first + period.months - 1);
  const label = period.months === 1 ? labelOf(from) : `${labelOf(from)} to ${labelOf(to)}`;
  return { kind: period.kind, code: period.kind === "month" ? from : `${from}..${to}`, label, from, to, months: period.months };
}

/** The last complete UK month before `now`, as `YYYY-MM`: a forecast never fits a month still filling up. */
export function lastCompleteMonth(now = new Date()): string {
  return monthOf(currentMonthIndex(now) - 1);
}

/** Every month of a period, in order, as `YYYY-MM`. */
export function monthsOf(period: Pick<Period, "from" | "months">): string[] {
  const first = indexOf(period.from);
  return Array.from({ length: period.months }, (_, offset) => monthOf(first + offset));
}

const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsAbsent, schema.optional());

const filterSchema = z.strictObject(
  {
    period: optional(z.string(PERIOD_MESSAGE).max(20, PERIOD_MESSAGE)),
    force_area: optional(z.string("Choose a police force area from the list").refine((code) => getPoliceForceArea(code) !== undefined, "Choose a police force area from the list")),
    lad: optional(z.string("Choose a local authority from the list").refine((code) => getLocalAuthority(code) !== undefined, "Choose a local authority from the list")),
    threat_area: optional(z.enum(THREAT_AREAS.codes, "Choose a threat area from the list")),
    partner_type: optional(z.enum(ORGANISATION_TYPES, "Choose a partner type from the list")),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown query parameter: ${issue.keys.join(", ")}` : undefined) },
);

/**
 * The filters from URL search parameters (a page's searchParams or a request's URLSearchParams).
 * No period means the last 12 complete months. A parameter given twice, an unknown one or a value
 * out of its list is refused as Invalid (a 400), naming the parameter.
 */
export function parseInsightFilters(params: URLSearchParams | Record<string, string | string[] | undefined>, now = new Date()): InsightFilters {
  const entries = params instanceof URLSearchParams ? [...new Set(params.keys())].map((key) => [key, params.getAll(key)] as const) : Object.entries(params);
  const object: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (Array.isArray(value)) {
      if (value.length > 1) errors[key] = `Give ${key} once`;
      object[key] = value[0];
    } else if (value !== undefined) object[key] = value;
  }
  const parsed = filterSchema.safeParse(object);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join(".") || "query"] ??= issue.message;
  }
  const data = parsed.success ? parsed.data : undefined;
  const period = data ? parsePeriod(data.period ?? LAST_12_MONTHS, now) : undefined;
  if (data && !period) errors.period ??= `${PERIOD_MESSAGE}, not after the current month`;
  if (data?.lad && data.force_area && forceAreaOfLocalAuthority(data.lad) !== data.force_area) {
    errors.lad ??= "Choose a local authority in the police force area chosen, or no police force area";
  }
  if (!data || !period || Object.keys(errors).length > 0) throw new Invalid(`There is a problem with the filters: ${Object.values(errors).join("; ")}.`, errors);
  const forceAreaCode = data.force_area ?? (data.lad ? forceAreaOfLocalAuthority(data.lad) : undefined);
  return {
    period,
    ...(forceAreaCode ? { forceAreaCode } : {}),
    ...(data.lad ? { ladCode: data.lad } : {}),
    ...(data.threat_area ? { threatArea: data.threat_area } : {}),
    ...(data.partner_type ? { partnerType: data.partner_type } : {}),
  };
}

/** The query string of some filters, as the views' links and forms write it (the default period left out). */
export function insightQueryString(filters: InsightFilters, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    ...(filters.period.code === LAST_12_MONTHS ? {} : { period: filters.period.code }),
    ...(filters.forceAreaCode && !filters.ladCode ? { force_area: filters.forceAreaCode } : {}),
    ...(filters.ladCode ? { lad: filters.ladCode } : {}),
    ...(filters.threatArea ? { threat_area: filters.threatArea } : {}),
    ...(filters.partnerType ? { partner_type: filters.partnerType } : {}),
    ...extra,
  }).toString();
}

/** The periods a filter form offers, newest first: the default, recent months, quarters, years and financial years. */
export function periodOptions(now = new Date()): { value: string; label: string }[] {
  const current = currentMonthIndex(now);
  const options: { value: string; label: string }[] = [{ value: LAST_12_MONTHS, label: "The last 12 complete months" }];
  for (let offset = 0; offset < 12; offset += 1) {
    const month = monthOf(current - offset);
    options.push({ value: month, label: labelOf(month) });
  }
  const year = Math.floor(current / 12);
  for (let index = Math.floor((current % 12) / 3), y = year, n = 0; n < 8; n += 1) {
    options.push({ value: `${y}-Q${index + 1}`, label: `${["January to March", "April to June", "July to September", "October to December"][index]} ${y}` });
    index -= 1;
    if (index < 0) {
      index = 3;
      y -= 1;
    }
  }
  for (let y = year; y > year - 3; y -= 1) options.push({ value: String(y), label: `The year ${y}` });
  const financial = current % 12 >= 3 ? year : year - 1;
  for (let y = financial; y > financial - 3; y -= 1) options.push({ value: `${y}-${String((y + 1) % 100).padStart(2, "0")}`, label: `Financial year ${y} to ${y + 1}` });
  return options;
}
