import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./support/sign-in";

type Captured = { url: string; headers: Record<string, string>; body: Buffer | null };

/** The server action a click would send, captured and stopped before it reaches the portal. */
async function captureAction(page: Page, click: () => Promise<void>): Promise<Captured> {
  let captured: Captured | undefined;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    captured = { url: request.url(), headers: request.headers(), body: request.postDataBuffer() };
    await route.abort();
  });
  await click();
  await expect.poll(() => captured).toBeDefined();
  await page.unroute("**/*");
  return captured!;
}

test.describe("server actions from another origin", () => {
  for (const origin of ["https://evil.example", "null"]) {
    test(`are refused with Origin: ${origin}, and change nothing`, async ({ page }) => {
      await signInAs(page, "viewer@police.example");
      await page.goto("/account");
      const action = await captureAction(page, () =>
        page.getByRole("button", { name: "Sign out everywhere, including here" }).click(),
      );
      const response = await page.request.post(action.url, {
        headers: { ...action.headers, origin, "sec-fetch-site": "cross-site" },
        data: action.body ?? undefined,
        maxRedirects: 0,
      });
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
    await page.request.post(action.url, { headers: action.headers, data: action.body ?? undefined, maxRedirects: 0 });
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
