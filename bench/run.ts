// `npm run bench -- [--disclosures N] [--orgs M] [--rounds R] [--seconds S] [--rate Q] [--csv-rows C] [--keep | --database NAME] [--out DIR] [--report FILE]`:
// benchmarks on a throwaway database on the PostgreSQL server (BENCH_PG_SERVER, a superuser URL;
// default the local server), filled by `npm run db:synth`'s loader (or on a database an earlier run
// kept, named with --database: migrated, measured and kept, not filled again), each figure beside its ceiling
// measured in the same run (docs/performance.md). The HTTP figures need the built portal (`npm run
// build` first). Writes <date>.json and .md to bench/results (or --out), and with --report a list of
// the parts measured, as CI counts them. Exits non-zero only when a measurement could not be made,
// never for a missed target: the table says what was missed.
import { writeFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
// Named for what it does here: db/client.ts's useDatabase is no React hook.
import { useDatabase as serveServicesFrom } from "@/db/client";
import { connectServer } from "@/db/connect";
import type { DatabaseHandle } from "@/db/database";
import { migrateDatabase } from "@/db/migrate";
import * as t from "@/db/schema";
import { createApiToken } from "@/lib/api-tokens/service";
import { foldAllInsightChanges } from "@/lib/insights/folding";
import { viewerFor } from "@/lib/testing/viewers";
import type { SubmitterToken } from "@/reliability/support/database";
import { startPortal, type ReliabilityPortal } from "@/reliability/support/portal";
import { synthEmail, synthesise } from "@/scripts/synth/load";
import { synthOrganisations } from "@/scripts/synth/plan";
import { measureAccessRule } from "./access";
import { measureFirstLoad } from "./first-load";
import { peakRssMb } from "./http-load";
import { measureCsvImport, measureRawInserts } from "./imports";
import { measureInsightViews } from "./insights";
import { withinCeiling, type Figure } from "./measure";
import { loadSubmissions, submissionFigures, submitter, UNLIMITED_API } from "./submissions";

const { values } = parseArgs({
  options: {
    disclosures: { type: "string", default: "1000000" },
    orgs: { type: "string", default: "300" },
    rounds: { type: "string", default: "20" },
    seconds: { type: "string", default: "15" },
    rate: { type: "string", default: "100" },
    "csv-rows": { type: "string", default: "100000" },
    keep: { type: "boolean", default: false },
    database: { type: "string" },
    report: { type: "string" },
    out: { type: "string", default: "bench/results" },
  },
});
const numbers = [values.disclosures, values.orgs, values.rounds, values.seconds, values.rate, values["csv-rows"]].map(Number);
const [disclosureCount, partners, rounds, seconds, rate, csvRows] = numbers as [number, number, number, number, number, number];
if (!numbers.every((value) => Number.isSafeInteger(value) && value > 0)) {
  console.error("Usage: npm run bench -- [--disclosures N] [--orgs M] [--rounds R] [--seconds S] [--rate Q] [--csv-rows C], each a positive whole number.");
  process.exit(2);
}

/** The force area whose police analyst views the insights and whose partners submit. */
const WEST_YORKSHIRE = "E23000010";
const server = process.env.BENCH_PG_SERVER ?? "postgres://postgres@127.0.0.1:5432";
const appPassword = process.env.BENCH_APP_PASSWORD ?? "vawg-app-test-password";
const reused = values.database;
if (reused !== undefined && !/^vawg_bench_\d+$/.test(reused)) {
  console.error("--database names a database an earlier run kept: vawg_bench_ and digits.");
  process.exit(2);
}
const name = reused ?? `vawg_bench_${process.pid}`;

/** Each part of the run, with what it measured or why it could not. */
const sections: { name: string; ok: boolean; error?: string; figures: Figure[] }[] = [];
async function section(title: string, work: () => Promise<Figure[]>): Promise<void> {
  const started = performance.now();
  try {
    const figures = await work();
    sections.push({ name: title, ok: true, figures });
    console.info(`${title}: ${figures.length} figures in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } catch (error) {
    sections.push({ name: title, ok: false, error: error instanceof Error ? error.message : String(error), figures: [] });
    console.error(`${title} FAILED:`, error);
  }
}

const admin = postgres(`${server}/postgres`, { max: 1, onnotice: () => {} });
if (!reused) await admin.unsafe(`create database ${name}`);
let generation = "";
/** Disclosures in the database measured: those generated, or those an earlier run kept. */
let measured = disclosureCount;
try {
  const owner = await connectServer(`${server}/${name}`, { max: 2 });
  const ownerSql = (owner.db as unknown as { $client: postgres.Sql }).$client;
  let app: DatabaseHandle | undefined;
  let portal: ReliabilityPortal | undefined;
  try {
    await migrateDatabase(owner);
    if (reused) {
      const [row] = await ownerSql<{ n: number }[]>`select count(*)::int as n from disclosures`;
      measured = row!.n;
      generation = `kept from an earlier run`;
      // An earlier run's last upload may not have been folded yet: counted now, so no view is
      // measured while a backlog is being folded.
      await foldAllInsightChanges(owner.db, { wait: true });
    } else await section(`db:synth of ${disclosureCount} disclosures`, async () => {
      const started = performance.now();
      const summary = await synthesise(owner, { disclosures: disclosureCount, partners, seed: 1 });
      const elapsed = (performance.now() - started) / 1000;
      generation = `${summary.disclosures} disclosures from ${summary.organisations} organisations in ${elapsed.toFixed(0)} s`;
      return [{ name: `db:synth, ${summary.disclosures} disclosures with organisations, agreements and insight counts`, value: summary.disclosures / elapsed, unit: "rows/s", higherIsBetter: true }];
    });

    await owner.db.execute(sql.raw(`alter role vawg_app login password '${appPassword.replaceAll("'", "''")}'`));
    const appUrl = new URL(`${server}/${name}`);
    appUrl.username = "vawg_app";
    appUrl.password = appPassword;
    app = await connectServer(appUrl.toString(), { max: 4 });
    serveServicesFrom(app);

    const { police, partners: submitting } = synthOrganisations(partners, undefined);
    const force = police.find((organisation) => organisation.forceAreaCode === WEST_YORKSHIRE)!;
    const local = submitting.filter((organisation) => organisation.forceAreaCode === WEST_YORKSHIRE);
    const analystViewer = await viewerFor(owner.db, synthEmail(force));
    const leadViewers = await Promise.all(local.map((organisation) => viewerFor(owner.db, synthEmail({ name: organisation.name, type: "third_sector" }))));

    await section("Access rule at volume", async () => {
      const [lead] = leadViewers;
      return measureAccessRule(app!.db, {
        analystViewer,
        analyst: { userId: analystViewer.userId, orgId: analystViewer.organisation.id, role: "analyst" },
        partnerLead: { userId: lead!.userId, orgId: lead!.organisation.id, role: "org_manager" },
        rounds,
      });
    });

    const { token: analystToken } = await createApiToken(analystViewer, { name: "Benchmark", scopes: ["shared_read"], expiresInDays: 1 });
    const tokens: SubmitterToken[] = [];
    for (const [index, viewer] of leadViewers.slice(0, 5).entries()) {
      const { token } = await createApiToken(viewer, { name: "Benchmark", scopes: ["submit"], expiresInDays: 1 });
      const organisation = local[index]!;
      tokens.push({ token, orgId: viewer.organisation.id, partnerType: organisation.type as SubmitterToken["partnerType"], ladCode: organisation.ladCodes[0]! });
    }

    await section("Built portal", async () => {
      portal = await startPortal(appUrl.toString(), UNLIMITED_API);
      return [];
    });
    if (portal) {
      const baseURL = portal.baseURL;
      await section("Insight views", () => measureInsightViews(owner.db, { baseURL, token: analystToken, analystOrgId: analystViewer.organisation.id, rounds }));
      // The high-water mark so far, so that the report can tell the reads' share of the peak from the writes'.
      const peakAfterViews = peakRssMb(portal.process.pid);
      await section("Submission API", async () => submissionFigures(await loadSubmissions(baseURL, tokens, { seconds, offeredRate: rate, portalPid: portal!.process.pid })));
      await section("Freshness", () => measureFreshness(owner, baseURL, tokens[0]!));
      await section("Server memory", async () => {
        const peak = peakRssMb(portal!.process.pid);
        if (peak === undefined || peakAfterViews === undefined) throw new Error("No /proc entry for the portal process");
        return [
          { name: "Peak RSS of the portal process up to the end of the insight views", value: peakAfterViews, unit: "MB", ceiling: 400, ceilingNote: "target" },
          { name: "Peak RSS of the portal process over the run", value: peak, unit: "MB", ceiling: 400, ceilingNote: "target" },
        ];
      });
      // Stopped before the upload, so that its folding loop leaves the upload's log to be measured.
      await portal.stop();
      portal = undefined;
    }
    await section("Database writes", () => measureRawInserts(ownerSql, 2_000));
    await section("CSV import", () => measureCsvImport(ownerSql, leadViewers[0]!, csvRows));
    await section("Upload freshness", () => measureUploadFolding(owner));
    await section("First-load JavaScript", async () => {
      const figures = measureFirstLoad();
      if (figures.length === 0) throw new Error("No build output: run npm run build first");
      return figures;
    });
  } finally {
    await portal?.stop();
    await app?.close();
    await owner.close();
  }
} finally {
  if (values.keep || reused) console.info(`Kept the database ${name} for a closer look; drop it when done.`);
  else await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/**
 * From a submission's request to its count in insight_counts, read as the owner without folding:
 * the submission is logged in its own transaction and counted when the portal's folding loop next
 * comes round (every few seconds), so this is the loop's delay, not a reader's (a reader folds
 * first). The published figures move only when disclosure control lets them (rounding, perturbation).
 */
async function measureFreshness(owner: DatabaseHandle, baseURL: string, token: SubmitterToken): Promise<Figure[]> {
  const total = async () => {
    const [row] = await owner.db
      .select({ n: sql<number>`coalesce(sum(${t.insightCounts.count}), 0)::int` })
      .from(t.insightCounts)
      .where(sql`${t.insightCounts.orgId} = ${token.orgId} and ${t.insightCounts.dimension} = 'total'`);
    return row!.n;
  };
  const before = await total();
  const started = performance.now();
  const status = await submitter(baseURL, [token])(0);
  if (status !== 201) throw new Error(`The submission answered ${status}`);
  while ((await total()) <= before) {
    if (performance.now() - started > 60_000) throw new Error("The submission did not appear in the insight counts within 60 s");
  }
  return [{ name: "Freshness: a submission's request to its count in the insights", value: (performance.now() - started) / 1000, unit: "s", ceiling: 60, ceilingNote: "target" }];
}

/** From an upload's commit to its last disclosure counted: the log of changes it left, folded to the end as the owner. */
async function measureUploadFolding(owner: DatabaseHandle): Promise<Figure[]> {
  const [row] = await owner.db.select({ n: sql<number>`count(*)::int` }).from(t.insightChanges);
  const started = performance.now();
  await foldAllInsightChanges(owner.db, { wait: true });
  const seconds = (performance.now() - started) / 1000;
  return [
    { name: `Folding an upload's ${row!.n} logged changes into the insight counts`, value: row!.n / seconds, unit: "changes/s", higherIsBetter: true },
    { name: "Upload freshness: from its commit to its last disclosure counted", value: seconds, unit: "s", ceiling: 60, ceilingNote: "target" },
  ];
}

const figures = sections.flatMap((part) => part.figures);
const date = new Date().toISOString().slice(0, 10);
const table = [
  `Benchmarks, ${date}, ${measured} disclosures (${generation || "not generated"}), PostgreSQL server ${new URL(server).host}, built portal on loopback`,
  "",
  "| figure | value | ceiling or target | within |",
  "|---|---:|---:|---|",
  ...figures.map(
    (figure) =>
      `| ${figure.name} | ${figure.value.toFixed(2)} ${figure.unit} | ${figure.ceiling === undefined ? "—" : `${figure.higherIsBetter ? "≥ " : ""}${figure.ceiling.toFixed(2)} ${figure.unit}${figure.ceilingNote ? ` (${figure.ceilingNote})` : ""}`} | ${withinCeiling(figure) ? "yes" : "**no**"} |`,
  ),
  ...sections.filter((part) => !part.ok).map((part) => `\n**${part.name} could not be measured:** ${part.error}`),
].join("\n");
const folder = resolve(process.cwd(), values.out);
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, `${date}.json`), `${JSON.stringify({ date, disclosures: measured, generation, figures }, null, 2)}\n`);
writeFileSync(join(folder, `${date}.md`), `${table}\n`);
if (values.report) writeFileSync(values.report, `${JSON.stringify({ sections: sections.map(({ name: title, ok, error }) => ({ name: title, ok, error })) }, null, 2)}\n`);
console.info(table);
process.exit(sections.every((part) => part.ok) ? 0 : 1);
