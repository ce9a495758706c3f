import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { resumeSession } from "./support/sign-in";

// The audit log for auditors, and who read a partner's records for its partner lead. Reads only,
// but for the verification an auditor asks for, which adds its own event to the log.

test.describe("Audit log", () => {
  test("an auditor filters the log, pages it, is told plainly about a bad page, and verifies the chain", async ({ page }) => {
    await resumeSession(page, "auditor@national.example");
    await page.goto("/audit");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
    await expect(page.getByRole("heading", { name: "Hash chain" })).toBeVisible();
    const rows = page.getByRole("table", { name: "Audit events, newest first" }).locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    await expectAccessible(page, "/audit");

    const filters = page.getByRole("form", { name: "Filter the audit log" });
    await filters.getByLabel("Action").selectOption("session.signed_in");
    await filters.getByLabel("Outcome").selectOption({ label: "Succeeded" });
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=session.signed_in/);
    const signIns = await rows.all();
    expect(signIns.length).toBeGreaterThan(0);
    for (const row of signIns) await expect(row.locator("td").nth(2)).toHaveText("session.signed_in");
    // A sign-in through the browser names the request it came from.
    await expect(signIns[0]!.locator("td").nth(6)).toContainText(/request [0-9a-f-]{36}/);

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download these events as CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const lines = readFileSync(path, "utf8").trim().split("\r\n");
    expect(lines[0]).toMatch(/^event,chain_position,time_utc,action,outcome,/);
    expect(lines.length - 1).toBeGreaterThanOrEqual(signIns.length);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d+,\d*,[^,]+,session\.signed_in,success,/);

    await page.goto("/audit?before=not-a-page");
    const summary = page.getByRole("alert").filter({ hasText: "That page of the audit log does not exist" });
    await expect(summary).toBeVisible();
    await expectAccessible(page, "/audit with a bad page");

    await page.goto("/audit");
    await page.getByRole("form", { name: "Verify the hash chain" }).getByRole("button", { name: "Verify now" }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Intact when last verified by an auditor/ })).toBeVisible();
    await expectAccessible(page, "/audit after verification");
  });

  test("the audit log is not found for anyone but an auditor", async ({ page }) => {
    await resumeSession(page, "admin@national.example");
    const response = await page.goto("/audit");
    expect(response?.status()).toBe(404);
  });
});

test.describe("Who accessed your data", () => {
  test("a partner lead sees the analyst who listed their organisation's records", async ({ browser }) => {
    const analystContext = await browser.newContext();
    const analyst = await analystContext.newPage();
    await resumeSession(analyst, "analyst@police.example");
    await analyst.goto("/partner-data");
    await expect(analyst.getByRole("heading", { level: 1 })).toHaveText("Partner data");
    await analystContext.close();

    const leadContext = await browser.newContext();
    const lead = await leadContext.newPage();
    await resumeSession(lead, "manager@idva.example");
    await lead.goto("/organisation/access");
    await expect(lead.getByRole("heading", { level: 1 })).toHaveText("Who accessed your data");
    const first = lead.getByRole("table", { name: /Reads of your organisation's records/ }).locator("tbody tr").first();
    await expect(first.locator("td").nth(1)).toHaveText("Demo Analyst (West Yorkshire)");
    await expect(first.locator("td").nth(2)).toHaveText("Demo Police West Yorkshire");
    await expect(first.locator("td").nth(3)).toHaveText("Listed records");
    await expect(first.locator("td").nth(5)).toHaveText("DSA-WY-2025-001");
    await expectAccessible(lead, "/organisation/access");
    await leadContext.close();
  });
});
