import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import type { SharedAccount } from "./support/accounts";
import { resumeSession } from "./support/sign-in";

/**
 * Every list page and every form page a role meets, at a desktop width and at an iPhone 12–14's
 * 390 pixels: no serious or critical accessibility fault at either, and at 390 px the page never
 * scrolls sideways (a wide table scrolls inside its own labelled region instead).
 */

type PageVisit = {
  /** Signed in as this demo account; none for the pages open before sign-in. */
  account: SharedAccount | null;
  path: string;
  /** A detail page: follow the first link matching this selector from `path`. */
  follow?: string;
};

const PAGES: PageVisit[] = [
  { account: null, path: "/" },
  { account: null, path: "/sign-in" },
  { account: null, path: "/reference" },
  { account: "caseworker@idva.example", path: "/" },
  { account: "caseworker@idva.example", path: "/disclosures" },
  { account: "caseworker@idva.example", path: "/disclosures/new" },
  { account: "caseworker@idva.example", path: "/disclosures", follow: 'main table a[href^="/disclosures/"]' },
  { account: "caseworker@idva.example", path: "/account" },
  { account: "caseworker@council.example", path: "/" },
  { account: "manager@idva.example", path: "/" },
  { account: "manager@idva.example", path: "/disclosures" },
  { account: "manager@idva.example", path: "/disclosures/upload" },
  { account: "manager@idva.example", path: "/users" },
  { account: "manager@idva.example", path: "/users/invite" },
  { account: "manager@idva.example", path: "/api-tokens" },
  { account: "manager@idva.example", path: "/agreements" },
  { account: "manager@idva.example", path: "/organisation/access" },
  { account: "manager@police.example", path: "/" },
  { account: "manager@police.example", path: "/recorded-crime/upload" },
  { account: "manager@police.example", path: "/agreements" },
  { account: "admin@national.example", path: "/" },
  { account: "admin@national.example", path: "/organisations" },
  { account: "admin@national.example", path: "/organisations/new" },
  { account: "admin@national.example", path: "/organisations", follow: 'main table a[href^="/organisations/"]' },
  { account: "admin@national.example", path: "/users" },
  { account: "admin@national.example", path: "/users/invite" },
  { account: "admin@national.example", path: "/agreements" },
  { account: "admin@national.example", path: "/agreements/new" },
  { account: "admin@national.example", path: "/agreements", follow: 'main table a[href^="/agreements/"]' },
  { account: "analyst@police.example", path: "/" },
  { account: "analyst@police.example", path: "/partner-data" },
  { account: "analyst@police.example", path: "/partner-data", follow: 'main table a[href^="/partner-data/"]' },
  { account: "analyst@police.example", path: "/api-tokens" },
  { account: "analyst@police.example", path: "/api-docs" },
  { account: "viewer@police.example", path: "/" },
  { account: "viewer@police.example", path: "/agreements" },
  { account: "auditor@national.example", path: "/" },
  { account: "auditor@national.example", path: "/audit" },
  { account: "auditor@national.example", path: "/organisations" },
  { account: "auditor@national.example", path: "/agreements" },
];

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "390 px", width: 390, height: 844 },
] as const;

/** How far the page reaches past the window's right edge, in CSS pixels (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.name}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    for (const visit of PAGES) {
      const name = `${visit.path}${visit.follow ? " (a detail page)" : ""} for ${visit.account ?? "a visitor"}`;
      test(`${name} has no serious accessibility fault${viewport.width < 400 ? " and fits the screen" : ""}`, async ({ page }) => {
        if (visit.account) await resumeSession(page, visit.account);
        const response = await page.goto(visit.path);
        expect(response?.status()).toBe(200);
        if (visit.follow) {
          const link = page.locator(visit.follow).first();
          await expect(link, `a link to follow on ${visit.path}`).toBeVisible();
          await link.click();
          await expect(page).not.toHaveURL(new RegExp(`${visit.path}$`));
        }
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Page not found");
        if (viewport.width < 400) expect(await overflow(page), `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
        await expectAccessible(page, `${name} at ${viewport.name}`);
      });
    }
  });
}

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

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
