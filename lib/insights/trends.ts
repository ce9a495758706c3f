import { protectTable, type DisclosurePolicy, type Published } from "@/lib/sdc";
import { THREAT_AREAS, type ThreatArea } from "@/lib/taxonomy";
import type { CountRow } from "./counts";
import { monthsOf, type Period } from "./filters";
import { forecastMonthly, increaseJudgement } from "./statistics";
import type { Forecast } from "./statistics/forecast";
import { grid, labelled, present, threatLabel, type LabelledTable } from "./views";

/**
 * The Trends view (docs/insights.md#views): monthly disclosures per threat area over the three
 * years to the end of the chosen period, a 12-month forecast of each from its published figures,
 * and one sentence per threat area worded with the PHIA probability yardstick. Pure.
 */

/** Months of history each series is read over: three years, enough for the seasonal model. */
const TREND_MONTHS = 36;

/**
 * The months the trend is read over: the 36 ending with the chosen period's last month, or with
 * the last complete month when the period runs into the current one (a month still filling up
 * would read as a fall).
 */
export function trendWindow(period: Pick<Period, "to">, lastComplete: string): { from: string; to: string; months: string[] } {
  const to = period.to < lastComplete ? period.to : lastComplete;
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - (TREND_MONTHS - 1);
  const from = `${Math.floor(end / 12)}-${String((end % 12) + 1).padStart(2, "0")}`;
  return { from, to, months: monthsOf({ from, months: TREND_MONTHS }) };
}

type TrendSeries = {
  threatArea: ThreatArea;
  label: string;
  /** From the first month with any disclosure in scope: months before a partner shared are a gap in the data, not zeros. */
  months: string[];
  values: Published[];
  forecast: Forecast | null;
  /** One sentence: the PHIA judgement of an increase, or why there is none. */
  judgement: string;
};

export type TrendsView = {
  view: "trends";
  months: string[];
  /** Month × threat area, with totals, as published: the series and their charts are read from it. */
  byMonth: LabelledTable;
  series: TrendSeries[];
};

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A month as a short label, e.g. "Apr 2026". */
export function shortMonth(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** "domestic abuse" from "Domestic abuse"; an acronym after the first letter stays as it is. */
export function inSentence(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * Builds the view from `total` counts by month over `months`. The month × threat area table goes
 * through lib/sdc as one table, so no suppressed month can be worked out from a threat area's total
 * or a month's; each forecast is fitted to the published figures only, a suppressed month missing.
 */
export function buildTrends(rows: readonly CountRow[], months: readonly string[], policy: DisclosurePolicy): TrendsView {
  const totals = rows.filter((row) => row.dimension === "total" && row.month !== null);
  const areas = present(THREAT_AREAS.codes, totals, (row) => row.threatArea);
  const cells = grid(totals, () => true, (row) => row.month!, (row) => row.threatArea, months, areas);
  const byMonth = labelled(protectTable({ rows: months, columns: areas, cells }, policy), months.map(shortMonth), areas.map(threatLabel));
  const series = areas.map((area, j): TrendSeries => {
    const first = cells.findIndex((row) => row[j]!.count > 0);
    const span = months.slice(first);
    const values = byMonth.cells.slice(first).map((row) => row[j]!);
    const forecast = forecastMonthly({ months: span, values: values.map((value) => value.value) });
    const subject = `disclosures of ${inSentence(threatLabel(area))}`;
    return {
      threatArea: area,
      label: threatLabel(area),
      months: span,
      values,
      forecast,
      judgement: forecast
        ? increaseJudgement(subject, forecast.probabilityOfIncrease)
        : `Too few months of published figures to forecast ${subject}: a forecast needs at least 12 months, 6 of them published.`,
    };
  });
  return { view: "trends", months: [...months], byMonth, series };
}
