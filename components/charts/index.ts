/** Accessible, server-rendered SVG charts. Presentational only: they take already-protected figures. */
export { BarChart } from "./bar-chart";
export { Choropleth } from "./choropleth";
export { FunnelPlot } from "./funnel-plot";
export { LineChart } from "./line-chart";
