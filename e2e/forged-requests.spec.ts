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
