import { foreignKey, integer, pgTable, text, unique, varchar } from "drizzle-orm/pg-core";

/** ONS police force areas (December 2023) with mid-2023 population estimates, loaded from lib/reference. */
export const policeForceAreas = pgTable("police_force_areas", {
  code: varchar({ length: 9 }).primaryKey(),
  name: text().notNull(),
  country: text().notNull(),
  femalesAllAges: integer("females_all_ages").notNull(),
  females16Plus: integer("females_16_plus").notNull(),
  females18Plus: integer("females_18_plus").notNull(),
  personsAllAges: integer("persons_all_ages").notNull(),
});

/** ONS local authority districts (April 2023), each in exactly one police force area. */
export const localAuthorities = pgTable(
  "local_authorities",
  {
    code: varchar({ length: 9 }).primaryKey(),
    name: text().notNull(),
    type: varchar({ length: 3 }).notNull(),
    country: text().notNull(),
    forceAreaCode: varchar("force_area_code", { length: 9 }).notNull(),
    femalesAllAges: integer("females_all_ages").notNull(),
    females16Plus: integer("females_16_plus").notNull(),
    females18Plus: integer("females_18_plus").notNull(),
    personsAllAges: integer("persons_all_ages").notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.forceAreaCode], foreignColumns: [policeForceAreas.code] }),
    // Lets other tables prove that a local authority lies in the force area they also store.
    unique("local_authorities_code_force_area_key").on(t.code, t.forceAreaCode),
  ],
);
