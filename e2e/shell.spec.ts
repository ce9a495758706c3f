import { expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";

test.describe("portal shell", () => {
  test("renders the home page with its heading", async ({ page }) => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle("VAWG partner data-sharing portal");
    await expect(page.getByRole("heading", { level: 1, name: "VAWG partner data-sharing portal" })).toBeVisible();
    await expect(page.getByRole("link", { name: "VAWG partner data-sharing portal" })).toHaveAttribute("href", "/");
    await expect(page.getByRole("heading", { level: 2, name: "Why it exists" })).toBeVisible();
    await expectAccessible(page, "home page");
  });

  test("shows no navigation to an anonymous visitor", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  });

  test("lists the 43 police force areas on the reference page", async ({ page }) => {
    const response = await page.goto("/reference");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle("Reference data — VAWG partner data-sharing portal");
    await expect(page.getByRole("heading", { level: 1, name: "Reference data" })).toBeVisible();

    const table = page.getByRole("table", { name: /Police force areas/ });
    await expect(table.locator("tbody tr")).toHaveCount(43);

    const westYorkshire = table.getByRole("row", { name: /West Yorkshire/ });
    await expect(westYorkshire).toHaveCount(1);
    await expect(westYorkshire.getByRole("rowheader")).toHaveText("West Yorkshire");
    await expect(westYorkshire.getByRole("cell").first()).toHaveText("E23000010");
    // Population figures use thousands separators.
    await expect(westYorkshire.getByRole("cell").nth(3)).toHaveText(/^\d{1,3}(,\d{3})+$/);

    const main = page.getByRole("main");
    await expect(main.getByText("Source: Office for National Statistics licensed under the Open Government Licence v.3.0.")).toBeVisible();
    await expect(main.getByText("Contains OS data © Crown copyright and database right 2023.")).toBeVisible();
    await expect(main.getByRole("link", { name: "Open Government Licence v3.0" })).toHaveAttribute(
      "href",
      "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    );
    await expectAccessible(page, "reference page");
  });

  test("shows the attribution and support links in the footer", async ({ page }) => {
    await page.goto("/");
    const footer = page.getByRole("contentinfo");
    await expect(footer.getByText("Contains OS data © Crown copyright and database right 2023.")).toBeVisible();
    await expect(footer.getByRole("link", { name: "Reference data" })).toHaveAttribute("href", "/reference");
    await expect(footer.getByRole("link", { name: "API health" })).toHaveAttribute("href", "/api/health");
    await expect(footer.getByRole("link", { name: "Open Government Licence v3.0" })).toBeVisible();
  });

  test("answers an unknown address with 404 and the not-found page", async ({ page }) => {
    const response = await page.goto("/no-such-page-here");
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle("Page not found — VAWG partner data-sharing portal");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "home page" })).toHaveAttribute("href", "/");
    await expectAccessible(page, "not-found page");
  });

  test("moves focus to the main content from the skip link", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skipLink = page.getByRole("link", { name: "Skip to main content" });
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    expect(new URL(page.url()).hash).toBe("#main-content");
  });

  test("reports health as ok with the database up", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    const body = (await response.json()) as { status?: unknown; checks?: { database?: { status?: unknown } } };
    expect(body.status).toBe("ok");
    expect(body.checks?.database?.status).toBe("up");
  });
});
