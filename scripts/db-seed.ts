// `npm run db:seed`: migrates, then fills an empty database with the demo organisations,
// accounts, agreements and synthetic disclosures.
import { migrateDatabase } from "@/db/migrate";
import { getEnv } from "@/lib/env";
import { openForCli, runCli } from "./command-line";
import { assertSeedAllowed, isEmpty, seedDemo } from "./seed";

await runCli(async () => {
  const env = getEnv();
  assertSeedAllowed(env);
  const handle = await openForCli();
  try {
    await migrateDatabase(handle);
    if (!(await isEmpty(handle.db))) return `The database at ${handle.location} already holds organisations; nothing seeded.`;
    const summary = await seedDemo(handle.db, env);
    return (
      `Seeded ${handle.location}: ${summary.organisations} organisations, ${summary.users} accounts, ` +
      `${summary.agreements} agreements, ${summary.disclosures} disclosures.`
    );
  } finally {
    await handle.close();
  }
});
