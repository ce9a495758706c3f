import { expect, test, type Page } from "@playwright/test";
import { INSIGHT_PAGES } from "@/lib/navigation";
import { expectAccessible } from "./axe";
import type { SharedAccount } from "./support/accounts";
import { resumeSession } from "./support/sign-in";

// Every insight page, as the demo analyst and viewer of West Yorkshire Police see it over the
// seeded partner data: it renders its charts on the server as SVG with a text summary and a data
// table, and has no serious accessibility fault, on a desktop and on a 390-pixel phone. The
// accounts are only read with.

const PAGES = ["/insights", ...INSIGHT_PAGES.map((page) => page.href)];
const READERS: SharedAccount[] = ["analyst@police.example", "viewer@police.example"];
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "390 px", width: 390, height: 844 },
];

/** How far the page reaches past the window's right edge, in CSS pixels (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

for (const viewport of VIEWPORTS) {
  test.describe(`insight pages at ${viewport.name}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    for (const email of READERS) {
      test(`every insight page draws its charts for ${email}, fits the screen and has no serious accessibility fault`, async ({ page }) => {
        test.setTimeout(180_000);
        await resumeSession(page, email);
        for (const path of PAGES) {
          const response = await page.goto(path);
          expect(response?.status(), path).toBe(200);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          // Each chart is one server-rendered SVG image named by its title and summary, with its figures as a table.
          const charts = page.locator("figure svg[role=img]");
          expect(await charts.count(), `${path} draws no chart`).toBeGreaterThan(0);
          await expect(charts.first()).toHaveAttribute("aria-label", /\S+\. \S+/);
          await expect(page.locator("figure").first().getByText("Show the data as a table")).toBeVisible();
          expect(await overflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
          await expectAccessible(page, `${path} as ${email} at ${viewport.name}`);
        }
      });
    }
  });
}

test.describe("insight filters in the URL", () => {
  test("a view shared by its URL opens with its filters, and its data table opens from the chart", async ({ page }) => {
    await resumeSession(page, "analyst@police.example");
    await page.goto("/insights/perpetrators?force_area=E23000010&threat_area=domestic_abuse");
    await expect(page.getByLabel("Threat area", { exact: true })).toHaveValue("domestic_abuse");
    const figure = page.locator("figure").first();
    await figure.getByText("Show the data as a table").click();
    await expect(figure.getByRole("region", { name: /: the data$/ }).getByRole("table")).toBeVisible();
    await expectAccessible(page, "the perpetrators view with its data table open");
  });

  test("a filter out of its list is named in an error summary, and no figure is shown", async ({ page }) => {
    await resumeSession(page, "viewer@police.example");
    await page.goto("/insights/repeat-victimisation?period=2026-01..2026-03");
    await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("Enter a period as a month");
    await expect(page.locator("figure svg[role=img]")).toHaveCount(0);
    await expectAccessible(page, "the repeat victimisation view with a bad period");
  });
});
