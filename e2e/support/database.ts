import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** A superuser connection to the test server, to create and drop databases of our own. */
const ADMIN_URL = process.env.E2E_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * The app role's credentials: those of DATABASE_URL when it names vawg_app (CI sets its password
 * there), else vawg_app with none (enough on a server that trusts loopback).
 */
function appCredentials(): { username: string; password: string } {
  const configured = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : undefined;
  return configured?.username === "vawg_app" ? { username: "vawg_app", password: configured.password } : { username: "vawg_app", password: "" };
}

/**
 * The portal under test's database, as its owner: for setting up what a test needs (accounts of
 * its own) and for checking what the portal wrote, past row-level security. Browser tests run
 * against a server database (DATABASE_URL, the app role's), never the embedded one.
 */
export function portalDatabase(): postgres.Sql {
  const owner = new URL(ADMIN_URL);
  owner.pathname = new URL(portalUrl()).pathname;
  ownerConnection ??= postgres(owner.toString(), { max: 2, idle_timeout: 5, onnotice: () => {} });
  return ownerConnection;
}
let ownerConnection: postgres.Sql | undefined;

/** The portal under test's own connection URL (the app role's). */
export function portalUrl(): string {
  const configured = process.env.DATABASE_URL;
  if (!configured) throw new Error("Browser tests need the portal's server database in DATABASE_URL: run them with `npm run test:e2e`.");
  return configured;
}

export type OwnDatabase = {
  /** The owner's URL, as migrations use. */
  ownerUrl: string;
  /** vawg_app's URL, as the portal uses. */
  appUrl: string;
  /** Drops it (ending any connection to it); again is a no-op. */
  drop(): Promise<void>;
};

/** A new database, migrated as the owner, for a test that must take it away or misconfigure it. */
export async function createMigratedDatabase(prefix: string): Promise<OwnDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const owner = new URL(ADMIN_URL);
  owner.pathname = `/${name}`;
  const app = new URL(owner);
  Object.assign(app, appCredentials());
  const migrated = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-migrate.ts"], {
    env: { ...process.env, DATABASE_URL: "", DATABASE_MIGRATION_URL: owner.toString() },
  });
  if (migrated.status !== 0) throw new Error(`Migrating ${name} failed: ${migrated.stderr.toString()}`);
  let dropped = false;
  return {
    ownerUrl: owner.toString(),
    appUrl: app.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
