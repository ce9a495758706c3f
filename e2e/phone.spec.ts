import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import type { SharedAccount } from "./support/accounts";
import { resumeSession } from "./support/sign-in";

// An iPhone 12-14 sized window: every list must fit it without the page scrolling sideways.
test.use({ viewport: { width: 390, height: 844 } });

const LIST_PAGES: [SharedAccount, string][] = [
  ["caseworker@idva.example", "/"],
  ["caseworker@idva.example", "/disclosures"],
  ["manager@idva.example", "/"],
  ["manager@idva.example", "/disclosures"],
  ["manager@idva.example", "/users"],
  ["manager@idva.example", "/api-tokens"],
  ["manager@police.example", "/agreements"],
  ["admin@national.example", "/"],
  ["admin@national.example", "/organisations"],
  ["admin@national.example", "/organisations/new"],
  ["admin@national.example", "/users"],
  ["admin@national.example", "/agreements"],
  ["analyst@police.example", "/"],
  ["analyst@police.example", "/partner-data"],
  ["analyst@police.example", "/api-tokens"],
  ["viewer@police.example", "/"],
  ["auditor@national.example", "/"],
];

/** How far the page reaches past the window's right edge, in CSS pixels (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.describe("at 390 pixels wide", () => {
  for (const [email, path] of LIST_PAGES) {
    test(`${path} fits the screen for ${email}, with no serious accessibility fault`, async ({ page }) => {
      await resumeSession(page, email);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await overflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
      await expectAccessible(page, `${path} as ${email} at 390 px`);
    });
  }

  test("a wide table scrolls inside its own labelled region, which the keyboard reaches", async ({ page }) => {
    await resumeSession(page, "manager@idva.example");
    await page.goto("/disclosures");
    const region = page.getByRole("region", { name: "Disclosures, newest first" });
    await expect(region).toBeVisible();
    await expect(region).toHaveAttribute("tabindex", "0");
    const widths = await region.evaluate((element) => ({ client: element.clientWidth, scroll: element.scrollWidth }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  });
});
