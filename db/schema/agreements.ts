import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  type AnyPgColumn,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { createdAt, id, moment, updatedAt } from "./columns";
import { threatArea } from "./disclosures";
import { organisations } from "./organisations";
import { localAuthorities, policeForceAreas } from "./reference";
import { users } from "./users";


/** docs/access.md#data-sharing-agreements: draft → awaiting signatures → active ⇄ suspended → expired or terminated. */
export const agreementStatus = pgEnum("agreement_status", [
  "draft",
  "awaiting_signatures",
  "active",
  "suspended",
  "expired",
  "terminated",
]);

/** Each version of the terms is signed on its own; an amendment is a new version. */
export const agreementVersionStatus = pgEnum("agreement_version_status", [
  "draft",
  "awaiting_signatures",
  "signed",
  "superseded",
  /** Taken back from signature for changes; its signatures stay on record, a new draft follows. */
  "withdrawn",
]);

export const granularity = pgEnum("granularity", ["aggregate", "record"]);

/** UK GDPR for partners; DPA 2018 Part 3 for processing by competent (law-enforcement) authorities. */
export const processingRegime = pgEnum("processing_regime", ["uk_gdpr", "dpa_2018_part_3"]);

export const agreements = pgTable("agreements", {
  id: id(),
  reference: text().notNull().unique(),
  title: text().notNull(),
  status: agreementStatus().notNull().default("draft"),
  /** The version whose terms are in force; null until a version has been signed by every party. */
  currentVersionId: uuid().references((): AnyPgColumn => agreementVersions.id),
  createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  suspendedAt: moment(),
  terminatedAt: moment(),
  expiredAt: moment(),
  /** Why it was last suspended or terminated. */
  statusReason: text(),
});

export const agreementVersions = pgTable(
  "agreement_versions",
  {
    id: id(),
    agreementId: uuid()
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    status: agreementVersionStatus().notNull().default("draft"),
    purpose: text().notNull(),
    processingRegime: processingRegime().notNull(),
    /** UK GDPR Article 6(1) basis, e.g. "6(1)(e) public task". */
    article6Basis: text(),
    /** UK GDPR Article 9(2) condition for special-category data. */
    article9Condition: text(),
    /** DPA 2018 Schedule 1 condition, or the Part 3 section relied on. */
    dpaCondition: text(),
    /** Counts from 1 to k−1 are suppressed in every output under this agreement. */
    disclosureThreshold: integer().notNull().default(5),
    /** Published counts below national level are rounded to base 5. */
    roundToBase5: boolean().notNull().default(true),
    retentionMonths: integer().notNull(),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
    reviewDate: date({ mode: "string" }).notNull(),
    /** How the data is kept secure in transit, at rest and in use. */
    securityConditions: text().notNull().default(""),
    /** Whether and how a recipient may share the data onwards. */
    onwardSharing: text().notNull().default(""),
    sentForSignatureAt: moment(),
    /** When the last party signed and the version's terms took over. */
    signedAt: moment(),
    createdAt: createdAt(),
  },
  (t) => [
    unique().on(t.agreementId, t.version),
    check("agreement_versions_threshold_floor", sql`${t.disclosureThreshold} >= 3`),
    check("agreement_versions_dates_ordered", sql`${t.startDate} < ${t.endDate}`),
    check("agreement_versions_retention_positive", sql`${t.retentionMonths} > 0`),
  ],
);

/** Each party provides data, receives it, or both. */
export const agreementParties = pgTable(
  "agreement_parties",
  {
    versionId: uuid()
      .notNull()
      .references(() => agreementVersions.id, { onDelete: "cascade" }),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id),
    isProvider: boolean().notNull(),
    isRecipient: boolean().notNull(),
    /** Who to contact about the agreement at this party. */
    contactName: text().notNull().default(""),
    contactEmail: text().notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.orgId] }),
    index().on(t.orgId),
    check("agreement_parties_has_a_part", sql`${t.isProvider} or ${t.isRecipient}`),
  ],
);

/** The threat areas an agreement covers, each at its own granularity. */
export const agreementThreatAreas = pgTable(
  "agreement_threat_areas",
  {
    versionId: uuid()
      .notNull()
      .references(() => agreementVersions.id, { onDelete: "cascade" }),
    threatArea: threatArea().notNull(),
    granularity: granularity().notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.threatArea] })],
);

/** The geography an agreement covers: whole force areas, or single local authorities within them. */
export const agreementGeography = pgTable(
  "agreement_geography",
  {
    id: id(),
    versionId: uuid()
      .notNull()
      .references(() => agreementVersions.id, { onDelete: "cascade" }),
    forceAreaCode: varchar({ length: 9 })
      .notNull()
      .references(() => policeForceAreas.code),
    ladCode: varchar({ length: 9 }),
  },
  (t) => [
    foreignKey({
      columns: [t.ladCode, t.forceAreaCode],
      foreignColumns: [localAuthorities.code, localAuthorities.forceAreaCode],
    }),
    unique().on(t.versionId, t.forceAreaCode, t.ladCode).nullsNotDistinct(),
  ],
);

/** The disclosure fields a record-level recipient may see (docs/taxonomy.md#field-codes). */
export const agreementFields = pgTable(
  "agreement_fields",
  {
    versionId: uuid()
      .notNull()
      .references(() => agreementVersions.id, { onDelete: "cascade" }),
    field: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.field] })],
);

/** One signature per party per version, given by that party's org manager. */
export const agreementSignatures = pgTable(
  "agreement_signatures",
  {
    versionId: uuid()
      .notNull()
      .references(() => agreementVersions.id, { onDelete: "cascade" }),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id),
    signedBy: uuid()
      .notNull()
      .references(() => users.id),
    signedAt: moment().notNull().defaultNow(),
    /** The signer's name and job title as they gave them when signing. */
    signerName: text().notNull(),
    signerTitle: text().notNull(),
    /**
     * SHA-256 (hex) of the canonical text of the version the signer read (lib/agreements/terms.ts).
     * Required of every new signature by row-level security; null only on signatures given before
     * the portal recorded it.
     */
    termsSha256: varchar({ length: 64 }),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.orgId] }),
    check("agreement_signatures_sha256_hex", sql`${t.termsSha256} ~ '^[0-9a-f]{64}$'`),
    foreignKey({
      columns: [t.versionId, t.orgId],
      foreignColumns: [agreementParties.versionId, agreementParties.orgId],
    }).onDelete("cascade"),
  ],
);

/**
 * The access rule made plannable (docs/access.md#agreement-access-rule): one row per recipient ×
 * provider × threat area × geography of each agreement whose current version is in force, kept by a
 * trigger on `agreements` in the same transaction as every change of status or version. The dates
 * stay here so that the start and end of a version are checked at each request, against the UK day.
 * Never written by the app role; row-level security policies and lib/access read it.
 */
export const agreementGrants = pgTable(
  "agreement_grants",
  {
    agreementId: uuid()
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    versionId: uuid()
      .notNull()
      .references(() => agreementVersions.id, { onDelete: "cascade" }),
    recipientOrgId: uuid()
      .notNull()
      .references(() => organisations.id),
    providerOrgId: uuid()
      .notNull()
      .references(() => organisations.id),
    threatArea: threatArea().notNull(),
    granularity: granularity().notNull(),
    forceAreaCode: varchar({ length: 9 }).notNull(),
    ladCode: varchar({ length: 9 }),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
  },
  (t) => [
    unique().on(t.versionId, t.recipientOrgId, t.providerOrgId, t.threatArea, t.forceAreaCode, t.ladCode).nullsNotDistinct(),
    index().on(t.recipientOrgId, t.providerOrgId, t.forceAreaCode),
  ],
);
