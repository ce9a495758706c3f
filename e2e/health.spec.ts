import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import postgres from "postgres";

// A portal of its own, on a database of its own that the test can take away.
const ADMIN_URL = process.env.E2E_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = 3198;

test.describe("health check against a real server", () => {
  let admin: postgres.Sql;
  let server: ChildProcess | undefined;
  const name = `vawg_e2e_health_${randomBytes(4).toString("hex")}`;

  test.beforeAll(async () => {
    admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const env = { ...process.env, DATABASE_URL: url.toString() };
    const migrated = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "db/cli/migrate.ts"], { env });
    expect(migrated.status, migrated.stderr.toString()).toBe(0);
    server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
      env,
      stdio: "ignore",
    });
  });

  test.afterAll(async () => {
    server?.kill();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  test("answers 200 while the database is up and 503 once it is gone", async ({ request }) => {
    const url = `http://127.0.0.1:${PORT}/api/health`;
    await expect
      .poll(async () => (await request.get(url).catch(() => undefined))?.status(), { timeout: 30_000 })
      .toBe(200);
    const up = await request.get(url);
    expect(up.headers()["cache-control"]).toBe("no-store");
    expect(await up.json()).toMatchObject({ status: "ok", checks: { database: { status: "up" } } });

    await admin.unsafe(`drop database ${name} with (force)`);

    const down = await request.get(url);
    expect(down.status()).toBe(503);
    expect(await down.json()).toMatchObject({ status: "unavailable", live: true, checks: { database: { status: "down" } } });
  });
});
