import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectServer, openEmbedded } from "@/db/connect";
import { rowsOf, type DatabaseHandle } from "@/db/database";
import { countPendingMigrations, migrateDatabase } from "@/db/migrate";
import { parseEnv } from "@/lib/env";
import { OperatorError } from "@/lib/operator-error";
import { exportEmbedded, importEmbedded } from "@/scripts/embedded-backup";
import { seedDemo } from "@/scripts/seed";
import { createSeededDatabase, createSubmitterTokens, dropDatabase, type SeededDatabase } from "./support/database";
import { serverUrl } from "./support/portal";

// The documented backup commands (docs/operations.md), each tested by a round trip: what comes
// back holds as many rows in every table as what was saved, and ends the audit log at the same event.

type Snapshot = { counts: Record<string, number>; auditHead: Record<string, unknown> };

/**
 * Rows in every table of the portal's schemas (its own and the migrator's), and the audit log's
 * last event, and the head of the audit chain (its position and hash).
 */
async function snapshot(handle: DatabaseHandle): Promise<Snapshot> {
  const tables = rowsOf<{ name: string }>(
    await handle.db.execute(sql`select format('%I.%I', table_schema, table_name) as name from information_schema.tables
      where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`),
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ n: number }>(await handle.db.execute(sql.raw(`select count(*)::int as n from ${name}`)));
    counts[name] = row!.n;
  }
  const [head] = rowsOf<Record<string, unknown>>(
    await handle.db.execute(sql`select to_jsonb(e) - 'details' - 'occurred_at' as head, e.occurred_at::text as occurred_at from audit_events e order by seq desc limit 1`),
  );
  const [chainHead] = rowsOf<Record<string, unknown>>(await handle.db.execute(sql`select position::text as position, hash from audit_chain_head`));
  return { counts, auditHead: { ...(head?.head as Record<string, unknown>), occurred_at: head?.occurred_at, chainHead } };
}

function expectSameSnapshot(restored: Snapshot, saved: Snapshot): void {
  expect(Object.keys(saved.counts).length).toBeGreaterThan(20);
  expect(saved.counts["public.disclosures"]).toBeGreaterThan(0);
  expect(restored.counts).toEqual(saved.counts);
  expect(Number(saved.auditHead.seq)).toBeGreaterThan(0);
  expect(saved.auditHead.chainHead).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(restored.auditHead).toEqual(saved.auditHead);
}

describe("a PostgreSQL server's backup (pg_dump) restored with pg_restore", () => {
  let saved: SeededDatabase | undefined;
  let restoredName: string | undefined;
  let folder: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "vawg-backup-"));
    saved = await createSeededDatabase(serverUrl(), "vawg_reliability_backup");
    // Activity after the seed, so the audit log's head is more than the seed's.
    await createSubmitterTokens(saved.ownerUrl);
  });
  afterAll(async () => {
    if (saved) await dropDatabase(serverUrl(), saved.name);
    if (restoredName) await dropDatabase(serverUrl(), restoredName);
    rmSync(folder, { recursive: true, force: true });
  });

  it("holds the same rows in every table, ends the audit log at the same event, and needs no migration", async () => {
    const file = join(folder, "vawg.dump");
    // The commands of docs/operations.md, as written there.
    execFileSync("pg_dump", ["--format=custom", `--file=${file}`, saved!.ownerUrl], { stdio: "pipe" });
    restoredName = `${saved!.name}_restored`;
    const restoredUrl = saved!.ownerUrl.replace(/\/[^/]+$/, `/${restoredName}`);
    execFileSync("createdb", ["--maintenance-db", serverUrl(), restoredName], { stdio: "pipe" });
    execFileSync("pg_restore", ["--exit-on-error", "--single-transaction", `--dbname=${restoredUrl}`, file], { stdio: "pipe" });

    const before = await connectServer(saved!.ownerUrl, { max: 1 });
    const after = await connectServer(restoredUrl, { max: 1 });
    try {
      expectSameSnapshot(await snapshot(after), await snapshot(before));
      expect(await countPendingMigrations(after)).toBe(0);
    } finally {
      await before.close();
      await after.close();
    }
  });
});

describe("the embedded database exported with db:export and imported with db:import", () => {
  let folder: string;
  let original: string;
  let saved: Snapshot;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "vawg-embedded-backup-"));
    original = join(folder, "original");
    const handle = await openEmbedded(original);
    try {
      await migrateDatabase(handle);
      await seedDemo(handle.db, parseEnv({ ...process.env, NODE_ENV: "development", SEED_DISCLOSURES_PER_PARTNER: "3" }));
      await handle.db.execute(sql`insert into audit_events (action, outcome, details) values ('backup.tested', 'success', '{}')`);
      saved = await snapshot(handle);
    } finally {
      await handle.close();
    }
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it("comes back with the same rows in every table and the same audit log head", async () => {
    const file = join(folder, "backup.tar.gz");
    await exportEmbedded(original, file);
    const copy = join(folder, "copy");
    await importEmbedded(file, copy);
    const handle = await openEmbedded(copy);
    try {
      expectSameSnapshot(await snapshot(handle), saved);
      expect(await countPendingMigrations(handle)).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it("never overwrites: an export to an existing file and an import into a folder holding a database are refused", async () => {
    const file = join(folder, "taken.tar.gz");
    writeFileSync(file, "an earlier backup");
    await expect(exportEmbedded(original, file)).rejects.toThrow(new OperatorError(`${file} already exists: choose a new file name, so no backup is overwritten.`));
    await expect(importEmbedded(file, original)).rejects.toThrow(
      new OperatorError(`${original} already holds a database: move it aside (keep it until the import is checked), then import again.`),
    );
  });
});
