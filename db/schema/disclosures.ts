import { sql, type SQL } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import {
  ABUSE_RECENCIES,
  AGE_BANDS,
  BARRIERS,
  ETHNICITIES,
  ONLINE_PLATFORMS,
  OTHER_OFFENDING_TYPES,
  PERPETRATOR_NUMBERS,
  PROTECTIVE_ORDERS,
  REFERRALS,
  RELATIONSHIPS,
  SEXES,
  SPACES,
  THREAT_AREAS,
  VICTIM_WANTS,
  YES_NO,
} from "@/lib/taxonomy";
import { createdAt, id, moment, updatedAt } from "./columns";
import { organisations } from "./organisations";
import { localAuthorities, policeForceAreas } from "./reference";
import { users } from "./users";

export const threatArea = pgEnum("threat_area", THREAT_AREAS.codes);
export const yesNo = pgEnum("yes_no", YES_NO.codes);
export const ageBand = pgEnum("age_band", AGE_BANDS.codes);
export const sex = pgEnum("sex", SEXES.codes);
export const ethnicity = pgEnum("ethnicity", ETHNICITIES.codes);
export const relationship = pgEnum("relationship", RELATIONSHIPS.codes);
export const perpetratorNumber = pgEnum("perpetrator_number", PERPETRATOR_NUMBERS.codes);
export const otherOffendingType = pgEnum("other_offending_type", OTHER_OFFENDING_TYPES.codes);
export const space = pgEnum("space", SPACES.codes);
export const onlinePlatform = pgEnum("online_platform", ONLINE_PLATFORMS.codes);
export const abuseRecency = pgEnum("abuse_recency", ABUSE_RECENCIES.codes);
export const barrier = pgEnum("barrier", BARRIERS.codes);
export const victimWant = pgEnum("victim_want", VICTIM_WANTS.codes);
export const protectiveOrder = pgEnum("protective_order", PROTECTIVE_ORDERS.codes);
export const referral = pgEnum("referral", REFERRALS.codes);

/**
 * A draft is private to its author; a submitted disclosure counts until it is withdrawn or
 * superseded by a correction. Only `submitted` rows count anywhere.
 */
export const disclosureStatus = pgEnum("disclosure_status", ["draft", "submitted", "withdrawn", "superseded"]);

/**
 * An anonymised disclosure (docs/data-model.md#disclosures). Answers are nullable so that drafts can be saved part
 * way; the check constraint holds every non-draft to the fields a submission must have.
 */
/**
 * A live partner reference: the predicate of the unique index over them, and of the submission's
 * ON CONFLICT, which must name the index's predicate exactly (lib/disclosures/write.ts).
 */
export function liveReference(columns: { status: AnyPgColumn; partnerReferenceHash: AnyPgColumn }): SQL {
  return sql`${columns.status} in ('draft', 'submitted') and ${columns.partnerReferenceHash} is not null`;
}

export const disclosures = pgTable(
  "disclosures",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The id of the first version; every correction shares it. */
    seriesId: uuid().notNull(),
    /**
     * A random key 0–255 for cell-key perturbation (docs/insights.md#record-keys): set by a trigger on
     * insert (a correction takes its series' key), never changed.
     */
    recordKey: smallint().notNull().default(sql`floor(random() * 256)`),
    version: integer().notNull().default(1),
    supersedesId: uuid(),
    status: disclosureStatus().notNull().default("draft"),

    disclosureMonth: date({ mode: "string" }),
    abuseRecency: abuseRecency(),

    victimAgeBand: ageBand(),
    victimSex: sex(),
    victimGenderDiffersFromSexAtBirth: yesNo(),
    victimEthnicity: ethnicity(),
    victimLgbtq: yesNo(),
    victimDisability: yesNo(),
    victimMentalHealthNeed: yesNo(),
    victimMigrant: yesNo(),
    victimNoRecourseToPublicFunds: yesNo(),
    victimRepeat: yesNo(),
    victimChildrenInHousehold: yesNo(),

    perpetratorRelationship: relationship(),
    perpetratorSex: sex(),
    perpetratorAgeBand: ageBand(),
    perpetratorNumber: perpetratorNumber(),
    perpetratorOtherOffending: yesNo(),
    perpetratorOtherOffendingTypes: otherOffendingType().array().notNull().default(sql`'{}'`),
    perpetratorIdeologyConcern: yesNo(),

    space: space(),
    onlinePlatforms: onlinePlatform().array().notNull().default(sql`'{}'`),
    ladCode: varchar({ length: 9 }),
    /** Derived from the local authority, never entered; the composite key keeps the two consistent. */
    forceAreaCode: varchar({ length: 9 }).references(() => policeForceAreas.code),

    reportedToPolice: yesNo(),
    barriers: barrier().array().notNull().default(sql`'{}'`),
    victimWants: victimWant().array().notNull().default(sql`'{}'`),
    protectiveOrders: protectiveOrder().array().notNull().default(sql`'{}'`),
    referrals: referral().array().notNull().default(sql`'{}'`),

    /** The threat areas of `disclosure_threat_areas`, copied by a trigger so that access policies can test them in the row. */
    threatAreas: threatArea().array().notNull().default(sql`'{}'`),
    /**
     * What an agreement must grant for a recipient to see the row, kept by a trigger: provider ×
     * place × threat area, for the force area and the local authority (docs/access.md#agreement-access-rule).
     */
    accessKeys: text().array().notNull().default(sql`'{}'`),

    context: text(),
    /** HMAC of the partner's own reference under a server secret; never the reference itself. */
    partnerReferenceHash: text(),

    submittedAt: moment(),
    withdrawnAt: moment(),
    withdrawnReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      columns: [t.ladCode, t.forceAreaCode],
      foreignColumns: [localAuthorities.code, localAuthorities.forceAreaCode],
    }),
    foreignKey({ columns: [t.supersedesId], foreignColumns: [t.id] }),
    uniqueIndex("disclosures_series_version_key").on(t.seriesId, t.version),
    // A partner reference names one live disclosure per organisation; corrections supersede it.
    uniqueIndex("disclosures_partner_reference_key")
      .on(t.orgId, t.partnerReferenceHash)
      .where(liveReference(t)),
    index().on(t.orgId, t.status, t.disclosureMonth),
    index().on(t.forceAreaCode, t.disclosureMonth).where(sql`${t.status} = 'submitted'`),
    // Newest first, for keyset paging. Not partial: under row-level security the planner may not
    // use a status comparison (not leakproof) to prove a partial index's predicate.
    index("disclosures_submitted_newest").on(t.submittedAt.desc(), t.id.desc()),
    check(
      "disclosures_month_is_first_of_month",
      sql`${t.disclosureMonth} is null or extract(day from ${t.disclosureMonth}) = 1`,
    ),
    check(
      "disclosures_submitted_are_complete",
      sql`${t.status} = 'draft' or (${t.disclosureMonth} is not null and ${t.ladCode} is not null and ${t.forceAreaCode} is not null and ${t.submittedAt} is not null)`,
    ),
    check("disclosures_withdrawal_has_reason", sql`${t.status} <> 'withdrawn' or ${t.withdrawnReason} is not null`),
    check("disclosures_record_key_byte", sql`${t.recordKey} between 0 and 255`),
    check("disclosures_context_length", sql`char_length(${t.context}) <= 1000`),
  ],
);

/** The threat areas of a disclosure, one row each, with the sub-types chosen in that area. */
export const disclosureThreatAreas = pgTable(
  "disclosure_threat_areas",
  {
    disclosureId: uuid()
      .notNull()
      .references(() => disclosures.id, { onDelete: "cascade" }),
    threatArea: threatArea().notNull(),
    subTypes: text().array().notNull().default(sql`'{}'`),
  },
  (t) => [primaryKey({ columns: [t.disclosureId, t.threatArea] }), index().on(t.threatArea)],
);
