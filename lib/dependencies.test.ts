import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/**
 * docs/security.md#dependency-floors: the releases that fix this stack's advisories are the
 * floor. next 16.2.11 fixes the Server Action DoS and Host-header SSRF (and everything before:
 * React2Shell, the DoS follow-ups, the proxy bypasses); react and react-dom 19.2.3 carry React's
 * fixes for the Server Components advisories; next-auth 5.0.0-beta.32 fixes the 2026 advisories
 * (homoglyph `@`, malformed Bearer DoS, OAuth state binding).
 */
const FLOORS = {
  next: "16.2.11",
  react: "19.2.3",
  "react-dom": "19.2.3",
  "next-auth": "5.0.0-beta.32",
} as const;

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { version: string }).version;
}

/** Semantic-version order (semver.org §11), build metadata ignored: 5.0.0-beta.9 < 5.0.0-beta.32 < 5.0.0. */
function compareVersions(a: string, b: string): number {
  const parse = (version: string) => {
    const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(version.trim());
    if (!match) throw new Error(`Not a semantic version: ${version}`);
    return { core: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4]?.split(".") ?? [] };
  };
  const [pa, pb] = [parse(a), parse(b)];
  for (let index = 0; index < 3; index++) {
    const difference = pa.core[index]! - pb.core[index]!;
    if (difference !== 0) return Math.sign(difference);
  }
  if (pa.pre.length === 0 || pb.pre.length === 0) return Math.sign(pb.pre.length - pa.pre.length);
  for (let index = 0; index < Math.max(pa.pre.length, pb.pre.length); index++) {
    const [x, y] = [pa.pre[index], pb.pre[index]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny) return Math.sign(Number(x) - Number(y));
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

describe("installed dependencies", () => {
  it.each(Object.entries(FLOORS))("has %s at or above %s", (name, floor) => {
    const installed = installedVersion(name);
    expect(compareVersions(installed, floor), `${name} ${installed} is below the floor ${floor}`).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ["16.2.10", "16.2.11", -1],
    ["16.10.0", "16.2.11", 1],
    ["19.2.3", "19.2.3", 0],
    ["5.0.0-beta.9", "5.0.0-beta.32", -1],
    ["5.0.0-beta.32", "5.0.0-beta.32", 0],
    ["5.0.0", "5.0.0-beta.32", 1],
    ["4.24.15", "5.0.0-beta.32", -1],
    ["16.2.11-canary.3", "16.2.11", -1],
  ])("orders %s against %s as %i", (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
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
