// `npm run bench -- [--disclosures N] [--rounds R] [--keep]`: benchmarks on a throwaway database on the PostgreSQL
// server (BENCH_PG_SERVER, a superuser URL; default the local server), each figure beside its
// ceiling. Queries run as the portal does, logged in as vawg_app (BENCH_APP_PASSWORD is set on it). Writes bench/results/<date>.json and .md, and exits non-zero if a figure is over.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { eq, inArray, sql } from "drizzle-orm";
import postgres from "postgres";
// Named for what it does here: db/client.ts's useDatabase is no React hook.
import { useDatabase as serveServicesFrom } from "@/db/client";
import { connectServer } from "@/db/connect";
import { migrateDatabase } from "@/db/migrate";
import * as t from "@/db/schema";
import { parseEnv } from "@/lib/env";
import { viewerFor } from "@/lib/testing/viewers";
import { seedDemo } from "@/scripts/seed";
import { measureAccessRule } from "./access";
import { insertSubmittedDisclosures } from "./generate";
import { withinCeiling, type Figure } from "./measure";

const { values } = parseArgs({ options: { disclosures: { type: "string", default: "1000000" }, rounds: { type: "string", default: "20" }, keep: { type: "boolean", default: false } } });
const disclosureCount = Number(values.disclosures);
const rounds = Number(values.rounds);
if (!Number.isInteger(disclosureCount) || disclosureCount < 1 || !Number.isInteger(rounds) || rounds < 1) {
  console.error("Usage: npm run bench -- [--disclosures N] [--rounds R], N and R positive whole numbers.");
  process.exit(2);
}

const server = process.env.BENCH_PG_SERVER ?? "postgres://postgres@127.0.0.1:5432";
const appPassword = process.env.BENCH_APP_PASSWORD ?? "vawg-app-test-password";
const name = `vawg_bench_${process.pid}`;
const admin = postgres(`${server}/postgres`, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
let figures: Figure[] = [];
try {
  const handle = await connectServer(`${server}/${name}`, { max: 2 });
  try {
    await migrateDatabase(handle);
    await seedDemo(handle.db, parseEnv({ SEED_DISCLOSURES_PER_PARTNER: "0" }));
    const member = async (email: string) => {
      const [row] = await handle.db
        .select({ userId: t.users.id, orgId: t.memberships.orgId, role: t.memberships.role })
        .from(t.users)
        .innerJoin(t.memberships, eq(t.memberships.userId, t.users.id))
        .where(eq(t.users.email, email));
      return row!;
    };
    const analyst = await member("analyst@police.example");
    const partnerLead = await member("manager@idva.example");
    const providers = await handle.db
      .select({ orgId: t.agreementGrants.providerOrgId })
      .from(t.agreementGrants)
      .where(eq(t.agreementGrants.recipientOrgId, analyst.orgId))
      .groupBy(t.agreementGrants.providerOrgId);
    const started = performance.now();
    await insertSubmittedDisclosures(handle.db, {
      count: disclosureCount,
      orgIds: providers.map((row) => row.orgId),
      createdBy: partnerLead.userId,
      forceAreaCode: "E23000010",
    });
    const generatedIn = (performance.now() - started) / 1000;
    const [inScope] = await handle.db.select({ rows: sql<number>`count(*)::int` }).from(t.disclosures).where(inArray(t.disclosures.orgId, providers.map((row) => row.orgId)));
    console.info(`Generated ${inScope!.rows} disclosures from ${providers.length} providers in ${generatedIn.toFixed(0)} s.`);
    await handle.db.execute(sql.raw(`alter role vawg_app login password '${appPassword.replaceAll("'", "''")}'`));
    const appUrl = new URL(`${server}/${name}`);
    appUrl.username = "vawg_app";
    appUrl.password = appPassword;
    const app = await connectServer(appUrl.toString(), { max: 2 });
    serveServicesFrom(app);
    figures = await measureAccessRule(app.db, {
      analystViewer: await viewerFor(handle.db, "analyst@police.example"),
      analyst: { ...analyst, role: "analyst" },
      partnerLead: { ...partnerLead, role: "org_manager" },
      rounds,
    }).finally(() => app.close());
  } finally {
    await handle.close();
  }
} finally {
  if (values.keep) console.info(`Kept the database ${name} for a closer look; drop it when done.`);
  else await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

const date = new Date().toISOString().slice(0, 10);
const table = [
  `Benchmarks, ${date}, ${disclosureCount} disclosures, PostgreSQL server ${new URL(server).host}`,
  "",
  "| figure | value | ceiling | within |",
  "|---|---:|---:|---|",
  ...figures.map(
    (figure) =>
      `| ${figure.name} | ${figure.value.toFixed(2)} ${figure.unit} | ${figure.ceiling === undefined ? "—" : `${figure.ceiling.toFixed(2)} ${figure.unit}${figure.ceilingNote ? ` (${figure.ceilingNote})` : ""}`} | ${withinCeiling(figure) ? "yes" : "**no**"} |`,
  ),
].join("\n");
const folder = join(process.cwd(), "bench/results");
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, `${date}.json`), `${JSON.stringify({ date, disclosures: disclosureCount, figures }, null, 2)}\n`);
writeFileSync(join(folder, `${date}.md`), `${table}\n`);
console.info(table);
process.exit(figures.every(withinCeiling) ? 0 : 1);
