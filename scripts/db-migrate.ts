// `npm run db:migrate`: applies every pending migration and loads the reference data.
import { migrateDatabase } from "@/db/migrate";
import { openForCli, runCli } from "./command-line";

await runCli(async () => {
  const handle = await openForCli();
  try {
    await migrateDatabase(handle);
    return `Migrations applied and reference data loaded (${handle.location}).`;
  } finally {
    await handle.close();
  }
});
