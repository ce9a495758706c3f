/** Pure statistics for the intelligence-gap views: no I/O, figures in, figures out. */
export { forecastMonthly } from "./forecast";
export { funnelPlot, type FunnelUnit } from "./funnel";
export { increaseJudgement } from "./judgement";
