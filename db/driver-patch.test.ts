import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// postgres.js 3.4.9 cancels a connection's pending write when the connection closes but leaves the
// timer's handle and the unsent bytes behind, so that pool slot never sends another startup
// message: after a PostgreSQL restart it times out connecting, again and again, while the server is
// healthy. patches/postgres+3.4.9.patch (applied by patch-package on every install) clears both;
// reliability/restart.test.ts shows the recovery. This fails if an install or an upgrade drops it.
const BUILDS = ["src", "cjs/src", "cf/src"];

describe("the PostgreSQL driver as installed", () => {
  it.each(BUILDS)("forgets a pending write whenever a connection is torn down (%s)", (build) => {
    const source = readFileSync(join(process.cwd(), "node_modules/postgres", build, "connection.js"), "utf8");
    const teardowns = source.match(/^\s*clearImmediate\(nextWriteTimer\)\n\s*chunk = nextWriteTimer = null/gm) ?? [];
    expect(teardowns).toHaveLength(2);
  });
});
