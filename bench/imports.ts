import { once } from "node:events";
import type postgres from "postgres";
import type { Viewer } from "@/lib/access/viewer";
import { DISCLOSURE_COLUMNS } from "@/lib/uploads/disclosure-columns";
import { importDisclosures } from "@/lib/uploads/disclosure-import";
import { UPLOAD_LIMITS } from "@/lib/uploads/events";
import { disclosureCsv, streamOfText, validCells } from "@/lib/uploads/testing";
import type { Figure } from "./measure";

/**
 * The CSV importer (lib/uploads) on `rows` valid disclosures — parsed, checked for personal data,
 * written in batches with their audit events, all or nothing — against COPY of the same file into
 * a table of text columns, the database's own ceiling for loading that file. The portal caps an
 * upload at 50,000 rows; the benchmark lifts the cap to measure the rate.
 */
export async function measureCsvImport(owner: postgres.Sql, lead: Viewer, rows: number, now = new Date()): Promise<Figure[]> {
  const csv = validDisclosuresCsv(rows, now);
  const limits = { ...UPLOAD_LIMITS, maxDataRows: rows, maxBytes: Buffer.byteLength(csv) + 1 };

  let started = performance.now();
  const outcome = await importDisclosures(lead, streamOfText(csv, 64 * 1024), { now, limits });
  const importSeconds = (performance.now() - started) / 1000;
  if (outcome.phase !== "done") throw new Error(`The import failed: ${JSON.stringify(outcome).slice(0, 500)}`);

  // One connection throughout: the temporary table is that session's own.
  const connection = await owner.reserve();
  let copySeconds: number;
  try {
    await connection.unsafe(`create temporary table bench_csv (${DISCLOSURE_COLUMNS.map((column) => `"${column}" text`).join(", ")})`);
    started = performance.now();
    const stream = await connection.unsafe("copy bench_csv from stdin with (format csv, header true)").writable();
    const finished = once(stream, "finish");
    stream.end(csv);
    await finished;
    copySeconds = (performance.now() - started) / 1000;
    await connection.unsafe("drop table bench_csv");
  } finally {
    connection.release();
  }

  return [
    { name: `CSV import of ${rows} disclosures (lib/uploads)`, value: rows / importSeconds, unit: "rows/s", higherIsBetter: true, ceiling: 25_000, ceilingNote: "target" },
    { name: `COPY of the same file into text columns (the database's ceiling)`, value: rows / copySeconds, unit: "rows/s", higherIsBetter: true },
  ];
}

/** A disclosure CSV of `rows` valid rows: 500 different synthetic disclosures (the demo seed's generator), repeated. */
export function validDisclosuresCsv(rows: number, now: Date): string {
  const distinct = Array.from({ length: Math.min(rows, 500) }, (_, seed) => validCells(seed, now));
  return disclosureCsv(Array.from({ length: rows }, (_, index) => distinct[index % distinct.length]!));
}

/** Single-row INSERTs one after another on one connection: the database's own floor for a write. */
export async function measureRawInserts(owner: postgres.Sql, count: number): Promise<Figure[]> {
  const connection = await owner.reserve();
  try {
    await connection.unsafe("create temporary table bench_inserts (id uuid primary key default gen_random_uuid(), body jsonb not null, at timestamptz not null default now())");
    const started = performance.now();
    for (let i = 0; i < count; i++) await connection`insert into bench_inserts (body) values (${JSON.stringify({ n: i })}::jsonb)`;
    const seconds = (performance.now() - started) / 1000;
    await connection.unsafe("drop table bench_inserts");
    return [{ name: "Raw single-row INSERT loop, one connection (the database's reference)", value: count / seconds, unit: "rows/s", higherIsBetter: true }];
  } finally {
    connection.release();
  }
}
