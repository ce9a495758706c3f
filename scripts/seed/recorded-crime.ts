import { getPoliceForceArea } from "@/lib/reference";
import type { ThreatArea } from "@/lib/taxonomy";
import { Random } from "./random";

/**
 * Approximate police-recorded crimes a year per 1,000 women aged 16 and over, by threat area,
 * in the order of magnitude of national published figures. Synthetic, for demos and benchmarks.
 */
const ANNUAL_RATE_PER_1000: Record<ThreatArea, number> = {
  domestic_abuse: 32,
  stalking_harassment: 24,
  rasso: 3.2,
  csae: 1.6,
  tech_enabled: 2.1,
  msht: 0.3,
  honour_based_abuse: 0.12,
  adult_sexual_exploitation: 0.06,
  spiking: 0.3,
  incel_related: 0.02,
};

export type RecordedCrimeRow = { forceAreaCode: string; month: string; threatArea: ThreatArea; count: number };

/** Monthly recorded-crime returns for one force area, with noise and a mild summer peak. */
export function generateRecordedCrime(options: { forceAreaCode: string; months: readonly string[]; seed: number }): RecordedCrimeRow[] {
  const area = getPoliceForceArea(options.forceAreaCode);
  if (!area) throw new Error(`Unknown police force area ${options.forceAreaCode}`);
  const random = new Random(options.seed);
  const thousands = area.population.females16Plus / 1000;
  return options.months.flatMap((month) => {
    const calendarMonth = Number(month.slice(5, 7));
    const season = 1 + 0.08 * Math.cos(((calendarMonth - 7) / 12) * 2 * Math.PI);
    return (Object.entries(ANNUAL_RATE_PER_1000) as [ThreatArea, number][]).map(([threatArea, rate]) => ({
      forceAreaCode: options.forceAreaCode,
      month: `${month}-01`,
      threatArea,
      count: Math.max(0, Math.round(((rate * thousands) / 12) * season * (0.9 + 0.2 * random.float()))),
    }));
  });
}
