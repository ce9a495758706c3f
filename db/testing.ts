import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { getEnv } from "@/lib/env";
import { connectServer, openEmbedded } from "./connect";
import type { DatabaseHandle } from "./database";
import { migrateDatabase } from "./migrate";

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database
 * on the server in DATABASE_URL, dropped again on close. Runs never see each other's data.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = getEnv().DATABASE_URL;
  const handle = serverUrl ? await createServerDatabase(serverUrl) : await openEmbedded("memory://");
  try {
    await migrateDatabase(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

async function createServerDatabase(serverUrl: string): Promise<DatabaseHandle> {
  const name = `vawg_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await connectServer(url.toString(), { max: 4 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
