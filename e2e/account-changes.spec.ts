import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAs } from "./support/sign-in";

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, email);
  return page;
}

async function policeUsers(admin: Page) {
  await admin.goto("/users");
  await admin.getByLabel("Organisation", { exact: true }).selectOption({ label: "Demo Police West Yorkshire" });
  await admin.getByRole("button", { name: "Show users" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Users of Demo Police West Yorkshire");
}

/** The analyst's role as the server holds it, read afresh until the change has landed. */
async function expectSavedRole(manager: Page, role: string) {
  await expect(async () => {
    await manager.reload();
    await expect(manager.getByRole("form", { name: "Role of Demo Analyst (West Yorkshire)" }).getByRole("combobox")).toHaveValue(role, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

test.describe("changes to an account take effect on its next request", () => {
  test("a suspended user's open session is refused, and works again only after a new sign-in once reactivated", async ({ browser }) => {
    const viewer = await signedInPage(browser, "viewer@police.example");
    const admin = await signedInPage(browser, "admin@national.example");
    await policeUsers(admin);
    await admin.getByRole("button", { name: "Suspend Demo Viewer (West Yorkshire)" }).click();
    await expect(admin.getByRole("button", { name: "Reactivate Demo Viewer (West Yorkshire)" })).toBeVisible();

    await viewer.goto("/account");
    await expect(viewer).toHaveURL(/\/sign-in/);

    await admin.getByRole("button", { name: "Reactivate Demo Viewer (West Yorkshire)" }).click();
    await expect(admin.getByRole("button", { name: "Suspend Demo Viewer (West Yorkshire)" })).toBeVisible();
    await viewer.goto("/account");
    await expect(viewer).toHaveURL(/\/sign-in/);
  });

  test("a member whose role changes must sign in again, and then has the new role", async ({ browser }) => {
    const analyst = await signedInPage(browser, "analyst@police.example");
    const manager = await signedInPage(browser, "manager@police.example");
    await manager.goto("/users");
    const roleForm = manager.getByRole("form", { name: "Role of Demo Analyst (West Yorkshire)" });
    await roleForm.getByRole("combobox").selectOption("viewer");
    await roleForm.getByRole("button", { name: "Change role" }).click();
    await expectSavedRole(manager, "viewer");

    await analyst.goto("/account");
    await expect(analyst).toHaveURL(/\/sign-in/);
    await signInAs(analyst, "analyst@police.example");
    await expect(analyst.getByRole("banner")).toContainText("Viewer");

    await manager.reload();
    await roleForm.getByRole("combobox").selectOption("analyst");
    await roleForm.getByRole("button", { name: "Change role" }).click();
    await expectSavedRole(manager, "analyst");
  });

  test("a forged session cookie gets past the proxy but not past the page", async ({ page, context }) => {
    await context.addCookies([{ name: "authjs.session-token", value: "forged", url: test.info().project.use.baseURL! }]);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("heading", { name: "Your account" })).toHaveCount(0);
  });
});
