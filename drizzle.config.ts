import { defineConfig } from "drizzle-kit";

// Generates migrations from db/schema; applying them is `npm run db:migrate`, never `push`.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
  strict: true,
  verbose: true,
});
