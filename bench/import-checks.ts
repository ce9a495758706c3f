/**
 * The CPU the CSV importer spends checking rows, without the database: each row's cells by column
 * (RowCells), turned into the schema's input (rowToInput) and checked with the submission schema and
 * its personal-data scan (disclosureParser), as importDisclosures does while the file streams in.
 * The rows are those of the benchmark's CSV import (bench/imports.ts), parsed from the CSV text
 * beforehand.
 *
 *   npx tsx --tsconfig tsconfig.cli.json bench/import-checks.ts [--rows 20000] [--rounds 3] [--context]
 *
 * `--context` gives every row a benign free-text context (lib/pii/corpus.ts), so the scan runs
 * too; the benchmark's rows have none. To see where the time goes:
 *
 *   TSX_TSCONFIG_PATH=tsconfig.cli.json node --cpu-prof --cpu-prof-dir=.profiles --import tsx bench/import-checks.ts
 */
import { PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { parseCsvText } from "@/lib/csv/strict";
import { disclosureParser, type ParsedDisclosure } from "@/lib/disclosures/parse";
import { NEGATIVE_EXAMPLES } from "@/lib/pii/corpus";
import { rowToInput } from "@/lib/uploads/disclosure-columns";
import { RowCells, columnsOf } from "@/lib/uploads/upload-file";
import { validDisclosuresCsv } from "./imports";
import { median } from "./measure";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "20000" },
    rounds: { type: "string", default: "3" },
    context: { type: "boolean", default: false },
  },
});
const rowCount = Number(values.rows);
const rounds = Number(values.rounds);
const now = new Date();

/** The file's header and data rows, read as the upload reads them (lib/uploads/upload-file.ts). */
function readCsv(csv: string): { header: string[]; rows: string[][] } {
  const [header, ...records] = parseCsvText(csv, { skipBlankRows: true });
  const names = header!.fields.map((name) => name.trim());
  const at = names.indexOf("context");
  const rows = records.map((record, index) => {
    if (values.context) record.fields[at] = NEGATIVE_EXAMPLES[index % NEGATIVE_EXAMPLES.length]!;
    return record.fields;
  });
  return { header: names, rows };
}

const { header, rows } = readCsv(validDisclosuresCsv(rowCount, now));
const columns = columnsOf(header);

/**
 * One pass of the importer's row check over every row: the row's cells by column, its input, its
 * check. What each row parsed to is kept, as the importer keeps it until the rows are saved. Every
 * row must pass, or the figure means nothing.
 */
function checkAll(): ParsedDisclosure[] {
  const parseRow = disclosureParser("submit", now);
  const kept: ParsedDisclosure[] = [];
  for (let index = 0; index < rows.length; index++) {
    const { input, errors } = rowToInput(new RowCells(columns, rows[index]!));
    const result = parseRow(input);
    if (errors.length > 0 || !result.ok) {
      throw new Error(`Row ${index + 2} was refused: ${JSON.stringify(errors)} ${JSON.stringify(result.ok ? {} : result.fieldErrors)}`);
    }
    kept.push(result.parsed);
  }
  return kept;
}

// Garbage collection is timed apart: it runs between rows, not inside any function a profile shows.
const collections: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
observer.observe({ entryTypes: ["gc"] });

checkAll(); // Warm-up: the parser is built, the code compiled, the caches filled.
const wall: number[] = [];
const cpu: number[] = [];
const windows: [number, number][] = [];
for (let round = 0; round < rounds; round++) {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  checkAll();
  const ended = performance.now();
  const used = process.cpuUsage(cpuStarted);
  wall.push(((ended - started) * 1000) / rows.length);
  cpu.push((used.user + used.system) / rows.length);
  windows.push([started, ended]);
}
await sleep(20); // The observer is told of collections on a later turn.
observer.disconnect();
const gc = windows.map(([start, end]) =>
  collections.filter((entry) => entry.startTime >= start && entry.startTime < end).reduce((sum, entry) => sum + (entry.duration * 1000) / rows.length, 0),
);

const show = (list: number[]) => list.map((value) => value.toFixed(1)).join(", ");
console.log(`Row checks of ${rows.length.toLocaleString("en-GB")} valid rows${values.context ? " with a context" : ""} (Node ${process.version}):`);
console.log(`  wall µs/row: median ${median(wall).toFixed(1)} (rounds: ${show(wall)})`);
console.log(`  CPU µs/row:  median ${median(cpu).toFixed(1)} (rounds: ${show(cpu)})`);
console.log(`  of the wall time, garbage collection µs/row: median ${median(gc).toFixed(1)} (rounds: ${show(gc)})`);
console.log(`  at the median CPU, one core checks ${Math.round(1e6 / median(cpu)).toLocaleString("en-GB")} rows/s`);
