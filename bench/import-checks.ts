/**
 * The CPU the CSV importer spends on each row before the database sees it, on the rows of the
 * benchmark's CSV import (bench/imports.ts), in two ways:
 *
 * - the checks alone: each row's cells by column (RowCells), turned into the schema's input
 *   (rowToInput) and checked with the submission schema and its personal-data scan
 *   (disclosureParser), on rows read from the file beforehand;
 * - reading and checking: the file streamed through readUpload (lib/uploads/upload-file.ts) with the
 *   same check on each row, as importDisclosures reads it, and the reading alone for comparison.
 *
 * Each row's parsed disclosure is kept, as the importer keeps it until the rows are saved.
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
import { toCsv } from "@/lib/uploads/csv-write";
import { checkDisclosureHeader, rowToInput } from "@/lib/uploads/disclosure-columns";
import { UPLOAD_LIMITS } from "@/lib/uploads/events";
import { streamOfText } from "@/lib/uploads/testing";
import { RowCells, UploadReport, columnsOf, readUpload } from "@/lib/uploads/upload-file";
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

/** The benchmark's file, with a context in every row when asked for. */
function benchmarkFile(): { csv: string; header: string[]; rows: string[][] } {
  const csv = validDisclosuresCsv(rowCount, now);
  const [first, ...records] = parseCsvText(csv, { skipBlankRows: true });
  const header = first!.fields.map((name) => name.trim());
  const rows = records.map((record) => record.fields);
  if (!values.context) return { csv, header, rows };
  const at = header.indexOf("context");
  rows.forEach((fields, index) => (fields[at] = NEGATIVE_EXAMPLES[index % NEGATIVE_EXAMPLES.length]!));
  return { csv: toCsv([header, ...rows]), header, rows };
}

const file = benchmarkFile();
const limits = { ...UPLOAD_LIMITS, maxDataRows: rowCount, maxBytes: Buffer.byteLength(file.csv) + 1 };

/** The importer's check of one row; every row must pass, or the figure means nothing. */
function checkRow(cells: ReadonlyMap<string, string>, parseRow: ReturnType<typeof disclosureParser>, kept: ParsedDisclosure[]): void {
  const { input, errors } = rowToInput(cells);
  const result = parseRow(input);
  if (errors.length > 0 || !result.ok) throw new Error(`A row was refused: ${JSON.stringify(errors)} ${JSON.stringify(result.ok ? {} : result.fieldErrors)}`);
  kept.push(result.parsed);
}

const WAYS = {
  "checks alone": async () => {
    const parseRow = disclosureParser("submit", now);
    const columns = columnsOf(file.header);
    const kept: ParsedDisclosure[] = [];
    for (const fields of file.rows) checkRow(new RowCells(columns, fields), parseRow, kept);
  },
  "reading alone": async () => {
    await readFile(() => {});
  },
  "reading and checking": async () => {
    const parseRow = disclosureParser("submit", now);
    const kept: ParsedDisclosure[] = [];
    await readFile((cells) => checkRow(cells, parseRow, kept));
  },
} satisfies Record<string, () => Promise<void>>;

async function readFile(row: (cells: ReadonlyMap<string, string>) => void): Promise<void> {
  const read = await readUpload(streamOfText(file.csv, 64 * 1024), new UploadReport(), { now, limits }, { checkHeader: checkDisclosureHeader, row: (_line, cells) => row(cells) });
  if (read.phase !== "read") throw new Error(`The file was refused: ${JSON.stringify(read).slice(0, 500)}`);
}

// Garbage collection is timed apart: it runs between rows, not inside any function a profile shows.
const collections: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
observer.observe({ entryTypes: ["gc"] });

type Round = { wall: number; cpu: number; start: number; end: number };
const measured = new Map<string, Round[]>(Object.keys(WAYS).map((way) => [way, []]));
for (const work of Object.values(WAYS)) await work(); // Warm-up: the parser is built, the code compiled, the caches filled.
// The ways take turns, so a machine busy with other work slows each of them alike.
for (let round = 0; round < rounds; round++) {
  for (const [way, work] of Object.entries(WAYS)) {
    const cpuStarted = process.cpuUsage();
    const start = performance.now();
    await work();
    const end = performance.now();
    const used = process.cpuUsage(cpuStarted);
    measured.get(way)!.push({ wall: ((end - start) * 1000) / rowCount, cpu: (used.user + used.system) / rowCount, start, end });
  }
}
await sleep(20); // The observer is told of collections on a later turn.
observer.disconnect();
const collectionOf = ({ start, end }: Round) =>
  collections.filter((entry) => entry.startTime >= start && entry.startTime < end).reduce((sum, entry) => sum + (entry.duration * 1000) / rowCount, 0);

const show = (list: number[]) => `median ${median(list).toFixed(1)} (rounds: ${list.map((value) => value.toFixed(1)).join(", ")})`;
console.log(`${rowCount.toLocaleString("en-GB")} valid rows${values.context ? " with a context" : ""}, µs per row (Node ${process.version}):`);
for (const [way, list] of measured) {
  console.log(`  ${way}`);
  console.log(`    CPU   ${show(list.map((round) => round.cpu))}`);
  console.log(`    wall  ${show(list.map((round) => round.wall))}, of which garbage collection ${show(list.map(collectionOf))}`);
}
const cpuOf = (way: keyof typeof WAYS) => median(measured.get(way)!.map((round) => round.cpu));
console.log(`At the median CPU, one core checks ${Math.round(1e6 / cpuOf("checks alone")).toLocaleString("en-GB")} rows/s, and reads and checks ${Math.round(1e6 / cpuOf("reading and checking")).toLocaleString("en-GB")} rows/s.`);
