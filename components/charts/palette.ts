/**
 * Okabe–Ito: eight colours that stay distinct for the common colour-vision deficiencies. Series take
 * them in this order (black is kept for text and reference lines).
 */
const SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"] as const;

export const INK = "#0b0c0c";
export const MUTED = "#484949";
export const RULE = "#b1b4b6";

/**
 * A sequential blue scale for the map (ColorBrewer Blues, five classes), light to dark: ordered by
 * lightness, so it reads the same with any colour vision and in greyscale.
 */
export const SEQUENTIAL_BLUES = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"] as const;

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}
