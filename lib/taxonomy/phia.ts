/**
 * The Professional Head of Intelligence Analysis (PHIA) probability yardstick. Judgements about
 * the future are worded with these terms, never with bare percentages.
 */
const PHIA_YARDSTICK = [
  { term: "remote chance", low: 0, high: 0.05 },
  { term: "highly unlikely", low: 0.1, high: 0.2 },
  { term: "unlikely", low: 0.25, high: 0.35 },
  { term: "realistic possibility", low: 0.4, high: 0.5 },
  { term: "likely", low: 0.55, high: 0.75 },
  { term: "highly likely", low: 0.8, high: 0.9 },
  { term: "almost certain", low: 0.95, high: 1 },
] as const;

export type PhiaTerm = (typeof PHIA_YARDSTICK)[number]["term"];

/** The yardstick term for a probability; one that falls in a gap between bands takes the nearer band. */
export function phiaTerm(probability: number): PhiaTerm {
  if (!Number.isFinite(probability) || probability < 0 || probability > 1) {
    throw new RangeError(`A probability lies between 0 and 1, not ${probability}`);
  }
  let best: (typeof PHIA_YARDSTICK)[number] = PHIA_YARDSTICK[0];
  let bestDistance = Infinity;
  for (const band of PHIA_YARDSTICK) {
    const distance = probability < band.low ? band.low - probability : Math.max(0, probability - band.high);
    if (distance < bestDistance) {
      best = band;
      bestDistance = distance;
    }
  }
  return best.term;
}
