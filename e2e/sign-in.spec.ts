import { expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { createAccount } from "./support/accounts";
import { enterPassword, signInAs } from "./support/sign-in";

test.describe("signing in", () => {
  test("takes a password and then a TOTP code, and shows the organisation and role", async ({ page }) => {
    await page.goto("/sign-in");
    await expectAccessible(page, "sign-in page");
    await enterPassword(page, "analyst@police.example");
    await expect(page).toHaveURL(/\/sign-in\/verify/);
    await expectAccessible(page, "security code page");
    await signInAs(page, "analyst@police.example");
    const header = page.getByRole("banner");
    await expect(header).toContainText("Demo Police West Yorkshire");
    await expect(header).toContainText("Analyst");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" })).toBeVisible();
    await expectAccessible(page, "home page when signed in");
  });

  test("keeps the session in an HttpOnly, SameSite=Lax cookie", async ({ page, context }) => {
    await signInAs(page, "auditor@national.example");
    const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  });

  test("refuses a wrong password with the same message as an unknown account, keeping the e-mail", async ({ page }) => {
    await enterPassword(page, "viewer@police.example", "not the right password at all");
    const summary = page.getByRole("form", { name: "Sign in" }).getByRole("alert");
    await expect(summary).toContainText("Enter a correct e-mail address and password.");
    await expect(summary).toBeFocused();
    await expect(page.getByLabel("E-mail address")).toHaveValue("viewer@police.example");
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expectAccessible(page, "sign-in page with an error");

    await enterPassword(page, "nobody@police.example", "not the right password at all");
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText(
      "Enter a correct e-mail address and password.",
    );
  });

  test("sends an anonymous visitor to sign in and back to where they were going", async ({ page }) => {
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount/);
    await signInAs(page, "viewer@police.example");
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expectAccessible(page, "account page");
  });

  test("signs out, and the old cookie no longer opens anything", async ({ page, context }) => {
    await signInAs(page, "manager@police.example");
    const cookies = await context.cookies();
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await context.addCookies(cookies);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("signs out everywhere: another browser's session ends on its next request", async ({ page, browser }) => {
    const account = await createAccount("manager@idva.example", "everywhere");
    await signInAs(page, account.email);
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signInAs(otherPage, account.email);
    await page.goto("/account");
    const rows = page.getByRole("table", { name: "Your signed-in sessions" }).locator("tbody tr");
    await expect(rows.filter({ hasText: "This session" })).toHaveCount(1);
    await expect(rows).toHaveCount(2);
    await page.getByRole("button", { name: "Sign out everywhere, including here" }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await otherPage.goto("/account");
    await expect(otherPage).toHaveURL(/\/sign-in/);
    await other.close();
  });
});

test.describe("protected pages without a session", () => {
  const bypasses: [string, string, Record<string, string>][] = [
    ["x-middleware-subrequest", "/account", { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }],
    ["the .rsc variant", "/account.rsc", {}],
    ["the ?_rsc variant", "/account?_rsc=1", {}],
    ["an RSC header", "/account", { RSC: "1" }],
    ["a prefetch header", "/account", { RSC: "1", "Next-Router-Prefetch": "1" }],
  ];
  for (const [name, path, headers] of bypasses) {
    test(`refuses ${name}`, async ({ request }) => {
      const response = await request.get(path, { headers, maxRedirects: 0 });
      const body = await response.text();
      expect(body).not.toContain("Where you are signed in");
      expect(body).not.toContain("manager@");
      expect([200, 303, 307, 308, 404]).toContain(response.status());
    });
  }
});
