import { expect, test } from "@playwright/test";
import { createMigratedDatabase, type OwnDatabase } from "./support/database";
import { spawnPortal, type RunningPortal } from "./support/portal";

// A portal of its own, on a database of its own that the test can take away.

test.describe("health check against a real server", () => {
  let database: OwnDatabase;
  let portal: RunningPortal | undefined;

  test.beforeAll(async () => {
    database = await createMigratedDatabase("vawg_e2e_health");
    portal = await spawnPortal({ DATABASE_URL: database.appUrl });
  });

  test.afterAll(async () => {
    await portal?.stop();
    await database?.drop();
  });

  test("answers 200 while the database is up and 503 once it is gone", async ({ request }) => {
    const url = `${portal!.baseURL}/api/health`;
    await expect
      .poll(async () => (await request.get(url).catch(() => undefined))?.status(), { timeout: 30_000 })
      .toBe(200);
    const up = await request.get(url);
    expect(up.headers()["cache-control"]).toBe("no-store, no-transform");
    expect(up.headers()["content-encoding"]).toBeUndefined();
    expect(await up.json()).toMatchObject({ status: "ok", checks: { database: { status: "up" } } });

    await database.drop();

    const down = await request.get(url);
    expect(down.status()).toBe(503);
    expect(await down.json()).toMatchObject({ status: "unavailable", live: true, checks: { database: { status: "down" } } });
  });
});
