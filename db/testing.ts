import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { expect, inject } from "vitest";
import { getEnv } from "@/lib/env";
import { APP_ROLE } from "./app-role";
import { connectServer, openEmbedded } from "./connect";
import { rowsOf, type Database, type DatabaseHandle } from "./database";
import type { MigratedTemplate } from "./testing-template";

/**
 * The password tests give the app role on the test server. Setting it is cluster-wide and
 * idempotent; CI sets its own before the browser tests.
 */
const TEST_APP_PASSWORD = "vawg-app-test-password";

export type TestDatabase = DatabaseHandle & {
  /**
   * A connection as the app role. On the server: a real login as vawg_app to this database, a
   * pool of `max` (closed with the database). On PGlite, which only has its one superuser
   * connection: that connection, where withContext and asAppWithoutContext switch role.
   */
  connectAsApp(options?: { max?: number }): Promise<DatabaseHandle>;
};

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database
 * on the server in DATABASE_URL, dropped again on close. Files never see each other's data.
 * `db` is the owner's connection (a superuser), as migrations and the seed use. Each is a copy
 * of the database the run migrated once (./testing-template.ts), which is quicker than
 * replaying every migration.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = migratedTemplate();
  const serverUrl = getEnv().DATABASE_URL;
  if ("server" in template) {
    if (!serverUrl) throw new Error("The run migrated a template on the server, but DATABASE_URL is unset here.");
    return createServerDatabase(serverUrl, template.server);
  }
  const tarball = new Blob([await readFile(template.embedded)]);
  return embedded(await openEmbedded("memory://", { loadDataDir: tarball }));
}

/** A database with nothing in it, not even the migrations: for the tests of the migrations themselves. */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const serverUrl = getEnv().DATABASE_URL;
  return serverUrl ? createServerDatabase(serverUrl) : embedded(await openEmbedded("memory://"));
}

function migratedTemplate(): MigratedTemplate {
  const template = inject("migratedTemplate");
  if (!template) {
    throw new Error("No migrated template: integration tests run in vitest's integration project, whose global set-up builds it.");
  }
  return template;
}

/**
 * What a statement PostgreSQL refuses fails with, for `await expect(...).rejects.toMatchObject()`:
 * drizzle wraps the server's error, with its SQLSTATE in `code`, as the cause.
 */
export function refusedWith(sqlState: string, message: RegExp) {
  return { cause: expect.objectContaining({ code: sqlState, message: expect.stringMatching(message) }) };
}

/**
 * Runs `work` in one transaction as the app role with no context at all, as a request that
 * forgot withContext would: on an app-role login as it is, elsewhere after SET LOCAL ROLE.
 */
export function asAppWithoutContext<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const [row] = rowsOf<{ role: string }>(await tx.execute(sql`select current_user as role`));
    if (row?.role !== APP_ROLE) await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
    return work(tx as unknown as Database);
  });
}

function embedded(handle: DatabaseHandle): TestDatabase {
  return { ...handle, connectAsApp: async () => ({ ...handle, close: async () => {} }) };
}

/** A new database on the server: empty, or a copy of `template`. */
async function createServerDatabase(serverUrl: string, template?: string): Promise<TestDatabase> {
  const name = `vawg_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await connectServer(url.toString(), { max: 4 });
  const appHandles: DatabaseHandle[] = [];
  return {
    ...handle,
    connectAsApp: async ({ max = 4 } = {}) => {
      const appUrl = new URL(url);
      appUrl.username = APP_ROLE;
      appUrl.password = TEST_APP_PASSWORD;
      await ensureAppLogin(admin, appUrl.toString());
      const app = await connectServer(appUrl.toString(), { max });
      appHandles.push(app);
      return app;
    },
    close: async () => {
      await Promise.all(appHandles.map((app) => app.close()));
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * Lets vawg_app log in with the test password, unless it already can. Test files run in
 * parallel and ALTER ROLE on one row of a shared catalogue can collide, so it retries.
 */
async function ensureAppLogin(admin: postgres.Sql, appUrl: string): Promise<void> {
  const probe = postgres(appUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await probe`select 1`;
    return;
  } catch {
    // Not yet allowed to log in, or another password: set ours below.
  } finally {
    await probe.end({ timeout: 1 }).catch(() => {});
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`alter role ${APP_ROLE} login password '${TEST_APP_PASSWORD}'`);
      return;
    } catch (error) {
      if (attempt >= 5 || !/concurrently/i.test(String(error))) throw error;
      await sleep(50 * attempt);
    }
  }
}
