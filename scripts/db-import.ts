// `npm run db:import -- backup.tar.gz`: starts the embedded database's data folder (which must not
// hold one) from a file `npm run db:export` made. docs/operations.md.
import { getEnv } from "@/lib/env";
import { runCli } from "./command-line";
import { embeddedOnly, importEmbedded } from "./embedded-backup";

await runCli(async () => {
  const env = getEnv();
  const file = embeddedOnly(env, process.argv.slice(2), "db:import");
  await importEmbedded(file, env.PGLITE_DATA_DIR);
  return `Imported ${file} into ${env.PGLITE_DATA_DIR}; start the portal as usual.`;
});
