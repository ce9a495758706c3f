import { expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { resumeSession } from "./support/sign-in";

test.describe("API tokens and the API", () => {
  test("a partner lead creates a token, sees it once, uses it, and revokes it", async ({ page, request }) => {
    await resumeSession(page, "manager@idva.example");
    await page.goto("/api-tokens");
    await expectAccessible(page, "API tokens page");
    const form = page.getByRole("form", { name: "Create an API token" });
    await form.getByRole("button", { name: "Create token" }).click();
    await expect(form.getByRole("alert")).toContainText("Enter a name for the token");
    await expectAccessible(page, "API tokens page with an error");

    const name = `Case system ${Date.now()}`;
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Read the organisation's disclosures").check();
    await form.getByRole("button", { name: "Create token" }).click();
    const token = (await page.getByLabel("The new token").textContent())!.trim();
    expect(token).toMatch(/^vawg_[A-Za-z0-9_-]{40,}$/);

    const listed = await request.get("/api/v1/disclosures?limit=1", { headers: { authorization: `Bearer ${token}` } });
    expect(listed.status()).toBe(200);

    await page.reload();
    await expect(page.getByText(token)).toHaveCount(0);
    await page.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");
    const refused = await request.get("/api/v1/disclosures", { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status()).toBe(401);
    expect(refused.headers()["content-type"]).toBe("application/problem+json");
  });

  test("the API page and the OpenAPI document are readable", async ({ page, request }) => {
    await page.goto("/api-docs");
    await expect(page.getByRole("heading", { name: "The portal's API" })).toBeVisible();
    await expect(page.getByRole("row", { name: /disclosure_month/ })).toBeVisible();
    await expectAccessible(page, "API page");
    const document = await request.get("/api/v1/openapi.json");
    expect((await document.json()).openapi).toBe("3.1.0");
  });

  test("a caseworker cannot reach the token page", async ({ page }) => {
    await resumeSession(page, "caseworker@council.example");
    expect((await page.goto("/api-tokens"))?.status()).toBe(404);
  });
});
