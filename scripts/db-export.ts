// `npm run db:export -- backup.tar.gz`: copies the embedded database (stop the portal first) into
// one file; `npm run db:import` starts a new data folder from it. docs/operations.md.
import { getEnv } from "@/lib/env";
import { runCli } from "./command-line";
import { embeddedOnly, exportEmbedded } from "./embedded-backup";

await runCli(async () => {
  const env = getEnv();
  const file = embeddedOnly(env, process.argv.slice(2), "db:export");
  const { bytes } = await exportEmbedded(env.PGLITE_DATA_DIR, file);
  return `Exported the embedded database in ${env.PGLITE_DATA_DIR} to ${file} (${Math.ceil(bytes / 1024)} KB).`;
});
