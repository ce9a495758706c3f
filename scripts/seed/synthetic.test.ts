import { describe, expect, it } from "vitest";
import type { OrganisationType } from "@/lib/access/organisation-types";
import { forceAreaOfLocalAuthority, listLocalAuthoritiesInForceArea } from "@/lib/reference";
import {
  CHILD_AGE_BANDS,
  NOT_KNOWN,
  THREAT_AREAS,
  THREAT_SUB_TYPES,
  isTechEnabledSubType,
  questionsOf,
  type CodeList,
  type ThreatArea,
} from "@/lib/taxonomy";
import { generateDisclosures, iterateDisclosures, type SyntheticDisclosure, type SyntheticOptions } from "./synthetic";

const WEST_YORKSHIRE = "E23000010";
const LAD_CODES = listLocalAuthoritiesInForceArea(WEST_YORKSHIRE).map((authority) => authority.code);
const MONTHS = Array.from({ length: 24 }, (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
const NOW = new Date("2025-03-10T09:30:00Z");
const PARTNER_TYPES = ["idva_service", "isva_service", "local_authority", "health", "third_sector"] as const;

const options = (overrides: Partial<SyntheticOptions> = {}): SyntheticOptions => ({
  seed: 1,
  count: 200,
  partnerType: "third_sector",
  ladCodes: LAD_CODES,
  months: MONTHS,
  now: NOW,
  ...overrides,
});

/** 4,000 records from each of the five West Yorkshire partner types, each with its own seed. */
const byPartner = new Map<OrganisationType, SyntheticDisclosure[]>(
  PARTNER_TYPES.map((partnerType, i) => [partnerType, generateDisclosures(options({ seed: 2_000 + i, count: 4_000, partnerType }))]),
);
const pooled = [...byPartner.values()].flat();
/** The first 1,000 of each partner type: 5,000 records for the rule checks. */
const sample = [...byPartner.values()].flatMap((records) => records.slice(0, 1_000));

const hasArea = (record: SyntheticDisclosure, area: ThreatArea) => record.threatAreas.some((entry) => entry.threatArea === area);
const share = (records: readonly SyntheticDisclosure[], test: (record: SyntheticDisclosure) => boolean) =>
  (100 * records.filter(test).length) / records.length;
const hasTechEnabledSubType = (record: SyntheticDisclosure) =>
  record.threatAreas.some((entry) => entry.subTypes.some((code) => isTechEnabledSubType(entry.threatArea, code)));
/** Indexes of the records that break a rule, so a failure names them. */
const offenders = (test: (record: SyntheticDisclosure) => boolean) =>
  sample.flatMap((record, index) => (test(record) ? [] : [index]));

const d = (record: SyntheticDisclosure) => record.disclosure;

type Column = keyof SyntheticDisclosure["disclosure"];

/** The single-answer questions by their columns, from the list of questions. */
const SINGLE_VALUED: readonly [Column, CodeList<string>][] = questionsOf("single").map((question) => [question.column, question.list]);

const MULTI_VALUED: readonly [string, CodeList<string>, (record: SyntheticDisclosure) => readonly string[]][] = questionsOf("multiple").map(
  (question) => [question.column, question.list, (r) => (d(r)[question.column] as readonly string[] | null | undefined) ?? []],
);

describe("generateDisclosures", () => {
  it("gives identical records for the same seed", () => {
    expect(generateDisclosures(options({ seed: 7 }))).toEqual(generateDisclosures(options({ seed: 7 })));
  });

  it("gives different records for a different seed", () => {
    expect(generateDisclosures(options({ seed: 7 }))).not.toEqual(generateDisclosures(options({ seed: 8 })));
  });

  it("starts a longer run with the records of a shorter one", () => {
    expect(generateDisclosures(options({ count: 300 })).slice(0, 100)).toEqual(generateDisclosures(options({ count: 100 })));
  });

  it("generates the number of records asked for, including none", () => {
    expect(generateDisclosures(options({ count: 37 }))).toHaveLength(37);
    expect(generateDisclosures(options({ count: 0 }))).toEqual([]);
  });

  it("generates 20,000 records well within a second or two", () => {
    const started = performance.now();
    generateDisclosures(options({ seed: 99, count: 20_000 }));
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each([
    ["a month in the future", { months: ["2025-04"] }],
    ["a month before 2015-01", { months: ["2014-12"] }],
    ["a month not written YYYY-MM", { months: ["2024-13"] }],
    ["no months", { months: [] }],
    ["an unknown local authority district", { ladCodes: ["E99999999"] }],
    ["no local authority districts", { ladCodes: [] }],
    ["a negative count", { count: -1 }],
    ["a fractional count", { count: 2.5 }],
  ] satisfies [string, Partial<SyntheticOptions>][])("refuses %s", (_, overrides) => {
    expect(() => generateDisclosures(options(overrides))).toThrow(RangeError);
  });
});

describe("iterateDisclosures", () => {
  it("yields lazily instead of building an array", () => {
    const iterator = iterateDisclosures(options({ count: 1e12 }));
    expect(Array.isArray(iterator)).toBe(false);
    const first = [iterator.next(), iterator.next(), iterator.next()];
    expect(first.map((result) => result.done)).toEqual([false, false, false]);
    iterator.return(undefined);
  });

  it("yields the same records as generateDisclosures", () => {
    expect([...iterateDisclosures(options({ count: 50 }))]).toEqual(generateDisclosures(options({ count: 50 })));
  });
});

describe("every synthetic disclosure", () => {
  it("is checked over a sample of 5,000 records, so no rule below holds only for want of records", () => {
    expect(sample).toHaveLength(5_000);
  });

  it("is submitted, with a submission time no later than now", () => {
    expect(offenders((r) => d(r).status === "submitted" && d(r).submittedAt instanceof Date && d(r).submittedAt! <= NOW)).toEqual([]);
  });

  it("has a first-of-month disclosure month taken from the inputs", () => {
    const months = new Set(MONTHS);
    expect(offenders((r) => /^\d{4}-\d{2}-01$/.test(d(r).disclosureMonth ?? "") && months.has(d(r).disclosureMonth!.slice(0, 7)))).toEqual([]);
  });

  it("has a local authority district from the inputs and the force area it lies in", () => {
    expect(
      offenders((r) => LAD_CODES.includes(d(r).ladCode!) && d(r).forceAreaCode === forceAreaOfLocalAuthority(d(r).ladCode!)),
    ).toEqual([]);
  });

  it("has no free-text context and no partner reference", () => {
    expect(offenders((r) => d(r).context === null && d(r).partnerReferenceHash === null)).toEqual([]);
  });

  it("checks every single- and multiple-answer question", () => {
    expect(SINGLE_VALUED).toHaveLength(20);
    expect(MULTI_VALUED).toHaveLength(6);
  });

  it.each(SINGLE_VALUED)("answers %s with a code from its list", (field, list) => {
    expect(offenders((r) => list.has(d(r)[field]))).toEqual([]);
  });

  it.each(MULTI_VALUED)("answers %s with distinct codes from its list, never mixing in not_known", (_, list, values) => {
    expect(
      offenders((r) => {
        const codes = values(r);
        return (
          codes.every((code) => list.has(code)) &&
          new Set(codes).size === codes.length &&
          (!codes.includes(NOT_KNOWN) || codes.length === 1)
        );
      }),
    ).toEqual([]);
  });

  it("has at least one threat area, each once, with sub-types valid for it and not_known alone", () => {
    expect(
      offenders((r) => {
        const areas = r.threatAreas.map((entry) => entry.threatArea);
        return (
          areas.length > 0 &&
          new Set(areas).size === areas.length &&
          r.threatAreas.every(
            ({ threatArea, subTypes }) =>
              THREAT_AREAS.has(threatArea) &&
              subTypes.length > 0 &&
              subTypes.every((code) => THREAT_SUB_TYPES[threatArea].has(code)) &&
              new Set(subTypes).size === subTypes.length &&
              (!subTypes.includes(NOT_KNOWN) || subTypes.length === 1),
          )
        );
      }),
    ).toEqual([]);
  });

  it("tags csae only for a girl aged 10-14 or 15-17", () => {
    expect(
      offenders((r) => !hasArea(r, "csae") || (CHILD_AGE_BANDS.includes(d(r).victimAgeBand!) && d(r).victimSex === "female")),
    ).toEqual([]);
    expect(sample.some((r) => hasArea(r, "csae"))).toBe(true);
  });

  it("never tags adult sexual exploitation for a child", () => {
    expect(offenders((r) => !(hasArea(r, "adult_sexual_exploitation") && CHILD_AGE_BANDS.includes(d(r).victimAgeBand!)))).toEqual([]);
  });

  it("names online platforms only when the space is online or a tech-enabled sub-type is chosen", () => {
    expect(offenders((r) => (d(r).onlinePlatforms ?? []).length === 0 || d(r).space === "online" || hasTechEnabledSubType(r))).toEqual([]);
  });

  it("usually names a platform when the platform question applies", () => {
    const applicable = sample.filter((r) => d(r).space === "online" || hasTechEnabledSubType(r));
    expect(share(applicable, (r) => (d(r).onlinePlatforms ?? []).length > 0)).toBeGreaterThan(85);
  });

  it("gives barriers only when the victim did not report to the police", () => {
    expect(offenders((r) => (d(r).barriers ?? []).length === 0 || d(r).reportedToPolice === "no")).toEqual([]);
  });

  it("gives other offending types only when the perpetrator is known to other offending", () => {
    expect(
      offenders((r) => (d(r).perpetratorOtherOffendingTypes ?? []).length === 0 || d(r).perpetratorOtherOffending === "yes"),
    ).toEqual([]);
  });

  it("gives no recourse to public funds only to migrants", () => {
    expect(offenders((r) => d(r).victimNoRecourseToPublicFunds !== "yes" || d(r).victimMigrant === "yes")).toEqual([]);
  });

  it("keeps domestic abuse to perpetrators personally connected to the victim", () => {
    const connected = new Set(["current_partner", "ex_partner", "family_member", "multiple", NOT_KNOWN]);
    expect(offenders((r) => !hasArea(r, "domestic_abuse") || connected.has(d(r).perpetratorRelationship!))).toEqual([]);
  });

  it("never gives a protective order alongside none", () => {
    expect(offenders((r) => !(d(r).protectiveOrders ?? []).includes("none") || d(r).protectiveOrders!.length === 1)).toEqual([]);
  });
});

describe("pooled proportions over the five West Yorkshire partner types", () => {
  it("puts stalking and harassment in 43% ± 4pp of disclosures", () => {
    expect(Math.abs(share(pooled, (r) => hasArea(r, "stalking_harassment")) - 43)).toBeLessThanOrEqual(4);
  });

  it("relates about a third (33% ± 5pp) of stalking and harassment to domestic abuse", () => {
    const stalking = pooled.filter((r) => hasArea(r, "stalking_harassment"));
    expect(Math.abs(share(stalking, (r) => hasArea(r, "domestic_abuse")) - 33)).toBeLessThanOrEqual(5);
  });

  it("marks 25% ± 3pp as repeat victims", () => {
    expect(Math.abs(share(pooled, (r) => d(r).victimRepeat === "yes") - 25)).toBeLessThanOrEqual(3);
  });

  it("has female victims in 95% ± 3pp and male perpetrators in 90% ± 4pp", () => {
    expect(Math.abs(share(pooled, (r) => d(r).victimSex === "female") - 95)).toBeLessThanOrEqual(3);
    expect(Math.abs(share(pooled, (r) => d(r).perpetratorSex === "male") - 90)).toBeLessThanOrEqual(4);
  });

  it("tags a minority (10% to 40%) with two or more threat areas", () => {
    const multiple = share(pooled, (r) => r.threatAreas.length > 1);
    expect(multiple).toBeGreaterThanOrEqual(10);
    expect(multiple).toBeLessThanOrEqual(40);
  });

  it("gives 15% to 25% an online element", () => {
    const online = share(pooled, (r) => d(r).space === "online" || hasTechEnabledSubType(r));
    expect(online).toBeGreaterThanOrEqual(15);
    expect(online).toBeLessThanOrEqual(25);
  });

  it("leaves 55% to 70% unreported to the police", () => {
    const unreported = share(pooled, (r) => d(r).reportedToPolice === "no");
    expect(unreported).toBeGreaterThanOrEqual(55);
    expect(unreported).toBeLessThanOrEqual(70);
  });

  it("has White British victims in 74% ± 4pp of recorded ethnicities, with some not stated and not known", () => {
    const recorded = pooled.filter((r) => d(r).victimEthnicity !== "not_stated" && d(r).victimEthnicity !== NOT_KNOWN);
    expect(Math.abs(share(recorded, (r) => d(r).victimEthnicity === "english_welsh_scottish_ni_british") - 74)).toBeLessThanOrEqual(4);
    expect(share(pooled, (r) => d(r).victimEthnicity === "not_stated")).toBeGreaterThan(1);
    expect(share(pooled, (r) => d(r).victimEthnicity === NOT_KNOWN)).toBeGreaterThan(1);
    for (const category of ["pakistani", "indian", "african", "other_white", "white_and_black_caribbean", "arab"]) {
      expect(pooled.some((r) => d(r).victimEthnicity === category)).toBe(true);
    }
  });

  it.each(SINGLE_VALUED.filter(([field]) => field !== "victimNoRecourseToPublicFunds"))(
    "answers a few per cent (1% to 10%) of %s with not_known",
    (field) => {
      const notKnown = share(pooled, (r) => d(r)[field] === NOT_KNOWN);
      expect(notKnown).toBeGreaterThanOrEqual(1);
      expect(notKnown).toBeLessThanOrEqual(10);
    },
  );
});

describe("partner types", () => {
  const areaShare = (partnerType: OrganisationType, area: ThreatArea) => share(byPartner.get(partnerType)!, (r) => hasArea(r, area));
  const topArea = (partnerType: OrganisationType) =>
    [...THREAT_AREAS.codes].sort((a, b) => areaShare(partnerType, b) - areaShare(partnerType, a))[0];

  it("gives IDVA services a larger share of domestic abuse than ISVA services, and mostly domestic abuse", () => {
    expect(areaShare("idva_service", "domestic_abuse")).toBeGreaterThan(areaShare("isva_service", "domestic_abuse"));
    expect(topArea("idva_service")).toBe("domestic_abuse");
  });

  it("gives ISVA services a larger share of rasso than IDVA services, and mostly rasso", () => {
    expect(areaShare("isva_service", "rasso")).toBeGreaterThan(areaShare("idva_service", "rasso"));
    expect(topArea("isva_service")).toBe("rasso");
  });

  it("gives local authorities more csae than IDVA services and the third sector", () => {
    expect(areaShare("local_authority", "csae")).toBeGreaterThan(areaShare("idva_service", "csae"));
    expect(areaShare("local_authority", "csae")).toBeGreaterThan(areaShare("third_sector", "csae"));
  });

  it("gives health more rasso than the third sector and local authorities", () => {
    expect(areaShare("health", "rasso")).toBeGreaterThan(areaShare("third_sector", "rasso"));
    expect(areaShare("health", "rasso")).toBeGreaterThan(areaShare("local_authority", "rasso"));
  });

  it("gives the third sector every threat area", () => {
    for (const area of THREAT_AREAS.codes) expect(areaShare("third_sector", area)).toBeGreaterThan(0);
  });
});

describe("months and districts", () => {
  it("spreads records over every input month with a mild upward trend", () => {
    const counts = new Map<string, number>();
    for (const r of pooled) counts.set(d(r).disclosureMonth!.slice(0, 7), (counts.get(d(r).disclosureMonth!.slice(0, 7)) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(MONTHS);
    const firstYear = MONTHS.slice(0, 12).reduce((sum, month) => sum + counts.get(month)!, 0);
    const secondYear = MONTHS.slice(12).reduce((sum, month) => sum + counts.get(month)!, 0);
    expect(secondYear / firstYear).toBeGreaterThan(1.1);
    expect(secondYear / firstYear).toBeLessThan(1.6);
  });

  it("uses only the districts given, all of them for a large enough run", () => {
    const one = generateDisclosures(options({ ladCodes: ["E08000035"], count: 50 }));
    expect(new Set(one.map((r) => d(r).ladCode))).toEqual(new Set(["E08000035"]));
    expect(new Set(pooled.map((r) => d(r).ladCode))).toEqual(new Set(LAD_CODES));
  });

  it("weights a district by how often it is listed", () => {
    const [own, other] = LAD_CODES as [string, string];
    const records = generateDisclosures(options({ ladCodes: [own, own, own, other], count: 4_000 }));
    expect(share(records, (r) => d(r).ladCode === own)).toBeGreaterThan(70);
    expect(share(records, (r) => d(r).ladCode === own)).toBeLessThan(80);
  });

  it("keeps submission times inside the disclosure month, or at now for the current month", () => {
    const current = generateDisclosures(options({ months: ["2025-03"], count: 200 }));
    for (const r of current) {
      expect(d(r).submittedAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(d(r).submittedAt!.toISOString().slice(0, 7)).toBe("2025-03");
    }
    expect(offenders((r) => d(r).submittedAt!.toISOString().slice(0, 7) === d(r).disclosureMonth!.slice(0, 7))).toEqual([]);
  });
});
