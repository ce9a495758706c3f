import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { base32Decode, totpCode } from "@/lib/auth/totp";
import { expectAccessible } from "./axe";
import { createMigratedDatabase, type OwnDatabase } from "./support/database";
import { spawnPortal, waitUntilUp, type RunningPortal } from "./support/portal";
import { enterPassword } from "./support/sign-in";

// A production database has no demo data: `npm run admin:create` is how its first administrator
// gets in. This runs it against a database of its own, migrated and empty, served by a portal of its own.

const PASSWORD = "granite harbour lantern meadow";

function adminCreate(database: OwnDatabase, portalUrl: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/admin-create.ts", ...args], {
    env: { ...process.env, DATABASE_URL: "", DATABASE_MIGRATION_URL: database.ownerUrl, PORTAL_URL: portalUrl },
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test.describe("the first administrator of an empty database", () => {
  let database: OwnDatabase;
  let portal: RunningPortal;

  test.beforeAll(async () => {
    database = await createMigratedDatabase("vawg_e2e_first_admin");
    portal = await spawnPortal({
      DATABASE_URL: database.appUrl,
      AUTH_SECRET: process.env.AUTH_SECRET ?? "browser-tests-only-secret-0123456789abcdef",
      PORTAL_URL: "",
      JOBS_IN_PROCESS: "false",
    });
    await waitUntilUp(portal);
  });
  test.afterAll(async () => {
    await portal?.stop();
    await database?.drop();
  });

  test("is invited by admin:create, sets a password and an authenticator app, and manages organisations", async ({ page }) => {
    const refused = adminCreate(database, portal.baseURL, "--email", "not an address", "--name", "Ada Lovelace");
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("--email: Enter an e-mail address in the correct format");

    const created = adminCreate(database, portal.baseURL, "--email", "ada.lovelace@national.example", "--name", "Ada Lovelace");
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    expect(created.stdout).toContain("Created the national organisation National VAWG Coordination.");
    const link = created.stdout.split("\n").find((line) => line.startsWith(`${portal.baseURL}/invitations/`));
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);

    await page.goto(link!);
    await expect(page.getByRole("heading", { level: 1, name: "Join National VAWG Coordination" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("ada.lovelace@national.example");
    const accept = page.getByRole("form", { name: "Create your account" });
    await accept.getByLabel("Full name").fill("Ada Lovelace");
    await accept.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await accept.getByLabel("Confirm password").fill(PASSWORD);
    await accept.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);

    await enterPassword(page, "ada.lovelace@national.example", PASSWORD);
    await expect(page).toHaveURL(/\/sign-in\/enrol/);
    const key = (await page.getByLabel(/^Key: /).textContent())!.replace(/\s+/g, "");
    const form = page.getByRole("form", { name: "Security code" });
    await form.getByLabel("Code from the app").fill(totpCode(base32Decode(key), new Date()));
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main")).toContainText(
      "You are signed in as Ada Lovelace for National VAWG Coordination (National coordinator), with the Administrator role.",
    );

    await page.goto(`${portal.baseURL}/organisations`);
    await expect(page.getByRole("heading", { level: 1, name: "Organisations" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("National VAWG Coordination");
    await expectAccessible(page, "organisations page of the first administrator");

    // Now that an administrator exists, admin:create refuses without --force.
    const again = adminCreate(database, portal.baseURL, "--email", "second@national.example", "--name", "Second Admin");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("An active administrator already exists (1)");
  });
});
