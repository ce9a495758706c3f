// `npm run db:synth -- --disclosures N [--orgs M] [--seed S]`: adds N synthetic disclosures over ten
// years and every police force area to a migrated database, from M synthetic partner organisations
// (default 300) under one agreement per force area, and rebuilds the insight counts
// (docs/performance.md). Needs a PostgreSQL superuser in DATABASE_MIGRATION_URL (or DATABASE_URL):
// the load switches off triggers for its own session. Never with NODE_ENV=production.
import { parseArgs } from "node:util";
import { migrateDatabase } from "@/db/migrate";
import { getEnv } from "@/lib/env";
import { OperatorError } from "@/lib/operator-error";
import { openForCli, runCli } from "./command-line";
import { assertSeedAllowed } from "./seed";
import { synthesise } from "./synth/load";

class UsageError extends OperatorError {
  override name = "UsageError";
}

await runCli(async () => {
  assertSeedAllowed(getEnv());
  const { values } = parseArgs({ options: { disclosures: { type: "string" }, orgs: { type: "string", default: "300" }, seed: { type: "string", default: "1" } } });
  const [disclosures, partners, seed] = [values.disclosures, values.orgs, values.seed].map(Number);
  if (!Number.isSafeInteger(disclosures) || disclosures! < 1 || !Number.isSafeInteger(partners) || !Number.isSafeInteger(seed)) {
    throw new UsageError("Usage: npm run db:synth -- --disclosures N [--orgs M] [--seed S], whole numbers; M at least the 43 police force areas.");
  }
  const handle = await openForCli();
  try {
    await migrateDatabase(handle);
    const started = performance.now();
    let reported = 0;
    const summary = await synthesise(handle, {
      disclosures: disclosures!,
      partners: partners!,
      seed: seed!,
      progress: (written) => {
        if (written - reported < 500_000 && written !== disclosures) return;
        reported = written;
        console.info(`${written} disclosures written, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    return (
      `Synthesised in ${handle.location}: ${summary.disclosures} disclosures (${summary.threatAreas} threat areas) from ` +
      `${summary.organisations} organisations under ${summary.agreements} new agreements, insight counts rebuilt, in ${seconds.toFixed(0)} s ` +
      `(${Math.round(summary.disclosures / seconds)} disclosures/s).`
    );
  } finally {
    await handle.close();
  }
});
