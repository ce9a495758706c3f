import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const DATABASE_MODULES = ["@/db", "@/db/*", "drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/pglite", "@electric-sql/pglite/*"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Configuration is read once, validated, in lib/env.ts.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through getEnv() from @/lib/env." },
      ],
    },
  },
  {
    files: ["lib/env.ts", "instrumentation.ts", "*.config.{js,mjs,ts}", "e2e/**", "bench/**", "reliability/**", ".ci/**"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Routes and components reach data only through lib/ services, which decide access.
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: DATABASE_MODULES,
              message: "app/ and components/ never touch the database: call a lib/ service that takes the viewer.",
            },
            {
              regex: "^(\\.\\./)+db(/|$)",
              message: "app/ and components/ never touch the database: call a lib/ service that takes the viewer.",
            },
          ],
        },
      ],
    },
  },
]);
