import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { EARLIEST_DISCLOSURE_MONTH, SINGLE_ANSWER_FIELDS } from "@/lib/taxonomy";
import { createAccount } from "./support/accounts";
import { portalDatabase } from "./support/database";
import { resumeSession, signInAs } from "./support/sign-in";

const SINGLE_ANSWERS = SINGLE_ANSWER_FIELDS;

/**
 * A month of its own for this run's uploads, so what they saved can be counted in the database:
 * one from the first nine years disclosures may be for, well before the demo data's two years.
 */
const RUN_MONTH = `${Number(EARLIEST_DISCLOSURE_MONTH.slice(0, 4)) + Math.floor(Math.random() * 9)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, "0")}`;

/** A complete disclosure of domestic abuse in Leeds, "Not known" wherever it can be. */
function row(header: readonly string[], reference: string, overrides: Record<string, string> = {}): string {
  const cells: Record<string, string> = {
    partner_reference: reference,
    disclosure_month: RUN_MONTH,
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

/** Submitted disclosures of an organisation in a month, as the database holds them. */
async function savedDisclosures(organisation: string, month: string): Promise<number> {
  const [row] = await portalDatabase()<{ count: string }[]>`
    select count(*) from disclosures d join organisations o on o.id = d.org_id
    where o.name = ${organisation} and d.status = 'submitted' and d.disclosure_month = ${`${month}-01`} and d.lad_code = 'E08000035'`;
  return Number(row!.count);
}

test.describe.configure({ mode: "serial" });

test.describe("CSV uploads", () => {
  test("a partner lead downloads the template, sees every error of a bad file, then uploads a good one", async ({ page }) => {
    test.setTimeout(180_000);
    await resumeSession(page, "manager@idva.example");
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
      expect(await savedDisclosures("Demo IDVA Service Leeds", RUN_MONTH)).toBe(0);
      await upload(page, csvFile("bad.csv", [header.join(","), row(header, `E2E-${run}-A`), row(header, `E2E-${run}-B`, { victim_sex: "unknown", lad_code: "E99999999" })]));
      const report = page.getByRole("region", { name: "There is a problem with the file" });
      await expect(report).toBeFocused();
      await expect(report.getByRole("alert")).toContainText("Nothing was saved: 2 problems were found.");
      const table = report.getByRole("table", { name: "Errors in the file by row and column" });
      await expect(table.getByRole("row", { name: /3 victim_sex/ })).toBeVisible();
      await expect(table.getByRole("row", { name: /3 lad_code/ })).toBeVisible();
      await expect(report.getByRole("link", { name: "Download the error report (CSV)" })).toHaveAttribute("download", "upload-errors.csv");
      await expectAccessible(page, "upload page with an error report");
      expect(await savedDisclosures("Demo IDVA Service Leeds", RUN_MONTH)).toBe(0);
    });

    const good = csvFile("good.csv", [header.join(","), ...Array.from({ length: 600 }, (_, i) => row(header, `E2E-${run}-${i}`))]);
    await test.step("a good file shows progress, then what was added", async () => {
      await upload(page, good);
      const status = page.getByRole("status").filter({ hasText: /Uploading|Checking|Saving|complete/ });
      await expect(status).toContainText(/Saving: \d+ of 600 rows saved|Checking the file/);
      await expect(status).toContainText("Upload complete: 600 disclosures added.", { timeout: 120_000 });
      await expect(page.getByRole("region", { name: "There is a problem with the file" })).toHaveCount(0);
      expect(await savedDisclosures("Demo IDVA Service Leeds", RUN_MONTH)).toBe(600);
      await expectAccessible(page, "upload page after an upload");
    });

    await test.step("the same file again adds nothing", async () => {
      await upload(page, good);
      await expect(page.getByRole("status").filter({ hasText: "Upload complete" })).toContainText("Upload complete: 0 disclosures added. 600 rows were already submitted and skipped", { timeout: 60_000 });
      expect(await savedDisclosures("Demo IDVA Service Leeds", RUN_MONTH)).toBe(600);
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
    await resumeSession(page, "manager@police.example");
    await page.goto("/recorded-crime/upload");
    await expect(page.getByRole("heading", { level: 1, name: "Upload recorded-crime returns" })).toBeVisible();
    await expectAccessible(page, "recorded-crime upload page");
    const returns = (spiking: number, rasso: number) =>
      csvFile("returns.csv", ["force_area_code,month,threat_area,count", `E23000010,${RUN_MONTH},spiking,${spiking}`, `E23000010,${RUN_MONTH},rasso,${rasso}`]);
    const saved = () => portalDatabase()<{ threat_area: string; count: number }[]>`
      select threat_area, count from recorded_crime_returns where force_area_code = 'E23000010' and month = ${`${RUN_MONTH}-01`} order by threat_area`;
    const complete = page.getByRole("status").filter({ hasText: "Upload complete" });

    await upload(page, returns(3, 11));
    await expect(complete).toContainText("Upload complete: 2 returns added and 0 updated.");
    expect(await saved()).toEqual([{ threat_area: "rasso", count: 11 }, { threat_area: "spiking", count: 3 }]);

    await upload(page, returns(4, 11));
    await expect(complete).toContainText("Upload complete: 0 returns added and 2 updated.");
    expect(await saved()).toEqual([{ threat_area: "rasso", count: 11 }, { threat_area: "spiking", count: 4 }]);
  });

  test("a rejected upload waits on the dashboard with its error report until it is dismissed", async ({ page }) => {
    test.setTimeout(120_000);
    const lead = await createAccount("manager@isva.example", "rejected-upload");
    await signInAs(page, lead.email);
    const fileName = `rejected-${Date.now().toString(36)}.csv`;
    await page.goto("/disclosures/upload");
    await upload(page, csvFile(fileName, ["partner_reference,colour", "07700900123,=1+1"]));
    await expect(page.getByRole("region", { name: "There is a problem with the file" }).getByRole("alert")).toContainText("The header row does not match the template");

    await page.goto("/");
    const rejected = page.getByRole("region", { name: "Uploads that were rejected" });
    const item = rejected.getByRole("listitem").filter({ hasText: fileName });
    await expect(item).toContainText("The header row does not match the template, so no rows were read.");
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      await expectAccessible(page, `dashboard with a rejected upload at ${viewport.width} pixels`);
    }

    const downloading = page.waitForEvent("download");
    await item.getByRole("link", { name: `Download the error report for ${fileName} (CSV)` }).click();
    const report = await readFile((await (await downloading).path())!, "utf8");
    expect(report.split("\r\n")[0]).toBe("row,column,message");
    expect(report).toContain("1,colour,");
    expect(report).not.toContain("07700900123");

    await item.getByRole("button", { name: `Dismiss ${fileName}` }).click();
    await expect(page.getByRole("listitem").filter({ hasText: fileName })).toHaveCount(0);
  });

  test("the recorded-crime upload is not found for a partner that is not a police force", async ({ page }) => {
    await resumeSession(page, "caseworker@idva.example");
    expect((await page.goto("/recorded-crime/upload"))?.status()).toBe(404);
    expect((await page.goto("/disclosures/upload"))?.status()).toBe(404);
  });
});
