import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { getEnv } from "@/lib/env";
import { connectServer, openEmbedded } from "./connect";
import { migrateDatabase } from "./migrate";

/** The run's migrated database, which every test file's database starts as a copy of. */
export type MigratedTemplate = { server: string } | { embedded: string };

declare module "vitest" {
  export interface ProvidedContext {
    migratedTemplate: MigratedTemplate;
  }
}

/**
 * The integration tests' global set-up: migrates one database once per run, so that each test
 * file's database (createTestDatabase in ./testing.ts) is a copy of it instead of replaying every
 * migration. On the server: a template database named for this run, dropped when the run ends.
 * On PGlite: a tarball of its data folder in a temporary directory, removed when the run ends.
 */
export default async function buildMigratedTemplate(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = getEnv().DATABASE_URL;
  return serverUrl ? buildServerTemplate(project, serverUrl) : buildEmbeddedTemplate(project);
}

async function buildServerTemplate(project: TestProject, serverUrl: string): Promise<() => Promise<void>> {
  const name = `vawg_template_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const drop = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  try {
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await connectServer(url.toString(), { max: 1 });
    // A database is copied only while nobody is connected to it: close before any test copies.
    await migrateDatabase(handle).finally(() => handle.close());
  } catch (error) {
    await drop();
    throw error;
  }
  project.provide("migratedTemplate", { server: name });
  return drop;
}

async function buildEmbeddedTemplate(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), "vawg-template-"));
  const tarball = join(folder, "migrated.tar");
  try {
    const handle = await openEmbedded("memory://");
    try {
      await migrateDatabase(handle);
      const dump = await (handle.db as unknown as { $client: PGlite }).$client.dumpDataDir("none");
      await writeFile(tarball, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  project.provide("migratedTemplate", { embedded: tarball });
  return () => rm(folder, { recursive: true, force: true });
}
