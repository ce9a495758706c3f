import { expect, test } from "@playwright/test";
import { createAccount } from "./support/accounts";
import { enterPassword, resumeSession, signInAs } from "./support/sign-in";

// Attacks on the portal as it stood (issue 12): each must now fail cleanly.

test.describe("a caller who forges X-Forwarded-For", () => {
  test("is recorded at its real address, whatever the header says", async ({ page }) => {
    const account = await createAccount("viewer@police.example", "xff-session");
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "6.6.6.6", "x-portal-client-address": "0123456789abcdef0123456789abcdef 6.6.6.6" });
    await signInAs(page, account.email);
    await page.goto("/account");
    const sessions = page.getByRole("table", { name: "Your signed-in sessions" });
    await expect(sessions).toContainText("127.0.0.1");
    await expect(sessions).not.toContainText("6.6.6.6");
  });

  test("cannot escape the per-address sign-in limit by changing the header each time", async ({ page }) => {
    const account = await createAccount("viewer@police.example", "xff-throttle");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${attempt}` });
      await page.goto("/sign-in");
      await enterPassword(page, account.email, "not the right password at all");
      await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText("Enter a correct e-mail address and password.");
    }
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "198.51.100.99" });
    await page.goto("/sign-in");
    await enterPassword(page, account.email);
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText(/Too many attempts\. Try again in \d+ minutes?\./);
  });
});

test.describe("the return path after sign-in", () => {
  for (const next of ["/\n/evil.example", "/\t/evil.example", "/\\evil.example", "//evil.example", "/.//evil.example"]) {
    test(`stays on the portal for ${JSON.stringify(next)}, with no server error`, async ({ page, baseURL }) => {
      const account = await createAccount("viewer@police.example", "next");
      const statuses: number[] = [];
      page.on("response", (response) => statuses.push(response.status()));
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
      await signInAs(page, account.email);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      expect(new URL(page.url()).pathname).toBe("/");
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
    });
  }
});

test.describe("paging the disclosures list", () => {
  for (const page_ of ["99999999999", "99999999999999999999999", "1e308", "-1", "abc"]) {
    test(`answers page=${page_} with a page of the list, never a server error`, async ({ page }) => {
      await resumeSession(page, "manager@idva.example");
      const response = await page.goto(`/disclosures?page=${page_}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: "Disclosures" })).toBeVisible();
      await expect(page.getByText(/page (\d+) of \1\.|page 1 of \d+\./)).toBeVisible();
    });
  }
});
