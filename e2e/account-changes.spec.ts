import { expect, test, type Browser, type Page } from "@playwright/test";
import { accountStatus, createAccount, type OwnAccount } from "./support/accounts";
import { DEMO_PASSWORD, enterPassword, resumeSession, signInAs } from "./support/sign-in";

// Every test here changes an account, so each changes accounts of its own, never a shared demo
// account that other tests resume.

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await newPage(browser);
  await signInAs(page, email);
  return page;
}

/** The users page of an organisation, as an administrator sees it. */
async function usersOf(admin: Page, organisation: string) {
  await admin.goto("/users");
  await admin.getByLabel("Organisation", { exact: true }).selectOption({ label: organisation });
  await admin.getByRole("button", { name: "Show users" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Users of ${organisation}`);
}

/** Changes a member's role from the users page and waits until the page shows what the server holds. */
async function changeRole(manager: Page, member: OwnAccount, role: string) {
  const roleForm = manager.getByRole("form", { name: `Role of ${member.displayName}` });
  await roleForm.getByRole("combobox").selectOption(role);
  await roleForm.getByRole("button", { name: "Change role" }).click();
  await expect(async () => {
    await manager.reload();
    await expect(roleForm.getByRole("combobox")).toHaveValue(role, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

test.describe("changes to an account take effect on its next request", () => {
  test("a suspended user's open session is refused, and works again only after a new sign-in once reactivated", async ({ browser }) => {
    const viewer = await createAccount("viewer@police.example", "viewer");
    const viewerPage = await signedInPage(browser, viewer.email);
    const admin = await newPage(browser);
    await resumeSession(admin, "admin@national.example");
    await usersOf(admin, "Demo Police West Yorkshire");

    await admin.getByRole("button", { name: `Suspend ${viewer.displayName}` }).click();
    await expect(admin.getByRole("button", { name: `Reactivate ${viewer.displayName}` })).toBeVisible();
    await viewerPage.goto("/account");
    await expect(viewerPage).toHaveURL(/\/sign-in/);
    await enterPassword(viewerPage, viewer.email);
    await expect(viewerPage.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText("This account is suspended.");

    await admin.getByRole("button", { name: `Reactivate ${viewer.displayName}` }).click();
    await expect(admin.getByRole("button", { name: `Suspend ${viewer.displayName}` })).toBeVisible();
    await viewerPage.goto("/account");
    await expect(viewerPage).toHaveURL(/\/sign-in/);
    await signInAs(viewerPage, viewer.email);
    await viewerPage.goto("/account");
    await expect(viewerPage.getByRole("heading", { name: "Your account" })).toBeVisible();
  });

  test("a member whose role changes must sign in again, and then has the new role", async ({ browser }) => {
    const analyst = await createAccount("analyst@police.example", "analyst");
    const analystPage = await signedInPage(browser, analyst.email);
    await expect(analystPage.getByRole("banner")).toContainText("Analyst");
    const manager = await newPage(browser);
    await resumeSession(manager, "manager@police.example");
    await manager.goto("/users");
    await changeRole(manager, analyst, "viewer");

    await analystPage.goto("/account");
    await expect(analystPage).toHaveURL(/\/sign-in/);
    await signInAs(analystPage, analyst.email);
    await expect(analystPage.getByRole("banner")).toContainText("Viewer");
    await expect(analystPage.getByRole("banner")).not.toContainText("Analyst");
  });

  test("an administrator's action sent after their role was taken away is refused and changes nothing", async ({ browser }) => {
    const formerAdmin = await createAccount("admin@national.example", "admin");
    const target = await createAccount("viewer@police.example", "target");
    const context = await browser.newContext();
    const stale = await context.newPage();
    await signInAs(stale, formerAdmin.email);
    await usersOf(stale, "Demo Police West Yorkshire");
    const suspend = stale.getByRole("button", { name: `Suspend ${target.displayName}` });
    await expect(suspend).toBeVisible();

    // Another administrator makes them an auditor, which ends their sessions.
    const admin = await newPage(browser);
    await resumeSession(admin, "admin@national.example");
    await usersOf(admin, "National VAWG Coordination");
    await changeRole(admin, formerAdmin, "auditor");

    // They sign in again in the same browser; the page they had open still offers the button.
    await signInAs(await context.newPage(), formerAdmin.email);
    await suspend.click();
    await expect(stale.getByRole("form", { name: `Suspend ${target.displayName}` }).getByRole("alert")).toContainText("You do not have permission to do that.");
    expect(await accountStatus(target.email)).toBe("active");
  });

  test("a forged session cookie gets past the proxy but not past the page", async ({ page, context }) => {
    await context.addCookies([{ name: "authjs.session-token", value: "forged", url: test.info().project.use.baseURL! }]);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("heading", { name: "Your account" })).toHaveCount(0);
  });
});

test.describe("changing a password", () => {
  test("needs the current password, refuses a common one, then the new one signs in and the old one does not", async ({ page }) => {
    const account = await createAccount("manager@council.example", "password");
    await signInAs(page, account.email);
    await page.goto("/account");
    const form = page.getByRole("form", { name: "Change your password" });

    await form.getByLabel("Current password").fill("not the current password");
    await form.getByLabel("New password").fill("a perfectly decent new passphrase");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByRole("alert")).toContainText("Enter your current password correctly");

    // Each answer is awaited by its own words: the form resets when an answer arrives, so typing
    // ahead of one would be wiped.
    await form.getByLabel("Current password").fill(DEMO_PASSWORD);
    await form.getByLabel("New password").fill("password1234567");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByRole("alert")).toContainText("Choose a password that is not on a list of commonly used passwords.");

    const newPassword = `lantern orchard ${Date.now()} violet`;
    await form.getByLabel("Current password").fill(DEMO_PASSWORD);
    await form.getByLabel("New password").fill(newPassword);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your password has been changed, and your other sessions have ended.")).toBeVisible();

    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await enterPassword(page, account.email, DEMO_PASSWORD);
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText("Enter a correct e-mail address and password.");
    await signInAs(page, account.email, newPassword);
    await expect(page.getByRole("banner")).toContainText("Demo Council Wakefield");
  });
});
