/**
 * `npm run pii:eval`: the privacy check's recall and precision on the labelled set, by kind, for the
 * tuning part and the held-out part apart, and the time to scan a 5,000-character note. Exits
 * non-zero when recall or precision on the whole set falls below lib/pii/eval/baseline.json;
 * `npm run pii:eval -- --write-baseline` records the current figures there.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { PII_KINDS } from "../kinds";
import { scanForPii } from "../scan";
import { BENIGN, REFUSED } from "./bases";
import { evaluate, precision, recall, type Report } from "./evaluate";
import { EVALUATION_SET, type Part } from "./set";

const BASELINE = path.join(process.cwd(), "lib/pii/eval/baseline.json");
const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);

function table(title: string, report: Report): void {
  console.log(`\n${title}`);
  console.log(`  ${"kind".padEnd(22)} ${"recall".padStart(7)} ${"precision".padStart(9)}   caught/refusable  wrong findings`);
  for (const kind of PII_KINDS) {
    const score = report.byKind[kind];
    console.log(
      `  ${kind.padEnd(22)} ${percent(recall(score))} ${percent(precision(score)).padStart(9)}   ` +
        `${`${score.truePositives}/${score.truePositives + score.falseNegatives}`.padStart(16)}  ${String(score.falsePositives).padStart(14)}`,
    );
  }
  const { overall } = report;
  console.log(
    `  ${"whole part (sentences)".padEnd(22)} ${percent(recall(overall))} ${percent(precision(overall)).padStart(9)}   ` +
      `${`${overall.truePositives}/${overall.truePositives + overall.falseNegatives}`.padStart(16)}  ${String(overall.falsePositives).padStart(14)}`,
  );
}

function note(parts: readonly string[], length = 5_000): string {
  let text = "";
  for (let i = 0; text.length < length; i++) text += `${parts[(i * 7) % parts.length]} `;
  return text.slice(0, length);
}

type Timing = { p50: number; p95: number; cpuP50: number; cpuP95: number };

/** Wall-clock and CPU time per scan: on a shared machine the CPU time says more about the code. */
function timings(text: string, runs = 400): Timing {
  for (let i = 0; i < 50; i++) scanForPii(text);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    scanForPii(text);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  const at = (list: number[], q: number) => [...list].sort((a, b) => a - b)[Math.floor(runs * q)]!;
  return { p50: at(wall, 0.5), p95: at(wall, 0.95), cpuP50: at(cpu, 0.5), cpuP95: at(cpu, 0.95) };
}
const show = (timing: Timing) =>
  `wall p50 ${timing.p50.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms; CPU p50 ${timing.cpuP50.toFixed(2)} ms, p95 ${timing.cpuP95.toFixed(2)} ms`;
const rounded = (timing: Timing) => Object.fromEntries(Object.entries(timing).map(([key, value]) => [key, Number(value.toFixed(2))]));

const refusable = EVALUATION_SET.filter((sample) => sample.expected !== undefined).length;
console.log(`Labelled set: ${EVALUATION_SET.length} sentences, ${refusable} to refuse, ${EVALUATION_SET.length - refusable} benign.`);
for (const part of ["tuning", "held-out"] as Part[]) {
  const count = EVALUATION_SET.filter((sample) => sample.part === part).length;
  const report = evaluate(EVALUATION_SET, scanForPii, part);
  table(`${part === "tuning" ? "Tuning part" : "Held-out part (never tuned on)"}: ${count} sentences`, report);
  if (part === "tuning") {
    for (const sample of report.missed) console.log(`  missed (${sample.expected?.kind}, ${sample.disguise}): ${JSON.stringify(sample.text)}`);
    for (const sample of report.wronglyRefused) {
      const found = scanForPii(sample.text).map((finding) => `${finding.kind} ${JSON.stringify(sample.text.slice(finding.start, finding.end))}`);
      console.log(`  wrongly refused: ${JSON.stringify(sample.text)} (${found.join(", ")})`);
    }
  }
}
const whole = evaluate(EVALUATION_SET, scanForPii);
table(`Whole set: ${EVALUATION_SET.length} sentences`, whole);

const clean = timings(note(BENIGN));
const mixed = timings(note([...BENIGN, ...REFUSED.map((base) => base.text.replace(/[{}]/g, ""))]));
console.log(`\nScanning a 5,000-character note (Node ${process.version}; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores):`);
console.log(`  benign casework            ${show(clean)}`);
console.log(`  casework with identifiers  ${show(mixed)}`);

const figures = { recall: Number(recall(whole.overall).toFixed(4)), precision: Number(precision(whole.overall).toFixed(4)) };
if (process.argv.includes("--write-baseline")) {
  const heldOut = evaluate(EVALUATION_SET, scanForPii, "held-out").overall;
  const baseline = {
    sentences: EVALUATION_SET.length,
    whole: figures,
    heldOut: { recall: Number(recall(heldOut).toFixed(4)), precision: Number(precision(heldOut).toFixed(4)) },
    scan5000CharsMs: { benign: rounded(clean), withIdentifiers: rounded(mixed), loadAverage: Number(loadavg()[0]?.toFixed(1)) },
  };
  writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(`\nBaseline written to ${path.relative(process.cwd(), BASELINE)}.`);
} else {
  const baseline = JSON.parse(readFileSync(BASELINE, "utf8")) as { whole: { recall: number; precision: number } };
  const below = (["recall", "precision"] as const).filter((measure) => figures[measure] < baseline.whole[measure]);
  if (below.length > 0) {
    console.error(`\nFAILED: ${below.map((measure) => `${measure} ${percent(figures[measure]).trim()} is below the committed ${percent(baseline.whole[measure]).trim()}`).join("; ")}.`);
    process.exit(1);
  }
  console.log(`\nWhole set at or above the committed figures (recall ${percent(baseline.whole.recall).trim()}, precision ${percent(baseline.whole.precision).trim()}).`);
}
