import {
  NOT_KNOWN,
  THREAT_AREAS,
  isTechEnabledSubType,
  type AbuseRecency,
  type AgeBand,
  type Barrier,
  type Ethnicity,
  type OnlinePlatform,
  type OtherOffendingType,
  type PerpetratorNumber,
  type ProtectiveOrder,
  type Referral,
  type Relationship,
  type Sex,
  type Space,
  type ThreatArea,
  type VictimWant,
  type YesNo,
} from "@/lib/taxonomy";
import type { disclosures } from "@/db/schema/disclosures";
import type { Random, Weights } from "../random";
import { distinct, multi, timesIn } from "./draws";
import { BARRIERS, ORDERS, ORDERS_GENERAL, RECENCY, RECENCY_DEFAULT, REFERRALS, REFERRALS_GENERAL, REPORTED_YES, WANTS, WANTS_REPORTED } from "./outcomes";
import {
  ETHNICITY,
  ETHNICITY_HONOUR_BASED,
  ETHNICITY_TRAFFICKING,
  OTHER_OFFENDING,
  PERPETRATOR_AGE,
  PERPETRATOR_AGE_OF_CHILD,
  PERPETRATOR_AGE_PEER,
  RELATIONSHIP,
  RELATIONSHIP_DOMESTIC,
  RELATIONSHIP_TEEN_DOMESTIC,
  VICTIM_AGE,
} from "./people";
import { PLATFORMS, PLATFORMS_GENERAL, SPACE } from "./places";
import type { Plan } from "./plan";
import { CO_TAGS, PRIMARY_AREAS, SUB_TYPES, SUB_TYPE_COUNT } from "./threat-areas";

export type SyntheticDisclosure = {
  disclosure: Omit<typeof disclosures.$inferInsert, "id" | "orgId" | "createdBy" | "seriesId">;
  threatAreas: { threatArea: ThreatArea; subTypes: string[] }[];
};

type Nk = typeof NOT_KNOWN;

/** One record drawn for the plan: its answers keep every rule of the taxonomy (docs/taxonomy.md). */
export function generateOne(rng: Random, plan: Plan): SyntheticDisclosure {
  const nk = plan.notKnown;
  /** A single answer that is "not known" at the plan's rate. */
  const answer = <C extends string>(weights: Weights<C>, rate = nk): C | Nk =>
    rng.chance(rate) ? NOT_KNOWN : rng.weighted(weights);
  const yesNo = (yes: number, rate = nk): YesNo => (rng.chance(rate) ? NOT_KNOWN : rng.chance(yes) ? "yes" : "no");

  // Threat areas and sub-types.
  const primary = rng.weighted(PRIMARY_AREAS[plan.partnerType]);
  const areas = new Set<ThreatArea>([primary]);
  for (const [area, p] of CO_TAGS[primary]) if (rng.chance(p)) areas.add(area);
  const threatAreas = THREAT_AREAS.codes
    .filter((area) => areas.has(area))
    .map((area) => ({ threatArea: area, subTypes: pickSubTypes(rng, area) }));
  const has = (area: ThreatArea) => areas.has(area);
  const subTypes = new Set(threatAreas.flatMap((entry) => entry.subTypes));
  const techEnabled = threatAreas.some((entry) => entry.subTypes.some((code) => isTechEnabledSubType(entry.threatArea, code)));

  // Victim. `csae` needs a child; adult sexual exploitation needs an adult.
  let victimAgeBand: AgeBand;
  if (has("csae")) victimAgeBand = rng.weighted(VICTIM_AGE.csae);
  else if (has("adult_sexual_exploitation")) victimAgeBand = answer(VICTIM_AGE.adult_sexual_exploitation);
  else victimAgeBand = answer(VICTIM_AGE[primary]);
  const child = victimAgeBand === "10-14" || victimAgeBand === "15-17";

  const maleVictim = primary === "msht" ? 0.2 : primary === "spiking" ? 0.08 : primary === "tech_enabled" ? 0.05 : 0.025;
  const victimSex: Sex = has("csae") ? "female" : rng.chance(nk * 0.7) ? NOT_KNOWN : rng.chance(maleVictim) ? "male" : "female";

  const ethnicWeights = has("honour_based_abuse")
    ? ETHNICITY_HONOUR_BASED
    : has("msht")
      ? ETHNICITY_TRAFFICKING
      : ETHNICITY;
  const victimEthnicity: Ethnicity = rng.chance(0.03) ? "not_stated" : answer(ethnicWeights);

  const migrantShare = has("msht") ? 0.6 : has("honour_based_abuse") ? 0.35 : 0.08;
  const victimMigrant = yesNo(migrantShare);
  const victimNoRecourseToPublicFunds: YesNo =
    victimMigrant === "yes" ? yesNo(0.3, nk * 2) : victimMigrant === "no" ? "no" : rng.chance(0.6) ? NOT_KNOWN : "no";

  // Perpetrator. Domestic abuse needs someone personally connected to the victim.
  let perpetratorRelationship: Relationship;
  if (has("domestic_abuse")) perpetratorRelationship = answer(child ? RELATIONSHIP_TEEN_DOMESTIC : RELATIONSHIP_DOMESTIC);
  else if (subTypes.has("intra_familial") && has("csae")) perpetratorRelationship = "family_member";
  else perpetratorRelationship = answer(RELATIONSHIP[primary]);

  const femalePerpetrator = has("honour_based_abuse") ? 0.2 : has("msht") ? 0.15 : has("domestic_abuse") ? 0.07 : 0.04;
  const perpetratorSex: Sex = rng.chance(nk * 1.3) ? NOT_KNOWN : rng.chance(femalePerpetrator) ? "female" : "male";
  const perpetratorAgeBand: AgeBand = answer(
    has("csae") ? PERPETRATOR_AGE_OF_CHILD : child ? PERPETRATOR_AGE_PEER : PERPETRATOR_AGE,
    nk * 2,
  );

  const groupShare = subTypes.has("group_based_exploitation") ? 0.95 : has("msht") ? 0.4 : perpetratorRelationship === "multiple" ? 0.9 : 0.04;
  const perpetratorNumber: PerpetratorNumber = rng.chance(nk) ? NOT_KNOWN : rng.chance(groupShare) ? "group" : "lone";

  const perpetratorOtherOffending = yesNo(has("domestic_abuse") ? 0.4 : 0.25, nk * 2.5);
  const perpetratorOtherOffendingTypes: (OtherOffendingType | Nk)[] =
    perpetratorOtherOffending === "yes" ? multi(rng, OTHER_OFFENDING, 0.08, 0) : [];
  const perpetratorIdeologyConcern = yesNo(has("incel_related") ? 0.75 : 0.02, nk * 2);

  // Place.
  let space: Space = answer(SPACE[primary]);
  if (techEnabled && space !== "online" && rng.chance(0.5)) space = "online";
  space = suitedToAge(space, victimAgeBand);
  const onlinePlatforms: (OnlinePlatform | Nk)[] =
    space === "online" || techEnabled ? pickPlatforms(rng, primary, subTypes) : [];

  // Time: a child cannot disclose non-recent childhood abuse as an adult would.
  let abuseRecency: AbuseRecency = answer(RECENCY[primary] ?? RECENCY_DEFAULT);
  if (child && abuseRecency === "childhood_non_recent") abuseRecency = "over_twelve_months";

  // Reporting and outcomes.
  const reportedToPolice = yesNo(REPORTED_YES[plan.partnerType]);
  const barriers: (Barrier | Nk)[] =
    reportedToPolice === "no"
      ? rng.chance(0.08)
        ? []
        : multi(rng, BARRIERS[victimMigrant === "yes" ? 1 : 0]![has("domestic_abuse") ? 1 : 0]!, 0.04, 0)
      : [];
  const victimWants: (VictimWant | Nk)[] = multi(rng, reportedToPolice === "yes" ? WANTS_REPORTED : WANTS, nk, 0.02);
  const protectiveOrders: (ProtectiveOrder | Nk)[] = rng.chance(nk * 2.5)
    ? [NOT_KNOWN]
    : rng.chance(has("domestic_abuse") || has("stalking_harassment") ? 0.7 : 0.9)
      ? ["none"]
      : [rng.weighted(ORDERS[primary] ?? (has("domestic_abuse") ? ORDERS.domestic_abuse! : ORDERS_GENERAL))];
  const referrals: (Referral | Nk)[] = multi(rng, REFERRALS[primary] ?? REFERRALS_GENERAL, nk, 0.06);

  const victimChildrenInHousehold = child ? yesNo(0.02) : yesNo(has("domestic_abuse") ? 0.55 : 0.3);

  // When and where.
  const month = rng.weighted(plan.monthWeights);
  const ladCode = rng.weighted(plan.ladWeights);
  const { createdAt, submittedAt } = timesIn(rng, month, plan.now);

  return {
    disclosure: {
      version: 1,
      supersedesId: null,
      status: "submitted",
      disclosureMonth: `${month}-01`,
      abuseRecency,
      victimAgeBand,
      victimSex,
      victimGenderDiffersFromSexAtBirth: yesNo(0.015, nk * 2),
      victimEthnicity,
      victimLgbtq: yesNo(0.06, nk * 1.5),
      victimDisability: yesNo(0.18),
      victimMentalHealthNeed: yesNo(has("rasso") ? 0.5 : 0.38),
      victimMigrant,
      victimNoRecourseToPublicFunds,
      victimRepeat: yesNo(0.26),
      victimChildrenInHousehold,
      perpetratorRelationship,
      perpetratorSex,
      perpetratorAgeBand,
      perpetratorNumber,
      perpetratorOtherOffending,
      perpetratorOtherOffendingTypes,
      perpetratorIdeologyConcern,
      space,
      onlinePlatforms,
      ladCode,
      forceAreaCode: plan.forceAreaOf.get(ladCode) as string,
      reportedToPolice,
      barriers,
      victimWants,
      protectiveOrders,
      referrals,
      context: null,
      partnerReferenceHash: null,
      submittedAt,
      withdrawnAt: null,
      withdrawnReason: null,
      createdAt,
      updatedAt: submittedAt,
    },
    threatAreas,
  };
}

function pickSubTypes(rng: Random, area: ThreatArea): string[] {
  if (rng.chance(0.02)) return [NOT_KNOWN];
  const k = Number(rng.weighted(SUB_TYPE_COUNT));
  return distinct(rng, SUB_TYPES[area] as Weights<string>, k);
}

function pickPlatforms(rng: Random, primary: ThreatArea, subTypes: ReadonlySet<string>): (OnlinePlatform | Nk)[] {
  if (rng.chance(0.04)) return [NOT_KNOWN];
  if (rng.chance(0.05)) return [];
  const weights = PLATFORMS[primary] ?? PLATFORMS_GENERAL;
  const platforms = distinct(rng, weights, rng.chance(0.75) ? 1 : 2);
  if (subTypes.has("tracking_or_spyware") && !platforms.includes("smart_device_or_tracker")) {
    platforms.unshift("smart_device_or_tracker");
  }
  if (subTypes.has("online_grooming") && !platforms.includes("gaming_platform") && rng.chance(0.2)) {
    platforms.push("gaming_platform");
  }
  return platforms;
}

/** Keeps schools and colleges plausible for the victim's age. */
function suitedToAge(space: Space, age: AgeBand): Space {
  const education = space === "education_primary" || space === "education_secondary" || space === "education_further_higher";
  if (!education) return space;
  if (age === "10-14") return space === "education_further_higher" ? "education_secondary" : space;
  if (age === "15-17") return space === "education_primary" ? "education_secondary" : space;
  return space === "education_further_higher" ? space : "education_further_higher";
}
