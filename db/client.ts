import { sql } from "drizzle-orm";
import { getEnv, isBuildPhase } from "@/lib/env";
import { log } from "@/lib/log";
import { APP_ROLE, appRoleProblem } from "./app-role";
import { DatabaseUnavailableError, connectServer, openEmbedded } from "./connect";
import type { Database, DatabaseHandle } from "./database";
import { countPendingMigrations, migrateDatabase } from "./migrate";
import { isEmpty, seedDemo } from "@/scripts/seed";

/**
 * The process's one database: the server in DATABASE_URL, or else the embedded PGlite folder,
 * migrated (and seeded with demo data when new) on first use. Kept on globalThis because Next
 * may load this module more than once in one process, and the embedded folder allows one owner.
 */
const KEY = Symbol.for("vawg-portal.database");
type Holder = { [KEY]?: Promise<DatabaseHandle> };
const holder = globalThis as Holder;

export async function getDatabase(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  if (!holder[KEY]) {
    const opening = openConfiguredDatabase();
    holder[KEY] = opening;
    // A failed open is not cached, so the next request tries again (the server may be back).
    opening.catch(() => {
      if (holder[KEY] === opening) delete holder[KEY];
    });
  }
  return holder[KEY];
}

/** Makes an already open database the process's one: how service tests run against their own. */
export function useDatabase(handle: DatabaseHandle): void {
  holder[KEY] = Promise.resolve(handle);
}

async function openConfiguredDatabase(): Promise<DatabaseHandle> {
  if (isBuildPhase()) {
    throw new Error("The database is never opened during `next build`: a page that reads data must be dynamic.");
  }
  const env = getEnv();
  if (env.DATABASE_URL) {
    const handle = await connectServer(env.DATABASE_URL, { max: env.DATABASE_POOL_MAX });
    // Row-level security binds only a role that is no superuser, has no BYPASSRLS and owns nothing.
    const problem = await appRoleProblem(handle.db).catch(async (error: unknown) => {
      await handle.close();
      throw error;
    });
    if (problem) {
      await handle.close();
      throw new DatabaseUnavailableError(problem);
    }
    const pending = await countPendingMigrations(handle);
    if (pending > 0) {
      await handle.close();
      throw new DatabaseUnavailableError(
        `The database at ${handle.location} is missing ${pending} migration(s): run \`npm run db:migrate\`.`,
      );
    }
    return handle;
  }
  const handle = await openEmbedded(env.PGLITE_DATA_DIR);
  try {
    await migrateDatabase(handle);
    if (await isEmpty(handle.db)) {
      if (env.NODE_ENV === "production") {
        log.warn("The embedded database is empty; demo data is never seeded in production");
      } else {
        log.info({ location: handle.location }, "Seeding the new embedded database with demo data");
        const summary = await seedDemo(handle.db, env);
        log.info({ ...summary }, "Seeded the embedded database");
      }
    }
    // PGlite connects as a superuser: act as the app role from now on, as on a server, so that
    // a query outside withContext meets row-level security here too.
    await handle.db.execute(sql`select set_config('role', ${APP_ROLE}, false)`);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
