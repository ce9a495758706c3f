import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support/sign-in";

/** Rewrites the Origin of the page's next POSTs, as a cross-site form or a sandboxed frame would send. */
async function forgeOrigin(page: Page, origin: string) {
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    await route.continue({ headers: { ...request.headers(), origin, "sec-fetch-site": "cross-site" } });
  });
}

test.describe("server actions from another origin", () => {
  for (const origin of ["https://evil.example", "null"]) {
    test(`are refused with Origin: ${origin}, and change nothing`, async ({ page }) => {
      await signInAs(page, "viewer@police.example");
      await page.goto("/account");
      await forgeOrigin(page, origin);
      await page.getByRole("button", { name: "Sign out everywhere, including here" }).click();
      await page.waitForLoadState("networkidle");
      await page.unroute("**/*");
      await page.goto("/account");
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    });
  }
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
