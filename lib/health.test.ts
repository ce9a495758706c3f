import { describe, expect, it } from "vitest";
import { checkHealth } from "./health";

describe("checkHealth", () => {
  it("reports ok with the database up when it answers", async () => {
    const health = await checkHealth(async () => {});
    expect(health).toMatchObject({ status: "ok", live: true, checks: { database: { status: "up" } } });
    expect(Number.isNaN(Date.parse(health.time))).toBe(false);
  });

  it("reports unavailable, but still live, when the database fails", async () => {
    const health = await checkHealth(async () => {
      throw new Error("connection refused");
    });
    expect(health).toMatchObject({ status: "unavailable", live: true, checks: { database: { status: "down" } } });
  });

  it("gives up on a database that does not answer in time", async () => {
    const health = await checkHealth(() => new Promise(() => {}), 50);
    expect(health.checks.database.status).toBe("down");
    expect(health.checks.database.latencyMs).toBeGreaterThanOrEqual(45);
  });

  it("says nothing about why the database failed", async () => {
    const health = await checkHealth(async () => {
      throw new Error("password authentication failed for user vawg_app");
    });
    expect(JSON.stringify(health)).not.toContain("vawg_app");
  });
});
