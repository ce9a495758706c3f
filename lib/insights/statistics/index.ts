/** Pure statistics for the intelligence-gap views: no I/O, figures in, figures out. */
export { forecastMonthly, type Forecast, type MonthlySeries } from "./forecast";
export { funnelPlot, type Funnel, type FunnelPoint, type FunnelUnit } from "./funnel";
export { increaseJudgement } from "./judgement";
