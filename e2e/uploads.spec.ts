import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { SINGLE_ANSWER_FIELDS } from "@/lib/taxonomy";
import { signInAs } from "./support/sign-in";

const SINGLE_ANSWERS = SINGLE_ANSWER_FIELDS;

/** A complete disclosure of domestic abuse in Leeds, "Not known" wherever it can be. */
function row(header: readonly string[], reference: string, overrides: Record<string, string> = {}): string {
  const cells: Record<string, string> = {
    partner_reference: reference,
    disclosure_month: "2024-05",
    threat_areas: "domestic_abuse",
    "sub_types.domestic_abuse": "physical;coercive_control",
    lad_code: "E08000035",
    protective_orders: "not_known",
    ...Object.fromEntries(SINGLE_ANSWERS.map((name) => [name, "not_known"])),
    ...overrides,
  };
  return header.map((column) => cells[column] ?? "").join(",");
}

function csvFile(name: string, lines: readonly string[]) {
  return { name, mimeType: "text/csv", buffer: Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8") };
}

async function upload(page: Page, file: ReturnType<typeof csvFile>) {
  const form = page.getByRole("form", { name: "Upload a CSV file" });
  await form.getByLabel("CSV file").setInputFiles(file);
  await form.getByRole("button", { name: "Upload and check" }).click();
}

test.describe.configure({ mode: "serial" });

test.describe("CSV uploads", () => {
  test("a partner lead downloads the template, sees every error of a bad file, then uploads a good one", async ({ page }) => {
    test.setTimeout(180_000);
    await signInAs(page, "manager@idva.example");
    await page.goto("/disclosures/upload");
    await expect(page.getByRole("heading", { level: 1, name: "Upload disclosures" })).toBeVisible();
    await expectAccessible(page, "upload page");

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download the CSV template" }).click();
    const template = await downloading;
    expect(template.suggestedFilename()).toBe("disclosures-template.csv");
    const header = (await readFile((await template.path())!, "utf8")).trimEnd().split(",");
    expect(header.slice(0, 4)).toEqual(["partner_reference", "disclosure_month", "abuse_recency", "threat_areas"]);
    expect(header).toContain("sub_types.domestic_abuse");

    const run = Date.now().toString(36);
    await test.step("a file with one bad row saves nothing and shows the report", async () => {
      await upload(page, csvFile("bad.csv", [header.join(","), row(header, `E2E-${run}-A`), row(header, `E2E-${run}-B`, { victim_sex: "unknown", lad_code: "E99999999" })]));
      const report = page.getByRole("region", { name: "There is a problem with the file" });
      await expect(report).toBeFocused();
      await expect(report.getByRole("alert")).toContainText("Nothing was saved: 2 problems were found.");
      const table = report.getByRole("table", { name: "Errors in the file by row and column" });
      await expect(table.getByRole("row", { name: /3 victim_sex/ })).toBeVisible();
      await expect(table.getByRole("row", { name: /3 lad_code/ })).toBeVisible();
      await expect(report.getByRole("link", { name: "Download the error report (CSV)" })).toHaveAttribute("download", "upload-errors.csv");
      await expectAccessible(page, "upload page with an error report");
    });

    const good = csvFile("good.csv", [header.join(","), ...Array.from({ length: 600 }, (_, i) => row(header, `E2E-${run}-${i}`))]);
    await test.step("a good file shows progress, then what was added", async () => {
      await upload(page, good);
      const status = page.getByRole("status").filter({ hasText: /Uploading|Checking|Saving|complete/ });
      await expect(status).toContainText(/Saving: \d+ of 600 rows saved|Checking the file/);
      await expect(status).toContainText("Upload complete: 600 disclosures added.", { timeout: 120_000 });
      await expect(page.getByRole("region", { name: "There is a problem with the file" })).toHaveCount(0);
      await expectAccessible(page, "upload page after an upload");
    });

    await test.step("the same file again adds nothing", async () => {
      await upload(page, good);
      await expect(page.getByRole("status").filter({ hasText: "Upload complete" })).toContainText("Upload complete: 0 disclosures added. 600 rows were already submitted and skipped", { timeout: 60_000 });
    });

    await test.step("an upload from another site is refused", async () => {
      const response = await page.request.post("/disclosures/upload/stream", {
        headers: { origin: "https://evil.example", "content-type": "text/csv" },
        data: `${header.join(",")}\r\n${row(header, `E2E-${run}-X`)}\r\n`,
      });
      expect(response.status()).toBe(403);
    });
  });

  test("a police force's partner lead uploads recorded-crime returns", async ({ page }) => {
    await signInAs(page, "manager@police.example");
    await page.goto("/recorded-crime/upload");
    await expect(page.getByRole("heading", { level: 1, name: "Upload recorded-crime returns" })).toBeVisible();
    await expectAccessible(page, "recorded-crime upload page");
    await upload(page, csvFile("returns.csv", ["force_area_code,month,threat_area,count", "E23000010,2015-02,spiking,3", "E23000010,2015-02,rasso,11"]));
    await expect(page.getByRole("status").filter({ hasText: "Upload complete" })).toContainText(/Upload complete: \d returns? added and \d updated\./);
  });

  test("the recorded-crime upload is not found for a partner that is not a police force", async ({ page }) => {
    await signInAs(page, "caseworker@idva.example");
    expect((await page.goto("/recorded-crime/upload"))?.status()).toBe(404);
    expect((await page.goto("/disclosures/upload"))?.status()).toBe(404);
  });
});
