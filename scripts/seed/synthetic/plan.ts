import type { OrganisationType } from "@/lib/access/organisation-types";
import { getLocalAuthority } from "@/lib/reference";
import { EARLIEST_DISCLOSURE_MONTH } from "@/lib/taxonomy";
import type { Weights } from "../random";
import { PRIMARY_AREAS } from "./threat-areas";

export type SyntheticOptions = {
  /** Any safe integer; the same seed and options always give the same records. */
  seed: number;
  count: number;
  partnerType: OrganisationType;
  /**
   * Local authority district codes, each entry equally likely (list a code twice to double its
   * weight); each record's force area is looked up from its district.
   */
  ladCodes: readonly string[];
  /** Months as "YYYY-MM", none before 2015-01 or after the month of `now` (UTC); later ones weigh a little more. */
  months: readonly string[];
  /** Submission times never pass it; defaults to the current time. */
  now?: Date;
};

/** Share of "not known" per categorical field, scaled per partner type: recording completeness differs. */
const NOT_KNOWN_RATE = 0.03;
const COMPLETENESS: Record<OrganisationType, number> = {
  idva_service: 0.7,
  isva_service: 0.9,
  health: 1.5,
  local_authority: 1.3,
  third_sector: 1,
  police_force: 0.8,
  national: 1,
};

/** The options checked, with the weights every record of the batch draws from. */
export type Plan = {
  partnerType: OrganisationType;
  notKnown: number;
  monthWeights: Weights<string>;
  ladWeights: Weights<string>;
  forceAreaOf: ReadonlyMap<string, string>;
  now: Date;
};

export function preparePlan(options: SyntheticOptions): Plan {
  const { count, partnerType, ladCodes, months } = options;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count is a whole number, not ${count}`);
  if (!(partnerType in PRIMARY_AREAS)) throw new RangeError(`Unknown partner type ${partnerType}`);
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new RangeError("now is not a valid date");
  if (ladCodes.length === 0) throw new RangeError("At least one local authority district code is needed");
  if (months.length === 0) throw new RangeError("At least one month is needed");

  const latestMonth = now.toISOString().slice(0, 7);
  for (const month of months) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`Month "${month}" is not YYYY-MM`);
    if (month < EARLIEST_DISCLOSURE_MONTH || month > latestMonth) {
      throw new RangeError(`Month ${month} is outside ${EARLIEST_DISCLOSURE_MONTH} to ${latestMonth}`);
    }
  }

  // Disclosures rise mildly over the period: the last month carries half again the first's weight.
  const ordered = [...months].sort();
  const monthWeights: Record<string, number> = {};
  ordered.forEach((month, index) => {
    monthWeights[month] = (monthWeights[month] ?? 0) + 1 + (ordered.length > 1 ? (0.5 * index) / (ordered.length - 1) : 0);
  });

  // Each entry is equally likely, so a caller weights a district by listing it more than once.
  const ladWeights: Record<string, number> = {};
  const forceAreaOf = new Map<string, string>();
  for (const code of ladCodes) {
    const authority = getLocalAuthority(code);
    if (!authority) throw new RangeError(`Unknown local authority district ${code}`);
    ladWeights[code] = (ladWeights[code] ?? 0) + 1;
    forceAreaOf.set(code, authority.forceAreaCode);
  }

  return {
    partnerType,
    notKnown: NOT_KNOWN_RATE * COMPLETENESS[partnerType],
    monthWeights: Object.freeze(monthWeights),
    ladWeights: Object.freeze(ladWeights),
    forceAreaOf,
    now,
  };
}
