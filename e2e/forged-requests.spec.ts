import { expect, test } from "@playwright/test";
import { captureAction, replayAction } from "./support/actions";
import { signInAs } from "./support/sign-in";

test.describe("server actions from another origin", () => {
  for (const origin of ["https://evil.example", "null"]) {
    test(`are refused with Origin: ${origin}, and change nothing`, async ({ page }) => {
      await signInAs(page, "viewer@police.example");
      await page.goto("/account");
      const action = await captureAction(page, () =>
        page.getByRole("button", { name: "Sign out everywhere, including here" }).click(),
      );
      const response = await replayAction(page, action, { origin, "sec-fetch-site": "cross-site" });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain("sent from another site");
      await page.goto("/account");
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    });
  }

  test("the same captured action from the portal's own origin does take effect", async ({ page }) => {
    await signInAs(page, "auditor@national.example");
    await page.goto("/account");
    const action = await captureAction(page, () => page.getByRole("button", { name: "Sign out everywhere, including here" }).click());
    await replayAction(page, action);
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("server actions replayed by someone without the permission", () => {
  // The target signs in nowhere else in the suite, so even a failed capture cannot lock out another test's account.
  const target = "Demo Partner Lead (Women's Aid Calderdale)";

  test("an admin's suspension of a user, replayed with a partner lead's session, changes nothing", async ({ page, browser }) => {
    await signInAs(page, "admin@national.example");
    await page.goto("/users");
    await page.getByLabel("Organisation", { exact: true }).selectOption({ label: "Demo Women's Aid Calderdale" });
    await page.getByRole("button", { name: "Show users" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users of Demo Women's Aid Calderdale");
    await page.waitForLoadState("networkidle");
    try {
      const suspend = await captureAction(page, () => page.getByRole("button", { name: `Suspend ${target}` }).click());

      const manager = await (await browser.newContext()).newPage();
      await signInAs(manager, "manager@idva.example");
      const response = await replayAction(manager, suspend);
      expect(response.status()).toBeLessThan(500);
      expect(await response.text()).toContain("You do not have permission to do that.");

      await page.reload();
      await expect(page.getByRole("button", { name: `Suspend ${target}` })).toBeVisible();
    } finally {
      await page.unroute("**/*");
      await page.reload();
      const reactivate = page.getByRole("button", { name: `Reactivate ${target}` });
      if (await reactivate.isVisible()) await reactivate.click();
    }
  });
});

test.describe("malformed credentials", () => {
  for (const authorization of ["Bearer", "Bearer ", "Basic !!!", "Bearer a.b.c.d.e.f", `Bearer ${"x".repeat(8_000)}`]) {
    test(`a malformed Authorization header (${authorization.slice(0, 20)}) never causes a 500`, async ({ request }) => {
      for (const path of ["/", "/account", "/api/health", "/sign-in"]) {
        const response = await request.get(path, { headers: { authorization }, maxRedirects: 0 });
        expect(response.status(), path).toBeLessThan(500);
      }
    });
  }
});
