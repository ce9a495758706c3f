import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import { organisationCoverage, recordedCrimeReturns } from "@/db/schema";
import { authorise } from "@/lib/access/authorise";
import { contextOf } from "@/lib/access/guard";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/viewer";
import { ukMonthOf } from "@/lib/disclosures/schema";
import { Invalid } from "@/lib/errors";
import { getPoliceForceArea } from "@/lib/reference";
import { EARLIEST_DISCLOSURE_MONTH, THREAT_AREAS, type ThreatArea } from "@/lib/taxonomy";
import { PROGRESS_EVERY, type UploadError, type UploadEvent } from "./events";
import { recordRejection, resolveRejections } from "./rejected";
import { RECORDED_CRIME_COLUMNS } from "./templates";
import { UploadReport, readUpload, type UploadOptions } from "./upload-file";

type Column = (typeof RECORDED_CRIME_COLUMNS)[number];

/** At most this many returns in one API request. */
export const MAX_API_RETURNS = 5_000;
const MAX_COUNT = 1_000_000;

type RecordedCrimeReturn = { forceAreaCode: string; month: string; threatArea: ThreatArea; count: number };


/** The force areas the viewer's police organisation covers, by code and name; its partner lead only. */
export async function listCoveredForceAreas(viewer: Viewer): Promise<{ code: string; name: string }[]> {
  await authorise(viewer, "recorded_crime.upload");
  const codes = await withContext(await getDatabase(), contextOf(viewer), (tx) => coveredForceAreas(tx, viewer));
  return [...codes].sort().map((code) => ({ code, name: getPoliceForceArea(code)?.name ?? code }));
}

async function coveredForceAreas(tx: Database, viewer: Viewer): Promise<Set<string>> {
  const rows = await tx.select({ code: organisationCoverage.forceAreaCode }).from(organisationCoverage).where(eq(organisationCoverage.orgId, viewer.organisation.id));
  return new Set(rows.map((row) => row.code));
}

type Rules = { coverage: ReadonlySet<string>; latestMonth: string };

/**
 * One return checked field by field: a force area the organisation covers, a month from January
 * 2015 to this month, a threat area code and a whole count of at least zero. CSV cells are text;
 * the API sends the count as a JSON number.
 */
function parseReturn(input: Record<string, unknown>, rules: Rules, source: "csv" | "json"): { value?: RecordedCrimeReturn; errors: { field: Column; message: string }[] } {
  const errors: { field: Column; message: string }[] = [];
  const text = (field: Column) => (typeof input[field] === "string" ? (input[field] as string).trim() : undefined);

  const forceArea = text("force_area_code")?.toUpperCase();
  if (!forceArea) errors.push({ field: "force_area_code", message: "Enter the police force area code, such as E23000010" });
  else if (!rules.coverage.has(forceArea)) {
    errors.push({ field: "force_area_code", message: getPoliceForceArea(forceArea) ? "Enter a force area your organisation covers" : "Enter a police force area code from the list, such as E23000010" });
  }

  const month = text("month");
  if (!month) errors.push({ field: "month", message: "Enter the month, like 2024-03" });
  else if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) errors.push({ field: "month", message: "Enter the month as a year and month, like 2024-03" });
  else if (month > rules.latestMonth) errors.push({ field: "month", message: "Enter a month that is not in the future" });
  else if (month < EARLIEST_DISCLOSURE_MONTH) errors.push({ field: "month", message: "Enter a month that is January 2015 or later" });

  const area = text("threat_area");
  if (!area) errors.push({ field: "threat_area", message: "Enter the threat area code, such as domestic_abuse" });
  else if (!THREAT_AREAS.has(area)) errors.push({ field: "threat_area", message: "Enter a threat area code from the list" });

  const rawCount = input.count;
  const countMessage = `Enter the count as a whole number from 0 to ${MAX_COUNT.toLocaleString("en-GB")}`;
  let count: number | undefined;
  if (source === "csv" && typeof rawCount === "string" && /^\s*\d{1,7}\s*$/.test(rawCount)) count = Number(rawCount);
  else if (source === "json" && typeof rawCount === "number" && Number.isInteger(rawCount)) count = rawCount;
  if (count === undefined || count < 0 || count > MAX_COUNT) {
    errors.push({ field: "count", message: rawCount === undefined || rawCount === "" ? "Enter the count" : countMessage });
  }

  if (errors.length > 0 || !forceArea || !month || !THREAT_AREAS.has(area) || count === undefined) return { errors };
  return { value: { forceAreaCode: forceArea, month, threatArea: area, count }, errors };
}

const keyOf = (value: RecordedCrimeReturn) => `${value.forceAreaCode}|${value.month}|${value.threatArea}`;

function checkHeader(header: readonly string[]): UploadError[] {
  const errors: UploadError[] = [];
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (!(RECORDED_CRIME_COLUMNS as readonly string[]).includes(name)) {
      const shown = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(name) ? name : `column ${index + 1}`;
      errors.push({ row: 1, column: shown, message: `‘${shown}’ is not a column of the template. The columns are ${RECORDED_CRIME_COLUMNS.join(", ")}.` });
    } else if (seen.has(name)) errors.push({ row: 1, column: name, message: `The column ‘${name}’ appears more than once.` });
    seen.add(name);
  });
  for (const column of RECORDED_CRIME_COLUMNS) if (!seen.has(column)) errors.push({ row: 1, column, message: `The column ‘${column}’ is missing.` });
  return errors;
}

/**
 * Imports a police force's monthly returns from CSV (force_area_code, month, threat_area, count),
 * all or nothing: every row is checked first; with no error each is saved in one transaction,
 * replacing the count already held for the same force area, month and threat area. A refused file
 * is kept (without its cells) for the dashboard until a later upload succeeds.
 */
export async function importRecordedCrime(viewer: Viewer, stream: ReadableStream<Uint8Array>, options: UploadOptions = {}): Promise<UploadEvent & { phase: "done" | "failed" }> {
  await authorise(viewer, "recorded_crime.upload");
  const now = options.now ?? new Date();
  const db = await getDatabase();
  const rules: Rules = { coverage: await withContext(db, contextOf(viewer), (tx) => coveredForceAreas(tx, viewer)), latestMonth: ukMonthOf(now) };
  const report = new UploadReport();
  const values: RecordedCrimeReturn[] = [];
  const keys = new Map<string, number>();
  const read = await readUpload(stream, report, options, {
    checkHeader,
    row: (line, cells) => {
      const { value, errors } = parseReturn(Object.fromEntries(cells), rules, "csv");
      for (const error of errors) report.add({ row: line, column: error.field, message: error.message });
      if (!value) return;
      const earlier = keys.get(keyOf(value));
      if (earlier !== undefined) {
        report.add({ row: line, column: "", message: `The same force area, month and threat area is on row ${earlier}` });
        return;
      }
      keys.set(keyOf(value), line);
      values.push(value);
    },
  });
  if (read.phase === "failed") {
    await recordRejection(viewer, "recorded_crime", options.fileName, read, now);
    return read;
  }
  const saved = await withContext(db, contextOf(viewer), async (tx) => {
    await resolveRejections(tx, viewer, "recorded_crime", now);
    return upsert(tx, viewer, values, now, "csv", options.onProgress);
  });
  return { phase: "done", rows: values.length, added: saved.added, updated: saved.updated, alreadySubmitted: [] };
}

/**
 * The API's batch of returns, `{ "returns": [...] }` with at most 5,000, checked as the CSV is and
 * saved all or nothing; errors name their place, as `returns[3].count`.
 */
export async function submitRecordedCrimeReturns(viewer: Viewer, body: unknown, now = new Date()): Promise<{ received: number; added: number; updated: number }> {
  await authorise(viewer, "recorded_crime.upload");
  const list = isRecord(body) ? body.returns : undefined;
  if (!isRecord(body) || Object.keys(body).some((key) => key !== "returns")) {
    throw new Invalid("Send an object with one field, returns: a list of recorded-crime returns.", { returns: "Send the returns as a list" });
  }
  if (!Array.isArray(list) || list.length === 0) throw new Invalid("Send at least one return.", { returns: "Send the returns as a list of at least one" });
  if (list.length > MAX_API_RETURNS) {
    throw new Invalid(`Send at most ${MAX_API_RETURNS.toLocaleString("en-GB")} returns in one request.`, { returns: `Send at most ${MAX_API_RETURNS.toLocaleString("en-GB")} returns` });
  }
  const db = await getDatabase();
  const rules: Rules = { coverage: await withContext(db, contextOf(viewer), (tx) => coveredForceAreas(tx, viewer)), latestMonth: ukMonthOf(now) };
  const fieldErrors: Record<string, string> = {};
  const values: RecordedCrimeReturn[] = [];
  const keys = new Map<string, number>();
  list.forEach((item, index) => {
    if (!isRecord(item)) {
      fieldErrors[`returns[${index}]`] = "Send each return as an object with force_area_code, month, threat_area and count";
      return;
    }
    for (const key of Object.keys(item)) {
      if (!(RECORDED_CRIME_COLUMNS as readonly string[]).includes(key)) {
        fieldErrors[`returns[${index}]`] = `Remove ${/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(key) ? `‘${key}’` : "a field"}: a return has only force_area_code, month, threat_area and count`;
      }
    }
    const { value, errors } = parseReturn(item, rules, "json");
    for (const error of errors) fieldErrors[`returns[${index}].${error.field}`] = error.message;
    if (!value) return;
    const earlier = keys.get(keyOf(value));
    if (earlier !== undefined) {
      fieldErrors[`returns[${index}]`] = `The same force area, month and threat area is at returns[${earlier}]`;
      return;
    }
    keys.set(keyOf(value), index);
    values.push(value);
  });
  if (Object.keys(fieldErrors).length > 0) throw new Invalid("There is a problem with the returns. Nothing was saved.", fieldErrors);
  const saved = await withContext(db, contextOf(viewer), (tx) => upsert(tx, viewer, values, now, "api"));
  return { received: values.length, ...saved };
}

async function upsert(
  tx: Database,
  viewer: Viewer,
  values: readonly RecordedCrimeReturn[],
  now: Date,
  via: "csv" | "api",
  onProgress?: UploadOptions["onProgress"],
): Promise<{ added: number; updated: number }> {
  let added = 0;
  let updated = 0;
  for (let i = 0; i < values.length; i += PROGRESS_EVERY) {
    const batch = values.slice(i, i + PROGRESS_EVERY);
    const rows = await tx
      .insert(recordedCrimeReturns)
      .values(
        batch.map((value) => ({
          orgId: viewer.organisation.id,
          forceAreaCode: value.forceAreaCode,
          month: `${value.month}-01`,
          threatArea: value.threatArea,
          count: value.count,
          createdBy: viewer.userId,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [recordedCrimeReturns.orgId, recordedCrimeReturns.forceAreaCode, recordedCrimeReturns.month, recordedCrimeReturns.threatArea],
        set: { count: sql`excluded.count`, updatedAt: now },
      })
      // A row inserted now has no xmax; one that already existed was updated.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    for (const row of rows) {
      if (row.inserted === true || String(row.inserted) === "true" || String(row.inserted) === "t") added += 1;
      else updated += 1;
    }
    await onProgress?.({ phase: "saving", saved: Math.min(i + batch.length, values.length), total: values.length });
  }
  await recordAudit(tx, auditEvent(viewer, "recorded_crime.uploaded", { subject: { type: "organisation", id: viewer.organisation.id }, details: { via, returns: values.length, added, updated } }));
  return { added, updated };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
