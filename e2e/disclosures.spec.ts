import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { SINGLE_ANSWER_FIELDS } from "@/lib/taxonomy";
import { resumeSession } from "./support/sign-in";

// Ethnicity is a drop-down, not radios.
const SINGLE_ANSWERS = SINGLE_ANSWER_FIELDS.filter((field) => field !== "victim_ethnicity");

const LEEDS = "E08000035";

function disclosureForm(page: Page): Locator {
  return page.getByRole("form", { name: "Disclosure" });
}

function choice(form: Locator, name: string, value: string): Locator {
  return form.locator(`input[name="${name}"][value="${value}"]`);
}

/** Answers every question, "Not known" wherever it can, for domestic abuse in Leeds. */
async function fillEverything(page: Page, options: { month?: string; context?: string; reference?: string } = {}) {
  const form = disclosureForm(page);
  await form.getByLabel("Month of disclosure").fill(options.month ?? "2024-05");
  await form.getByLabel("Domestic abuse", { exact: true }).check();
  await choice(form, "threat_areas.domestic_abuse", "not_known").check();
  for (const name of SINGLE_ANSWERS) await choice(form, name, "not_known").check();
  await form.getByLabel("Ethnicity").selectOption("not_known");
  await form.getByLabel("Local authority district").selectOption(LEEDS);
  await choice(form, "protective_orders", "not_known").check();
  if (options.context !== undefined) await form.getByLabel("Context (optional)").fill(options.context);
  if (options.reference !== undefined) await form.getByLabel("Partner reference (optional)").fill(options.reference);
}

async function submit(page: Page) {
  await disclosureForm(page).getByRole("button", { name: "Submit", exact: true }).click();
}

const idOf = (url: string) => /\/disclosures\/([0-9a-f-]{36})/.exec(url)?.[1] ?? "";

let submittedId = "";

test.describe.configure({ mode: "serial" });

test.describe("disclosures", () => {
  test("records, corrects and withdraws a disclosure, and keeps drafts", async ({ page }) => {
    test.setTimeout(240_000);
    await resumeSession(page, "caseworker@idva.example");

    await test.step("refuses an incomplete submission, keeping what was typed", async () => {
      await page.goto("/disclosures/new");
      await expect(page.getByRole("heading", { level: 1, name: "Record a disclosure" })).toBeVisible();
      await expectAccessible(page, "new disclosure form");
      const form = disclosureForm(page);
      await form.getByLabel("Month of disclosure").fill("2024-05");
      await form.getByLabel("Rape and serious sexual offences").check();
      await choice(form, "victim_sex", "female").check();
      await submit(page);

      const summary = form.getByRole("alert").filter({ hasText: "There is a problem" });
      await expect(summary).toBeFocused();
      await expect(summary.getByRole("link", { name: "Select how long ago the abuse happened" })).toHaveAttribute("href", "#abuse_recency");
      await expect(summary.getByRole("link", { name: "Select the local authority district" })).toHaveAttribute("href", "#lad_code");
      await expect(summary.getByRole("link", { name: /Select at least one type of rape/ })).toHaveAttribute("href", "#threat_areas.rasso");
      await expect(summary.getByRole("link", { name: "Select the victim’s sex" })).toHaveCount(0);
      // The message is beside the field as well.
      await expect(form.locator("#lad_code-error")).toContainText("Select the local authority district");

      await expect(form.getByLabel("Month of disclosure")).toHaveValue("2024-05");
      await expect(form.getByLabel("Rape and serious sexual offences")).toBeChecked();
      await expect(choice(form, "victim_sex", "female")).toBeChecked();
      await expectAccessible(page, "new disclosure form with errors");

      await summary.getByRole("link", { name: "Select the local authority district" }).click();
      await expect(form.getByLabel("Local authority district")).toBeFocused();
      // Answering after an error leaves focus where the caseworker is.
      await choice(form, "space", "online").check();
      await expect(choice(form, "space", "online")).toBeFocused();
    });

    await test.step("submits a complete disclosure and shows it in the list and on its page", async () => {
      await page.goto("/disclosures/new");
      await fillEverything(page, { month: "2024-06" });
      await submit(page);
      await expect(page.getByRole("status").filter({ hasText: "Disclosure submitted." })).toBeVisible();
      submittedId = idOf(page.url());
      expect(submittedId).not.toBe("");
      const main = page.getByRole("main");
      await expect(main.getByText("Leeds (E08000035)")).toBeVisible();
      await expect(main.getByText("West Yorkshire", { exact: true })).toBeVisible();
      await expect(main.getByText("Domestic abuse: Not known")).toBeVisible();
      await expectAccessible(page, "disclosure page");

      await page.goto("/disclosures");
      await expect(page.getByRole("heading", { level: 1, name: "Disclosures" })).toBeVisible();
      await expect(page.locator(`a[href="/disclosures/${submittedId}"]`)).toBeVisible();
      await expectAccessible(page, "list of disclosures");
    });

    await test.step("corrects it with a second version, keeping the first in the history", async () => {
      await page.goto(`/disclosures/${submittedId}`);
      await page.getByRole("link", { name: "Correct this disclosure" }).click();
      const form = disclosureForm(page);
      await expect(choice(form, "space", "not_known")).toBeChecked();
      await choice(form, "victim_sex", "female").check();
      await form.getByRole("button", { name: "Submit correction" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Correction submitted." })).toBeVisible();
      const history = page.getByRole("table", { name: /Versions of this disclosure/ });
      await expect(history.getByText("Version 2 (this one)")).toBeVisible();
      await expect(history.getByRole("link", { name: "Version 1" })).toBeVisible();
      await expect(history.getByText("Superseded")).toBeVisible();
      submittedId = idOf(page.url());
    });

    await test.step("withdraws it with a reason", async () => {
      await page.getByRole("link", { name: "Withdraw this disclosure" }).click();
      const form = page.getByRole("form", { name: "Withdraw disclosure" });
      await form.getByRole("button", { name: "Withdraw disclosure" }).click();
      await expect(form.getByRole("link", { name: "Enter a reason of 3 to 500 characters" })).toBeVisible();
      await form.getByLabel("Why is it being withdrawn?").fill("Entered in error");
      await form.getByRole("button", { name: "Withdraw disclosure" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Disclosure withdrawn." })).toBeVisible();
      await expect(page.getByRole("main").getByText("Entered in error").first()).toBeVisible();
      await expect(page.getByRole("link", { name: "Correct this disclosure" })).toHaveCount(0);
    });

    await test.step("filters the list by month, threat area and status", async () => {
      await page.goto("/disclosures");
      const filters = page.getByRole("form", { name: "Filter disclosures" });
      await filters.getByLabel("From month").fill("2024-06");
      await filters.getByLabel("To month").fill("2024-06");
      await filters.getByLabel("Threat area").selectOption("domestic_abuse");
      await filters.getByLabel("Status").selectOption("withdrawn");
      await filters.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL(/status=withdrawn/);
      await expect(page.locator(`a[href="/disclosures/${submittedId}"]`)).toBeVisible();
      await expect(page.getByRole("table").getByText("Submitted", { exact: true })).toHaveCount(0);

      await page.goto("/disclosures");
      await page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Next page" }).click();
      await expect(page).toHaveURL(/page=2/);
      await expect(page.getByRole("main").getByRole("status")).toContainText("page 2 of");

      // The withdrawn disclosure matches every filter but one in each of these, so each filter must work to hide it.
      const link = page.locator(`a[href="/disclosures/${submittedId}"]`);
      await page.goto("/disclosures?status=withdrawn&area=domestic_abuse&from=2024-06&to=2024-06");
      await expect(link).toBeVisible();
      for (const query of ["status=submitted&area=domestic_abuse&from=2024-06&to=2024-06", "status=withdrawn&area=spiking&from=2024-06&to=2024-06", "status=withdrawn&area=domestic_abuse&from=2024-07"]) {
        await page.goto(`/disclosures?${query}`);
        await expect(page.getByRole("heading", { level: 1, name: "Disclosures" })).toBeVisible();
        await expect(link, query).toHaveCount(0);
      }
    });

    await test.step("saves a draft and returns to it", async () => {
      await page.goto("/disclosures/new");
      const form = disclosureForm(page);
      await form.getByLabel("Month of disclosure").fill("2024-07");
      await choice(form, "victim_age_band", "25-34").check();
      await form.getByRole("button", { name: "Save as draft" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Draft saved." })).toBeVisible();
      const draftId = idOf(page.url());

      await page.goto("/disclosures?status=draft");
      await page.locator(`a[href="/disclosures/${draftId}"]`).click();
      await page.getByRole("link", { name: "Continue the draft" }).click();
      await expect(disclosureForm(page).getByLabel("Month of disclosure")).toHaveValue("2024-07");
      await expect(choice(disclosureForm(page), "victim_age_band", "25-34")).toBeChecked();
      await fillEverything(page, { month: "2024-07" });
      await submit(page);
      await expect(page.getByRole("status").filter({ hasText: "Disclosure submitted." })).toBeVisible();
      expect(idOf(page.url())).toBe(draftId);
    });

    await test.step("refuses a context holding a phone number, naming it", async () => {
      await page.goto("/disclosures/new");
      const context = "She was told to call 07700 900123 if worried.";
      await fillEverything(page, { context });
      await submit(page);
      const form = disclosureForm(page);
      const summary = form.getByRole("alert").filter({ hasText: "There is a problem" });
      await expect(summary.getByRole("link", { name: /phone number/ })).toHaveAttribute("href", "#context");
      await expect(summary).not.toContainText("07700");
      await expect(form.locator("#context-error")).toContainText("The context looks like a phone number");
      await expect(form.getByLabel("Context (optional)")).toHaveValue(context);
    });

    await test.step("asks about online platforms only when the space is online", async () => {
      await page.goto("/disclosures/new");
      const form = disclosureForm(page);
      const platforms = form.getByRole("group", { name: "Online platform types" });
      await expect(platforms).toBeHidden();
      await choice(form, "space", "online").check();
      await expect(platforms).toBeVisible();
      await choice(form, "space", "workplace").check();
      await expect(platforms).toBeHidden();

      const barriers = form.getByRole("group", { name: "Barriers to reporting" });
      await expect(barriers).toBeHidden();
      await choice(form, "reported_to_police", "no").check();
      await expect(barriers).toBeVisible();
    });

    await test.step("offers a correction when a partner reference is used again", async () => {
      const reference = `E2E-${Date.now()}`;
      await page.goto("/disclosures/new");
      await fillEverything(page, { reference });
      await submit(page);
      await expect(page.getByRole("status").filter({ hasText: "Disclosure submitted." })).toBeVisible();
      const firstId = idOf(page.url());

      await page.goto("/disclosures/new");
      await fillEverything(page, { reference, month: "2024-08" });
      await submit(page);
      const offer = disclosureForm(page).getByRole("alert").filter({ hasText: "This partner reference has already been used" });
      await expect(offer).toBeVisible();
      await expect(offer.getByRole("link", { name: "Correct the existing disclosure" })).toHaveAttribute("href", `/disclosures/${firstId}/correct`);
    });
  });

  test("hides another organisation's disclosure", async ({ page }) => {
    expect(submittedId).not.toBe("");
    await resumeSession(page, "caseworker@isva.example");
    const response = await page.goto(`/disclosures/${submittedId}`);
    expect(response?.status()).toBe(404);
    const list = await page.goto("/disclosures");
    expect(list?.status()).toBe(200);
    await expect(page.locator(`a[href="/disclosures/${submittedId}"]`)).toHaveCount(0);
  });
});
