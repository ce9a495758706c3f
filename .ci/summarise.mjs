// Sums the test reports of one CI run and prints the closing line: "N passed, N failed".
// Failed stages arrive as "name|report". One whose report counts failed tests is already
// counted; any other (install, typecheck, lint, build, a runner that crashed) adds one failure,
// so a red stage can never end in "0 failed".
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [reportsDir, ...failedStages] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const failuresIn = {};

function read(name) {
  const path = join(reportsDir, name);
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
}

for (const name of ["vitest-pglite.json", "vitest-server.json"]) {
  const report = read(name);
  if (!report) continue;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  failuresIn[name] = report.numFailedTests;
  console.log(`${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}

const e2e = read("e2e.json");
if (e2e) {
  const { expected = 0, unexpected = 0, flaky = 0, skipped: e2eSkipped = 0 } = e2e.stats ?? {};
  passed += expected;
  failed += unexpected + flaky;
  skipped += e2eSkipped;
  failuresIn["e2e.json"] = unexpected + flaky;
  console.log(`e2e.json: ${expected} passed, ${unexpected + flaky} failed`);
}

for (const entry of failedStages) {
  const [stage, report] = entry.split("|");
  console.log(`stage failed: ${stage}`);
  if (!(failuresIn[report] > 0)) failed += 1;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
