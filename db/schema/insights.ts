import { bigint, date, integer, pgTable, primaryKey, text, uuid, varchar } from "drizzle-orm/pg-core";
import { threatArea } from "./disclosures";
import { organisations } from "./organisations";

/**
 * Counts of submitted disclosures for the intelligence-gap views (docs/insights.md#aggregates):
 * one row per provider organisation × month × threat area × local authority × dimension × value,
 * with the sum of the disclosures' record keys for cell-key perturbation. Kept by triggers on
 * `disclosures` in the same transaction as every submission, correction, withdrawal and purge.
 * Never read by the app role: only the SECURITY DEFINER functions of the insights migration read
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
