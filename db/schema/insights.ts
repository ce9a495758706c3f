import { sql } from "drizzle-orm";
import { bigint, check, date, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { threatArea } from "./disclosures";
import { organisations } from "./organisations";

/**
 * Counts of submitted disclosures for the intelligence-gap views (docs/insights.md#aggregates):
 * one row per provider organisation × month × threat area × local authority × dimension × value,
 * with the sum of the disclosures' record keys for cell-key perturbation. Moved only by folding
 * `insight_changes` into it (below), never written by the app role and never read by it: only the SECURITY DEFINER functions of the insights migration read
 * it, returning the cells a viewer's grants cover.
 */
export const insightCounts = pgTable(
  "insight_counts",
  {
    orgId: uuid()
      .notNull()
      .references(() => organisations.id),
    /** `total`, a field code (its value a code or `not_known`), `online_element`, `answered` (value: the field answered) or `submission_lag`. */
    dimension: text().notNull(),
    month: date({ mode: "string" }).notNull(),
    threatArea: threatArea().notNull(),
    ladCode: varchar({ length: 9 }).notNull(),
    value: text().notNull(),
    forceAreaCode: varchar({ length: 9 }).notNull(),
    count: integer().notNull().default(0),
    recordKeySum: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.dimension, t.month, t.threatArea, t.ladCode, t.value] }),
    // No CHECK (count >= 0): PostgreSQL checks the proposed row of an upsert before it finds the
    // conflict, and the triggers upsert negative deltas.
  ],
);

/**
 * The same counts summed over local authorities (docs/insights.md#aggregates): one row per provider
 * × month × threat area × force area × dimension × value. Most reads want nothing finer, since a
 * grant usually shares a whole force area and most views sum over its local authorities; they read
 * this table, several times fewer rows. Folded in the same transaction as `insight_counts`, never
 * read or written by the app role.
 */
export const insightAreaCounts = pgTable(
  "insight_area_counts",
  {
    orgId: uuid()
      .notNull()
      .references(() => organisations.id),
    dimension: text().notNull(),
    month: date({ mode: "string" }).notNull(),
    threatArea: threatArea().notNull(),
    forceAreaCode: varchar({ length: 9 }).notNull(),
    value: text().notNull(),
    count: integer().notNull().default(0),
    recordKeySum: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.dimension, t.month, t.threatArea, t.forceAreaCode, t.value] })],
);

/**
 * Changes to the insight counts not counted yet (docs/insights.md#counting): one row for each
 * counted disclosure a statement added (+1) or took away (−1), holding what the counts need of it
 * (no free text). Triggers on `disclosures` append here in the changing transaction, so a submission
 * never waits on the counts; `app_fold_insight_changes` moves the rows into `insight_counts` in the
 * order they were logged and deletes them, every few seconds and before every insight read.
 */
export const insightChanges = pgTable(
  "insight_changes",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sign: smallint().notNull(),
    disclosure: jsonb().notNull(),
    loggedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("insight_changes_sign", sql`${t.sign} in (-1, 1)`)],
);
