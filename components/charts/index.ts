/** Accessible, server-rendered SVG charts. Presentational only: they take already-protected figures. */
export { BarChart, type BarSeries } from "./bar-chart";
export { Choropleth } from "./choropleth";
export { FunnelPlot, type FunnelChartLimits, type FunnelChartPoint } from "./funnel-plot";
export { LineChart, type ForecastPoint, type LinePoint } from "./line-chart";
