import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test, type Cookie, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { sessionFileOf } from "./support/accounts";
import { resumeSession } from "./support/sign-in";

const form = (page: Page) => page.getByRole("form", { name: "Organisation" });

test.describe("choosing an organisation's local authorities", () => {
  test("ticks them by keyboard, narrowed by the filter box, with no list that needs Ctrl-click", async ({ page }) => {
    await resumeSession(page, "admin@national.example");
    await page.goto("/organisations/new");
    await expect(page.locator("select[multiple]")).toHaveCount(0);
    const name = `E2E Refuge ${randomBytes(4).toString("hex")}`;
    await form(page).getByLabel("Name", { exact: true }).fill(name);
    await form(page).getByLabel("Type").selectOption({ label: "Third-sector organisation" });
    await form(page).getByLabel("Police force area").selectOption({ label: "West Yorkshire" });

    const field = form(page).getByRole("group", { name: "Local authorities (optional)" });
    // The chosen force area's group comes first and opens.
    await expect(field.locator("details").first().locator("summary")).toHaveText("West Yorkshire");
    await expect(field.getByRole("checkbox", { name: "Leeds" })).toBeVisible();

    await field.getByLabel("Filter by name").fill("wake");
    await expect(field.getByRole("status")).toHaveText("1 matching.");
    await expect(field.getByRole("checkbox", { name: "Leeds" })).toBeHidden();
    const wakefield = field.getByRole("checkbox", { name: "Wakefield" });
    await wakefield.focus();
    await page.keyboard.press("Space");
    await expect(wakefield).toBeChecked();
    // Enter in the filter box narrows the list and does not send the form.
    await field.getByLabel("Filter by name").fill("leeds");
    await field.getByLabel("Filter by name").press("Enter");
    await expect(page).toHaveURL(/\/organisations\/new$/);
    await field.getByRole("checkbox", { name: "Leeds" }).check();
    await field.getByLabel("Filter by name").fill("");
    await expect(field.locator("summary").first()).toHaveText("West Yorkshire (2 chosen)");
    await expectAccessible(page, "organisation form with local authorities ticked");

    await form(page).getByRole("button", { name: "Add organisation" }).click();
    await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}\?saved=1$/);
    await page.goto("/organisations");
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Leeds, Wakefield");
  });

  test("works without JavaScript: plain checkboxes in force-area groups, no filter box", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const saved = JSON.parse(await readFile(sessionFileOf("admin@national.example"), "utf8")) as { cookies: Cookie[] };
    await context.addCookies(saved.cookies);
    const page = await context.newPage();
    await page.goto("/organisations/new");
    const field = form(page).getByRole("group", { name: "Local authorities (optional)" });
    await expect(field.getByLabel("Filter by name")).toHaveCount(0);
    await field.locator("summary", { hasText: "Greater Manchester" }).click();
    await expect(field.getByRole("checkbox", { name: "Bolton" })).toBeVisible();
    await expect(field.getByRole("group", { name: "Greater Manchester" })).toBeVisible();
    await context.close();
  });
});
