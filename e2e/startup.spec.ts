import { expect, test } from "@playwright/test";
import { createMigratedDatabase } from "./support/database";
import { spawnPortal, waitForExit } from "./support/portal";

/** Starts the built portal with the given settings and waits for it to give up on its own. */
async function startPortal(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const portal = await spawnPortal(env);
  const code = await waitForExit(portal);
  return { code, stderr: portal.stderr() };
}

test.describe("start-up with a bad database configuration", () => {
  test("stops with one clear line when DATABASE_URL is malformed", async () => {
    const { code, stderr } = await startPortal({ DATABASE_URL: "postgres//missing-colon@localhost/vawg" });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      "Cannot start the portal: Invalid configuration: DATABASE_URL must be a URL of the form postgres://user:password@host:5432/database",
    ]);
  });

  test("stops with one clear line, without the password, when the server is unreachable", async () => {
    const { code, stderr } = await startPortal({ DATABASE_URL: "postgres://vawg:hunter2@127.0.0.1:1/vawg" });
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot start the portal: Cannot reach the database server at 127\.0\.0\.1:1\/vawg: .*ECONNREFUSED/);
    expect(stderr).not.toContain("hunter2");
  });

  test("stops with one clear line when connected as the migration owner, which row-level security does not bind", async () => {
    const database = await createMigratedDatabase("vawg_e2e_owner");
    try {
      const { code, stderr } = await startPortal({ DATABASE_URL: database.ownerUrl });
      expect(code).toBe(1);
      const lines = stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Cannot start the portal: The database role "[a-z_]+" is a superuser.*connect the portal as vawg_app/);
    } finally {
      await database.drop();
    }
  });
});
