import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const onServer = Boolean(process.env.DATABASE_URL);

// Unit tests are pure and fast; integration tests each open a fresh database (PGlite in memory,
// or a new database on the server in DATABASE_URL), so files never see each other's data. Those
// databases are copies of one the global set-up migrates once per run.
//
// An integration test named *.embedded.integration.test.ts checks something the database plays
// no part in (the upload row limit is enforced while the file streams, before any query), so it
// runs once: on PGlite, in `npm test`, and is not collected at all in a run against a server. One
// named *.server.integration.test.ts needs two connections at once, which PGlite (one connection)
// cannot give: it runs only against a server, and is not collected at all on PGlite.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside React Server Components; tests run services directly.
      { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
    ],
  },
  test: {
    // Every core: test files share nothing (each integration file has its own database), and the
    // default of one fewer than the cores leaves a 2-core machine running one file at a time.
    maxWorkers: "100%",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{app,components,db,lib,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.integration.test.{ts,tsx}", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          // Named for the database it runs on, so the two runs read apart in every report.
          name: onServer ? "integration (PostgreSQL server)" : "integration (PGlite)",
          include: ["{app,components,db,lib,scripts}/**/*.integration.test.{ts,tsx}"],
          exclude: ["node_modules/**", onServer ? "**/*.embedded.integration.test.{ts,tsx}" : "**/*.server.integration.test.{ts,tsx}"],
          globalSetup: ["db/testing-template.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
