import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** docs/security.md#dependencies: the releases that fix this stack's advisories are the floor. */
const FLOORS = {
  next: "16.2.6",
  react: "19.2.1",
  "react-dom": "19.2.1",
} as const;

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { version: string }).version;
}

function compare(a: string, b: string): number {
  const [pa, pb] = [a, b].map((version) => version.split(/[.-]/).slice(0, 3).map(Number));
  for (let index = 0; index < 3; index++) {
    const difference = (pa![index] ?? 0) - (pb![index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

describe("installed dependencies", () => {
  it.each(Object.entries(FLOORS))("has %s at or above %s", (name, floor) => {
    expect(compare(installedVersion(name), floor)).toBeGreaterThanOrEqual(0);
  });

  it("pins every dependency to an exact version", () => {
    const manifest = JSON.parse(readFileSync("package.json", "utf8")) as Record<string, Record<string, string>>;
    for (const group of ["dependencies", "devDependencies"]) {
      for (const [name, range] of Object.entries(manifest[group] ?? {})) {
        expect(range, name).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
      }
    }
  });
});
