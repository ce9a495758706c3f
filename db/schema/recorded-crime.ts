import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { threatArea } from "./disclosures";
import { organisations } from "./organisations";
import { policeForceAreas } from "./reference";
import { users } from "./users";

/** Monthly police recorded-crime volumes, set against partner disclosures to show hidden demand. */
export const recordedCrimeReturns = pgTable(
  "recorded_crime_returns",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id),
    forceAreaCode: varchar({ length: 9 })
      .notNull()
      .references(() => policeForceAreas.code),
    month: date({ mode: "string" }).notNull(),
    threatArea: threatArea().notNull(),
    count: integer().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.orgId, t.forceAreaCode, t.month, t.threatArea),
    index().on(t.forceAreaCode, t.month),
    check("recorded_crime_returns_count_not_negative", sql`${t.count} >= 0`),
    check("recorded_crime_returns_month_is_first", sql`extract(day from ${t.month}) = 1`),
  ],
);
