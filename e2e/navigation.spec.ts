import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { SHARED_ACCOUNTS } from "./support/accounts";
import { resumeSession } from "./support/sign-in";

/** Records every console error and every 404 the page meets, its prefetches included. */
function watchForDeadEnds(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught error on ${page.url()}: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() === 404) problems.push(`404 for ${response.url()} (from ${page.url()})`);
  });
  return problems;
}

/** The same-origin paths the links in a part of the page lead to, each once. */
async function pathsIn(page: Page, region: ReturnType<Page["getByRole"]>): Promise<string[]> {
  const hrefs = await region.getByRole("link").evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  const origin = new URL(page.url()).origin;
  return [...new Set(hrefs.filter((href) => new URL(href).origin === origin).map((href) => { const url = new URL(href); return `${url.pathname}${url.search}`; }))];
}

test.describe("no dead ends", () => {
  for (const email of SHARED_ACCOUNTS) {
    test(`${email} meets no 404 or console error through any menu or dashboard link`, async ({ page }) => {
      test.setTimeout(120_000);
      const problems = watchForDeadEnds(page);
      await resumeSession(page, email);
      await expect(page.getByRole("heading", { level: 1, name: "Your dashboard" })).toBeVisible();
      await expectAccessible(page, `dashboard of ${email}`);

      const menu = await pathsIn(page, page.getByRole("navigation", { name: "Main" }));
      expect(menu[0]).toBe("/");
      const dashboard = await pathsIn(page, page.getByRole("main"));
      expect(dashboard.length).toBeGreaterThan(0);

      // Next.js prefetches each link as a React Server Components request: ask for every one as it
      // would, so a missing page fails here even when the browser has not got round to it yet.
      for (const path of new Set([...menu, ...dashboard])) {
        const prefetch = await page.request.get(path, { headers: { RSC: "1", "Next-Router-Prefetch": "1" } });
        expect(prefetch.status(), `prefetch of ${path} as ${email}`).toBe(200);
      }

      for (const path of menu) {
        const response = await page.goto(path);
        expect(response?.status(), `${path} as ${email}`).toBe(200);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Page not found");
        // The menu marks where the person is.
        await expect(page.getByRole("navigation", { name: "Main" }).locator('[aria-current="page"]')).toHaveAttribute("href", path);
      }
      if (menu.includes("/insights")) {
        // The views under Insights are reached from its landing page, not the menu: follow each of its links too.
        await page.goto("/insights");
        const views = await pathsIn(page, page.getByRole("main"));
        expect(views.length).toBeGreaterThan(0);
        for (const path of views) {
          const response = await page.goto(path);
          expect(response?.status(), `${path} as ${email}`).toBe(200);
          await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Page not found");
          const { pathname } = new URL(path, "http://portal.test");
          const nav = page.getByRole("navigation", { name: "Main" });
          if (pathname.startsWith("/insights/")) {
            // Inside the section, Insights is marked as where the person is, though not as the page itself.
            await expect(nav.locator('[aria-current="true"]')).toHaveAttribute("href", "/insights");
          } else {
            // A page of its own in the menu (the STRA pack, for analysts) is marked as the page.
            await expect(nav.locator('[aria-current="page"]')).toHaveAttribute("href", pathname);
          }
        }
      }
      expect(problems, problems.join("\n")).toEqual([]);
    });
  }
});
