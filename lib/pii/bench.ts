/**
 * A rough benchmark of scanForPii on 1,000-character inputs, for checking by eye that a scan stays
 * far below a millisecond: `npx tsx lib/pii/bench.ts`. Not a test: timings vary from machine to machine.
 */
import { performance } from "node:perf_hooks";
import { NEGATIVE_EXAMPLES, POSITIVE_EXAMPLES } from "./corpus";
import { scanForPii } from "./scan";

const LENGTH = 1_000;

function fill(parts: readonly string[]): string {
  let text = "";
  for (let i = 0; text.length < LENGTH; i++) text += `${parts[i % parts.length]} `;
  return text.slice(0, LENGTH);
}

// Inputs chosen to be typical (clean casework, text full of personal data) and hostile to regexes
// (long runs of digits, letters, separators and trigger words that start many partial matches).
const INPUTS: Record<string, string> = {
  "clean casework": fill(NEGATIVE_EXAMPLES),
  "personal data throughout": fill(POSITIVE_EXAMPLES.map((example) => example.text)),
  "one run of digits": "7".repeat(LENGTH),
  "digits and spaces": "07 ".repeat(LENGTH / 3 + 1).slice(0, LENGTH),
  "one run of letters": "a".repeat(LENGTH),
  "letters and dots": "a.".repeat(LENGTH / 2),
  "at signs": "a@".repeat(LENGTH / 2),
  "house numbers and capitals": "12 Oak ".repeat(LENGTH / 7 + 1).slice(0, LENGTH),
  "name introducers": "her name is ".repeat(LENGTH / 12 + 1).slice(0, LENGTH),
  "dates without years": "12 March ".repeat(LENGTH / 9 + 1).slice(0, LENGTH),
  "hyphenated digits": "1-".repeat(LENGTH / 2),
};

function scansPerSecond(text: string): number {
  for (let i = 0; i < 200; i++) scanForPii(text);
  let runs = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < 500) {
    for (let i = 0; i < 50; i++) scanForPii(text);
    runs += 50;
    elapsed = performance.now() - started;
  }
  return (runs / elapsed) * 1000;
}

for (const [label, text] of Object.entries(INPUTS)) {
  const rate = scansPerSecond(text);
  const findings = scanForPii(text).length;
  console.log(
    `${label.padEnd(28)} ${String(text.length).padStart(5)} chars  ${Math.round(rate).toLocaleString("en-GB").padStart(9)} scans/s  ` +
      `${(1000 / rate).toFixed(3)} ms/scan  ${findings} findings`,
  );
}
