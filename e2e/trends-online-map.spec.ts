import { strFromU8, unzipSync } from "fflate";
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import type { SharedAccount } from "./support/accounts";
import { resumeSession } from "./support/sign-in";

// The Trends, Online and Map views and the STRA input pack, on the seeded demo data (two years of
// the West Yorkshire partners' disclosures): each page's charts drawn on the server as SVG, with a
// text summary and a data table, and no serious accessibility fault at desktop size or on a phone.

const PAGES: [SharedAccount, string, string][] = [
  ["viewer@police.example", "/insights/trends", "Trends"],
  ["viewer@police.example", "/insights/online", "Online"],
  ["viewer@police.example", "/insights/map", "Map"],
  ["analyst@police.example", "/stra-pack", "STRA input pack"],
];

/** How far the page reaches past the window's right edge, in CSS pixels (0 when it fits). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

for (const [label, viewport] of [
  ["at desktop size", { width: 1280, height: 900 }],
  ["at 390 pixels wide", { width: 390, height: 844 }],
] as const) {
  test.describe(label, () => {
    test.use({ viewport });
    for (const [email, path, heading] of PAGES) {
      test(`${path} draws its charts with a summary and a table, with no serious accessibility fault, for ${email}`, async ({ page }) => {
        await resumeSession(page, email);
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
        const charts = page.locator("figure svg[role=img]");
        expect(await charts.count()).toBeGreaterThan(0);
        await expect(charts.first()).toHaveAttribute("aria-label", /\S/);
        await expect(page.getByText("Show the data as a table").first()).toBeVisible();
        if (viewport.width === 390) expect(await overflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
        await expectAccessible(page, `${path} as ${email} ${label}`);
      });
    }
  });
}

test("the Trends page judges each threat area in the PHIA yardstick's words", async ({ page }) => {
  await resumeSession(page, "viewer@police.example");
  await page.goto("/insights/trends");
  const judgements = page.getByRole("region", { name: "Judgements" }).getByRole("listitem");
  expect(await judgements.count()).toBeGreaterThan(0);
  for (const text of await judgements.allTextContents()) {
    expect(text).toMatch(/^(It is (highly unlikely|unlikely|likely|highly likely|almost certain)|There is a (remote chance|realistic possibility)) that disclosures of .+ in the next 12 months will exceed those in the last 12\.$|^Too few months/);
  }
});

test("the Map page names the boundaries' licence and shows the same rates in a table", async ({ page }) => {
  await resumeSession(page, "viewer@police.example");
  await page.goto("/insights/map");
  await expect(page.getByText("Contains OS data © Crown copyright and database right 2023.").first()).toBeVisible();
  const table = page.getByRole("region", { name: "Disclosures and disclosures per 1,000 females, by police force area" });
  await expect(table.getByRole("rowheader", { name: "West Yorkshire" })).toBeVisible();
});

test("a filter out of its list is named in an error summary, not a failure", async ({ page }) => {
  await resumeSession(page, "viewer@police.example");
  const response = await page.goto("/insights/online?threat_area=everything");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("Choose a threat area from the list");
});

test("the STRA pack's CSV files download as one zip, with a README and withheld figures as [c]", async ({ page }) => {
  await resumeSession(page, "analyst@police.example");
  await page.goto("/stra-pack");
  await expect(page.getByRole("heading", { level: 2, name: "Domestic abuse" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Domestic abuse: perpetrator's relationship to the victim" })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the data behind this pack (zip of CSV files)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^stra-pack-last-12-months-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(await readFile((await download.path())!)));
  expect(Object.keys(files)).toEqual(
    expect.arrayContaining(["README.txt", "volume.csv", "judgements.csv", "rate-per-1000-females.csv", "perpetrators.csv", "data-quality.csv", "data-gaps.csv"]),
  );
  expect(strFromU8(files["README.txt"]!)).toContain("[c] marks a figure withheld");
  expect(strFromU8(files["volume.csv"]!)).toMatch(/^Threat area,Disclosures,Previous period,Trend,/);
  expect(strFromU8(files["perpetrators.csv"]!)).toMatch(/^Question,Answer,Domestic abuse,/);
  expect(strFromU8(files["perpetrators.csv"]!)).toContain("\r\nShare known to other offending,Yes,");
  expect(strFromU8(files["data-quality.csv"]!)).toMatch(/^Organisation,Same month,The month after,/);
  expect(strFromU8(files["data-quality.csv"]!)).toContain("\r\nAll organisations,");
});

test("the STRA pack is not offered to a viewer, who sees aggregate views only", async ({ page }) => {
  await resumeSession(page, "viewer@police.example");
  expect((await page.goto("/stra-pack"))?.status()).toBe(404);
  expect((await page.request.get("/stra-pack/csv")).status()).toBe(404);
});
