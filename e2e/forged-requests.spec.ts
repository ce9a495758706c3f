import { expect, test } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { formSubmission, sendForm } from "./support/actions";
import { signInAs } from "./support/sign-in";

// "Sign out everywhere" ends every session of the account, so each test signs in an account of its own.
test.describe("forms posted from another origin", () => {
  for (const origin of ["https://evil.example", "null"]) {
    test(`are refused with Origin: ${origin}, and change nothing`, async ({ page }) => {
      const account = await createAccount("viewer@police.example", "forged");
      await signInAs(page, account.email);
      await page.goto("/account");
      const form = await formSubmission(page.getByRole("button", { name: "Sign out everywhere, including here" }));
      const response = await sendForm(page, form, origin);
      expect(response.status()).toBe(403);
      expect(await response.text()).toBe("This form was sent from another site, so it was refused.");
      await page.goto("/account");
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    });
  }

  test("the same form from the portal's own origin does take effect", async ({ page, baseURL }) => {
    const account = await createAccount("auditor@national.example", "same-origin");
    await signInAs(page, account.email);
    await page.goto("/account");
    const form = await formSubmission(page.getByRole("button", { name: "Sign out everywhere, including here" }));
    const response = await sendForm(page, form, new URL(baseURL!).origin);
    expect(response.status()).toBe(303);
    expect(response.headers().location).toMatch(/\/sign-in\?signed-out=1$/);
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
