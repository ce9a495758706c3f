import { index, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, moment } from "./columns";
import { organisations } from "./organisations";
import { users } from "./users";

/** `shared_read`: an analyst's own token reading the partner data shared with the organisation (lib/api-tokens/service.ts). */
export const apiTokenScope = pgEnum("api_token_scope", ["submit", "read", "shared_read"]);

/** Bearer tokens for partner case-management systems. Only a hash of the secret is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    orgId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    /** The first characters of the token, so people can tell their tokens apart. */
    tokenPrefix: text().notNull(),
    scopes: apiTokenScope().array().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: moment().notNull(),
    revokedAt: moment(),
    lastUsedAt: moment(),
  },
  (t) => [index().on(t.orgId)],
);
