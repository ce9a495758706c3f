import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { createAccount } from "./support/accounts";
import { resumeSession, signInAs } from "./support/sign-in";

// Reads only: the West Yorkshire analyst's partner data comes from the demo agreement DSA-WY-2025-001,
// which no test changes.

function rows(page: Page) {
  return page.getByRole("table", { name: /Shared disclosures/ }).locator("tbody tr");
}

test.describe("Partner data", () => {
  test("a police analyst filters, pages, opens a record and downloads the rows as CSV", async ({ page }) => {
    await resumeSession(page, "analyst@police.example");
    await page.getByRole("navigation", { name: /main|primary/i }).getByRole("link", { name: "Partner data" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Partner data");
    await expect(page.getByRole("status")).toHaveText("Showing 50 rows, 50 to a page.");
    await expect(rows(page)).toHaveCount(50);
    await expectAccessible(page, "/partner-data");

    const firstPage = (await rows(page).first().textContent()) ?? "";
    expect(firstPage).not.toBe("");
    await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(rows(page).first()).not.toHaveText(firstPage);
    await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Previous page" }).click();
    await expect(rows(page).first()).toHaveText(firstPage);

    const filters = page.getByRole("form", { name: "Filter partner data" });
    await filters.getByLabel("Provider").selectOption({ label: "Demo IDVA Service Leeds" });
    await filters.getByLabel("Threat area").selectOption({ label: "Stalking and harassment" });
    await filters.getByLabel("Sort by").selectOption("oldest");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/area=stalking_harassment/);
    const count = await rows(page).count();
    expect(count).toBeGreaterThan(0);
    for (const row of await rows(page).all()) {
      await expect(row.locator("td").nth(1)).toContainText("Demo IDVA Service Leeds");
      await expect(row.locator("td").nth(3)).toContainText("Stalking and harassment");
    }

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download these rows as CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^partner-data-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = (await readFile((await download.path())!, "utf8")).trimEnd().split("\r\n");
    const header = lines[0]!.split(",");
    expect(header.slice(0, 5)).toEqual(["id", "provider", "provider_type", "submitted_at", "disclosure_month"]);
    expect(header).toEqual(expect.arrayContaining(["threat_areas", "sub_types.stalking_harassment", "victim_age_band", "lad_code"]));
    expect(header).not.toContain("context");
    expect(header).not.toContain("partner_reference");
    expect(lines.length - 1).toBeGreaterThanOrEqual(count);
    expect(lines.slice(1).every((line) => line.split(",")[1] === "Demo IDVA Service Leeds" && line.includes("stalking_harassment"))).toBe(true);

    await rows(page).first().getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Shared disclosure from Demo IDVA Service Leeds");
    await expect(page.getByText("DSA-WY-2025-001: West Yorkshire VAWG partnership")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Victim" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Context" })).toHaveCount(0);
    await expectAccessible(page, "/partner-data/[id]");
  });

  test("a filter that cannot be read is explained against its field, not a failure", async ({ page }) => {
    await resumeSession(page, "analyst@police.example");
    const response = await page.goto("/partner-data?from=2026-05&to=2026-01");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("The last month must be the same as or after the first month");
    await expect(page.getByRole("table")).toHaveCount(0);
    await expectAccessible(page, "/partner-data with a refused filter");
    expect((await page.request.get("/partner-data/export?cursor=nonsense")).status()).toBe(400);
  });

  test("an analyst of another force sees no rows and is told why", async ({ page }) => {
    const account = await createAccount("analyst@otherpolice.example", "gm-analyst");
    await signInAs(page, account.email);
    await page.goto("/partner-data");
    await expect(page.getByRole("heading", { name: "No record-level data is shared with your organisation" })).toBeVisible();
    await expect(page.getByText("This page lists record-level data only")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expectAccessible(page, "/partner-data with nothing shared");
    const exported = await page.request.get("/partner-data/export");
    expect(exported.headers()["cache-control"]).toBe("private, no-store");
    expect(await exported.text()).toBe("id,provider,provider_type,submitted_at\r\n");
  });

  test("a viewer, who sees aggregates only, does not find the page", async ({ page }) => {
    await resumeSession(page, "viewer@police.example");
    expect((await page.goto("/partner-data"))?.status()).toBe(404);
    expect((await page.request.get("/partner-data/export")).status()).toBe(404);
  });
});
