import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectServer } from "@/db/connect";
import type { DatabaseHandle } from "@/db/database";
import { serverUrl } from "./support/portal";

// Under load every pooled connection is busy; the health check must still see the database up.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await connectServer(serverUrl(), { max: 1 });
});
afterAll(async () => {
  await handle?.close();
});

describe("the health check's ping to a PostgreSQL server", () => {
  it("answers while every connection of the pool is held by a request", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered = () => {};
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const transaction = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      entered();
      await held;
    });
    await inside;
    let guard: NodeJS.Timeout | undefined;
    // A ping queued behind the pool would wait for the transaction, which waits for the ping: the guard ends that.
    const outcome = await Promise.race([
      handle.ping().then(() => "answered"),
      new Promise<string>((resolve) => (guard = setTimeout(() => resolve("queued behind the pool"), 20_000))),
    ]);
    clearTimeout(guard);
    release();
    await transaction;
    expect(outcome).toBe("answered");
  });
});
