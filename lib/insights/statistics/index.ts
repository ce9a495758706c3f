/** Pure statistics for the intelligence-gap views: no I/O, figures in, figures out. */
export { forecastMonthly, type Forecast, type ForecastMonth, type MonthlySeries } from "./forecast";
export {
  funnelLimits,
  funnelPlot,
  MINIMUM_DENOMINATOR,
  type Funnel,
  type FunnelClassification,
  type FunnelLimits,
  type FunnelPoint,
  type FunnelUnit,
} from "./funnel";
export { increaseJudgement } from "./judgement";
export { normalCdf, studentTCdf, studentTQuantile } from "./distributions";
