import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { base32Decode, totpCode } from "@/lib/auth/totp";
import { expectAccessible } from "./axe";
import { createMigratedDatabase, type OwnDatabase } from "./support/database";
import { spawnPortal, waitUntilUp, type RunningPortal } from "./support/portal";
import { enterPassword } from "./support/sign-in";

// A production database has no demo data: `npm run admin:create` is how its first administrator
// gets in. This runs it against a database of its own, migrated and empty, served by a portal of its own.

const PASSWORD = "granite harbour lantern meadow";

/** A UK calendar day `days` from today, as YYYY-MM-DD. */
function ukDay(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * An agreement in force between two new organisations, due for review in 10 days, written as the
 * owner along the path the database allows: a draft version and its scope, then signed.
 */
async function insertAgreementDueForReview(database: OwnDatabase): Promise<void> {
  const sql = postgres(database.ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      const [provider] = await tx<{ id: string }[]>`insert into organisations (name, type) values ('Review Test IDVA', 'idva_service') returning id`;
      const [police] = await tx<{ id: string }[]>`insert into organisations (name, type) values ('Review Test Police', 'police_force') returning id`;
      const [agreement] = await tx<{ id: string }[]>`insert into agreements (reference, title, status) values ('DSA-E2E-REVIEW', 'Review reminder test', 'awaiting_signatures') returning id`;
      const [version] = await tx<{ id: string }[]>`
        insert into agreement_versions (agreement_id, version, purpose, processing_regime, retention_months, start_date, end_date, review_date)
        values (${agreement!.id}, 1, 'A test of reminders.', 'uk_gdpr', 12, ${ukDay(-30)}, ${ukDay(300)}, ${ukDay(10)}) returning id`;
      await tx`insert into agreement_parties (version_id, org_id, is_provider, is_recipient) values (${version!.id}, ${provider!.id}, true, false), (${version!.id}, ${police!.id}, false, true)`;
      await tx`insert into agreement_threat_areas (version_id, threat_area, granularity) values (${version!.id}, 'domestic_abuse', 'aggregate')`;
      await tx`insert into agreement_geography (version_id, force_area_code) select ${version!.id}, code from police_force_areas order by code limit 1`;
      await tx`update agreement_versions set status = 'signed', signed_at = now() where id = ${version!.id}`;
      await tx`update agreements set status = 'active', current_version_id = ${version!.id} where id = ${agreement!.id}`;
    });
  } finally {
    await sql.end();
  }
}

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

  test("is invited by admin:create, sets a password and an authenticator app, manages organisations and sees agreement dates coming up", async ({ page }) => {
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

    // The dashboard lists the agreement dates of the next 30 days.
    await insertAgreementDueForReview(database);
    await page.goto(`${portal.baseURL}/`);
    const dates = page.getByRole("region", { name: "Agreement dates in the next 30 days" });
    await expect(dates.getByRole("listitem")).toHaveText([/^DSA-E2E-REVIEW: Review reminder test is due for review on \d{1,2} \w+ \d{4}\.$/]);
    await expect(dates.getByRole("link", { name: "DSA-E2E-REVIEW: Review reminder test" })).toHaveAttribute("href", /^\/agreements\/[0-9a-f-]{36}$/);
    await expectAccessible(page, "dashboard with agreement dates");

    // Now that an administrator exists, admin:create refuses without --force.
    const again = adminCreate(database, portal.baseURL, "--email", "second@national.example", "--name", "Second Admin");
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("An active administrator already exists (1)");
  });
});
