import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uuid, varchar } from "drizzle-orm/pg-core";
import { createdAt, id, moment } from "./columns";
import { organisations } from "./organisations";
import { users } from "./users";

/** One problem kept from a rejected upload: where it is and what is wrong, never the cell's value. */
export type RejectedUploadError = { row: number | null; column: string; message: string };

/**
 * CSV uploads that were refused, kept so the uploader can come back to the error report until a
 * later upload of the same kind succeeds or they dismiss it. Only the place and message of each
 * error is kept: the cells themselves may hold personal data.
 */
export const rejectedUploads = pgTable(
  "rejected_uploads",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id),
    uploadedBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: varchar({ length: 32 }).notNull().$type<"disclosures" | "recorded_crime">(),
    fileName: varchar({ length: 255 }).notNull(),
    message: text().notNull(),
    errorCount: integer().notNull(),
    errors: jsonb().notNull().$type<RejectedUploadError[]>(),
    createdAt: createdAt(),
    resolvedAt: moment(),
    resolution: varchar({ length: 16 }).$type<"succeeded" | "dismissed">(),
  },
  (t) => [
    index().on(t.orgId, t.kind).where(sql`${t.resolvedAt} IS NULL`),
    check("rejected_uploads_kind", sql`${t.kind} IN ('disclosures', 'recorded_crime')`),
    check("rejected_uploads_resolution", sql`(${t.resolvedAt} IS NULL) = (${t.resolution} IS NULL) AND (${t.resolution} IS NULL OR ${t.resolution} IN ('succeeded', 'dismissed'))`),
  ],
);
