/**
 * Cell-key perturbation, after the method the ONS used for Census 2021 outputs.
 *
 * Every disclosure carries a random record key 0..255 stored with it; a cell's key is the sum of
 * its records' keys mod 256. The same set of records therefore has the same cell key however the
 * cell is reached (a month in a monthly table, or a cell of a quarter-by-area table that happens to
 * hold the same disclosures), and the perturbation table below turns (count, cell key) into the same
 * small noise every time. Asking again, or asking another way, never averages the noise away.
 *
 * The table is fixed and committed (this file): changing it changes every published figure.
 */

/** How many keys map to each noise value, out of 256, when the noise may reach ±2. Zero mean. */
const BANDS: readonly { upTo: number; noise: number }[] = [
  { upTo: 102, noise: 0 }, // 102/256 ≈ 40% unchanged
  { upTo: 153, noise: +1 }, // 51
  { upTo: 204, noise: -1 }, // 51
  { upTo: 230, noise: +2 }, // 26
  { upTo: 256, noise: -2 }, // 26
];

/** 167 is odd, so for a fixed count the key → row position map is a bijection of 0..255. */
function tablePosition(count: number, cellKey: number): number {
  return (167 * cellKey + 73 * (count % 256) + 29 * (Math.floor(count / 256) % 256)) & 255;
}

/** The cell key of a set of records: the sum of their record keys, mod 256. */
export function cellKey(recordKeySum: number): number {
  return ((recordKeySum % 256) + 256) % 256;
}

/**
 * The noise added to a publishable count (count ≥ k, or 0). Zero is never perturbed: a structural
 * zero stays zero and noise must not invent cases. Near the threshold the spread narrows so that a
 * published count never falls into 1..k−1 (count k: no noise; k+1: at most ±1), and each row of the
 * table stays symmetric, so the noise has mean zero for every count.
 */
export function perturbationNoise(count: number, key: number, threshold: number): number {
  if (count === 0 || count < threshold) return 0;
  const spread = Math.min(2, count - threshold);
  if (spread === 0) return 0;
  const position = tablePosition(count, cellKey(key));
  const band = BANDS.find((candidate) => position < candidate.upTo);
  const noise = band ? band.noise : 0;
  return Math.max(-spread, Math.min(spread, noise));
}
