import { migrateDatabase } from "../migrate";
import { openForCli } from "./open";
import { runCli } from "./run";

await runCli(async () => {
  const handle = await openForCli();
  try {
    await migrateDatabase(handle);
    return `Migrations applied and reference data loaded (${handle.location}).`;
  } finally {
    await handle.close();
  }
});
