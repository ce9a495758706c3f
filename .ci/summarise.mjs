// Reads the test reports of one CI run and prints, for each stage, what its runner counted, then
// the closing line over distinct tests: "N passed, N failed".
//
// - A test that runs in two stages (the integration tests run on PGlite and again on the
//   PostgreSQL server) counts once: passed only if it passed in every stage that ran it.
// - A skipped or pending test counts as failed: a test that did not run proves nothing.
// - The benchmark smoke run's report lists its parts; each counts as a test that passed when it
//   measured to the end (missed targets are not failures).
// - A failed stage arrives as "name|report". One whose report counts failed tests is counted
//   already; any other (install, typecheck, lint, build, a runner that crashed) adds a failure,
//   so a red stage never ends in "0 failed".
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const [reportsDir, ...failedStages] = process.argv.slice(2);
const STAGES = [
  ["vitest-pglite.json", "unit and integration tests (PGlite)", vitestResults],
  ["vitest-server.json", "integration tests (PostgreSQL server)", vitestResults],
  ["e2e.json", "browser tests (built portal, PostgreSQL server)", playwrightResults],
  ["vitest-reliability.json", "reliability: load, restart, backup", vitestResults],
  ["bench-smoke.json", "benchmark smoke", benchResults],
];

/** Every test's outcome: "passed", "failed" or "skipped", keyed by file and full name. */
const outcomes = new Map();
const failingReports = new Set();

for (const [file, stage, read] of STAGES) {
  const path = join(reportsDir, file);
  if (!existsSync(path)) continue;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const [key, outcome] of read(JSON.parse(readFileSync(path, "utf8")))) {
    counts[outcome] += 1;
    const before = outcomes.get(key);
    if (before === undefined || rank(outcome) > rank(before)) outcomes.set(key, outcome);
  }
  if (counts.failed + counts.skipped > 0) failingReports.add(file);
  console.log(`${stage}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const outcome of outcomes.values()) {
  if (outcome === "passed") passed += 1;
  else if (outcome === "failed") failed += 1;
  else skipped += 1;
}
if (skipped > 0) console.log(`${skipped} skipped tests count as failed`);
failed += skipped;

for (const entry of failedStages) {
  const [stage, report] = entry.split("|");
  console.log(`stage failed: ${stage}`);
  if (!failingReports.has(report)) failed += 1;
}

console.log(`distinct tests: ${outcomes.size} (a test run on both databases counts once)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

function rank(outcome) {
  return { passed: 0, skipped: 1, failed: 2 }[outcome];
}

function* vitestResults(report) {
  for (const file of report.testResults) {
    const name = relative(process.cwd(), file.name);
    // A file that failed to load has no assertion results: it counts as one failed test.
    if (file.assertionResults.length === 0) yield [`${name} (file)`, file.status === "passed" ? "passed" : "failed"];
    for (const test of file.assertionResults) {
      const outcome = test.status === "passed" ? "passed" : test.status === "failed" ? "failed" : "skipped";
      yield [`${name} › ${test.fullName}`, outcome];
    }
  }
}

/** Each part of the benchmark smoke run counts as one test: passed when it measured to the end. */
function* benchResults(report) {
  for (const section of report.sections ?? []) yield [`bench › ${section.name}`, section.ok ? "passed" : "failed"];
}

function* playwrightResults(report) {
  // Errors outside any test (the web server did not start, a global hook failed) count as one failure.
  if ((report.errors ?? []).length > 0) yield ["browser tests (run)", "failed"];
  const walk = function* (suite, titles) {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const outcome = test.status === "expected" ? "passed" : test.status === "skipped" ? "skipped" : "failed";
        yield [`e2e › ${test.projectName} › ${[...titles, spec.title].join(" › ")}`, outcome];
      }
    }
    for (const child of suite.suites ?? []) yield* walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) yield* walk(suite, [suite.title]);
}
