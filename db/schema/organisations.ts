import { foreignKey, index, pgEnum, pgTable, text, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { ORGANISATION_TYPES } from "@/lib/access/organisation-types";
import { createdAt, id, moment, updatedAt } from "./columns";
import { localAuthorities, policeForceAreas } from "./reference";

export const organisationType = pgEnum("organisation_type", ORGANISATION_TYPES);
export const organisationStatus = pgEnum("organisation_status", ["active", "suspended"]);

export const organisations = pgTable("organisations", {
  id: id(),
  name: text().notNull().unique(),
  type: organisationType().notNull(),
  status: organisationStatus().notNull().default("active"),
  suspendedAt: moment(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Where an organisation works: a whole police force area (no local authority) or one local
 * authority within it. The composite key proves the local authority lies in that force area.
 */
export const organisationCoverage = pgTable(
  "organisation_coverage",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    forceAreaCode: varchar({ length: 9 })
      .notNull()
      .references(() => policeForceAreas.code),
    ladCode: varchar({ length: 9 }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({
      columns: [t.ladCode, t.forceAreaCode],
      foreignColumns: [localAuthorities.code, localAuthorities.forceAreaCode],
    }),
    unique().on(t.orgId, t.forceAreaCode, t.ladCode).nullsNotDistinct(),
    index().on(t.forceAreaCode),
  ],
);
