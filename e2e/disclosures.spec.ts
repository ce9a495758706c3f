import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { ASKED_QUESTIONS, SECTIONS, type Section } from "@/lib/taxonomy";
import { resumeSession } from "./support/sign-in";

const LEEDS = "E08000035";
const WILTSHIRE = "E06000054";

/** The radio questions of a section ("Not known" is a choice of each); ethnicity is a drop-down. */
function radiosIn(section: Section): string[] {
  return ASKED_QUESTIONS.filter((question) => question.section === section && question.kind === "single" && question.layout !== "grouped").map((question) => question.code);
}

function sectionForm(page: Page): Locator {
  return page.getByRole("form", { name: /^Disclosure/ });
}

function choice(form: Locator, name: string, value: string): Locator {
  return form.locator(`input[name="${name}"][value="${value}"]`);
}

type Answers = { month?: string; context?: string; reference?: string };

/** Answers one section, "Not known" wherever it can, for domestic abuse in Leeds. */
async function answerSection(page: Page, section: Section, answers: Answers = {}) {
  const form = sectionForm(page);
  await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
  for (const name of radiosIn(section)) await choice(form, name, "not_known").check();
  if (section === "Period") await form.getByLabel("Month of disclosure").selectOption(answers.month ?? "2024-05");
  if (section === "Threat areas") {
    await form.getByLabel("Domestic abuse", { exact: true }).check();
    await choice(form, "threat_areas.domestic_abuse", "not_known").check();
  }
  if (section === "Victim") await form.getByLabel("Ethnicity").selectOption("not_known");
  if (section === "Place") await form.getByLabel("Local authority district").selectOption(LEEDS);
  if (section === "Reporting") await choice(form, "protective_orders", "not_known").check();
  if (section === "Context") {
    if (answers.context !== undefined) await form.getByLabel("Context (optional)").fill(answers.context);
    if (answers.reference !== undefined) await form.getByLabel("Partner reference (optional)").fill(answers.reference);
  }
}

async function saveAndContinue(page: Page) {
  await sectionForm(page).getByRole("button", { name: "Save and continue" }).click();
}

/** A new disclosure answered section by section, up to "Check your answers". */
async function answerEverything(page: Page, answers: Answers = {}) {
  await page.goto("/disclosures/new");
  for (const section of SECTIONS) {
    await answerSection(page, section, answers);
    if (section === "Context") return;
    await saveAndContinue(page);
  }
}

const CHECK_HEADING = "Check your answers before submitting the disclosure";

async function submitFromCheck(page: Page) {
  await expect(page.getByRole("heading", { level: 1, name: CHECK_HEADING })).toBeVisible();
  await page.getByRole("form", { name: "Submit the disclosure" }).getByRole("button", { name: "Submit disclosure" }).click();
}

const idOf = (url: string) => /\/disclosures\/([0-9a-f-]{36})/.exec(url)?.[1] ?? "";

let submittedId = "";

test.describe.configure({ mode: "serial" });

test.describe("disclosures", () => {
  test("records, corrects and withdraws a disclosure, and keeps drafts", async ({ page }) => {
    test.setTimeout(360_000);
    await resumeSession(page, "caseworker@idva.example");

    await test.step("refuses a draft with no answers at all", async () => {
      await page.goto("/disclosures/new");
      await expect(page.getByText("Record a disclosure: section 1 of 8")).toBeVisible();
      await sectionForm(page).getByRole("button", { name: "Save and come back later" }).click();
      const summary = sectionForm(page).getByRole("alert").filter({ hasText: "There is a problem" });
      await expect(summary).toBeFocused();
      await expect(summary).toContainText("Answer at least one question before saving a draft.");
    });

    await test.step("refuses an incomplete section, keeping what was typed", async () => {
      await page.goto("/disclosures/new");
      await expect(page.getByRole("heading", { level: 1, name: "Period" })).toBeVisible();
      await expectAccessible(page, "first section of a new disclosure");
      const form = sectionForm(page);
      await expect(form.getByLabel("Month of disclosure")).toHaveAccessibleDescription(/for example November 2026/);
      await form.getByLabel("Month of disclosure").selectOption("2024-05");
      await expect(form.getByLabel("Month of disclosure").locator("option:checked")).toHaveText("May 2024");
      await saveAndContinue(page);

      const summary = form.getByRole("alert").filter({ hasText: "There is a problem" });
      await expect(summary).toBeFocused();
      await expect(summary.getByRole("link", { name: "Select how long ago the abuse happened" })).toHaveAttribute("href", "#abuse_recency");
      await expect(form.locator("#abuse_recency-error")).toContainText("Select how long ago the abuse happened");
      await expect(form.getByLabel("Month of disclosure")).toHaveValue("2024-05");
      await expectAccessible(page, "section with errors");

      await choice(form, "abuse_recency", "not_known").check();
      await saveAndContinue(page);
      await expect(page.getByRole("heading", { level: 1, name: "Threat areas" })).toBeVisible();
      const areas = sectionForm(page);
      await areas.getByLabel("Rape and serious sexual offences").check();
      await saveAndContinue(page);
      const areaSummary = areas.getByRole("alert").filter({ hasText: "There is a problem" });
      await expect(areaSummary.getByRole("link", { name: /Select at least one type of rape/ })).toHaveAttribute("href", "#threat_areas.rasso");
      await expect(areas.getByLabel("Rape and serious sexual offences")).toBeChecked();
    });

    await test.step("reveals each area's types under it, announced as expanded", async () => {
      const form = sectionForm(page);
      const area = form.getByLabel("Domestic abuse", { exact: true });
      const types = form.getByRole("group", { name: "Types of domestic abuse" });
      await expect(area).toHaveAttribute("aria-controls", "conditional-threat_areas.domestic_abuse");
      await expect(area).toHaveAttribute("aria-expanded", "false");
      await expect(types).toBeHidden();
      await area.check();
      await expect(area).toHaveAttribute("aria-expanded", "true");
      await expect(types).toBeVisible();
      await expect(form.locator("#conditional-threat_areas\\.domestic_abuse")).toHaveCSS("border-left-style", "solid");
      await expectAccessible(page, "threat areas with a type revealed");
    });

    await test.step("submits a complete disclosure after checking the answers", async () => {
      await answerEverything(page, { month: "2024-06" });
      await saveAndContinue(page);
      await expect(page.getByRole("heading", { level: 1, name: CHECK_HEADING })).toBeVisible();
      await expect(page.getByRole("main").getByText("June 2024")).toBeVisible();
      await expectAccessible(page, "check your answers");
      await submitFromCheck(page);
      await expect(page.getByRole("status").filter({ hasText: "Disclosure submitted." })).toBeVisible();
      submittedId = idOf(page.url());
      expect(submittedId).not.toBe("");
      const main = page.getByRole("main");
      await expect(main.getByRole("heading", { level: 1 })).toHaveText("Disclosure, June 2024");
      await expect(main.getByText("Leeds (E08000035)")).toBeVisible();
      await expect(main.getByText("West Yorkshire", { exact: true })).toBeVisible();
      await expect(main.getByText("Domestic abuse: Not known")).toBeVisible();
      await expectAccessible(page, "disclosure page");

      await page.goto("/disclosures");
      await expect(page.getByRole("heading", { level: 1, name: "Disclosures" })).toBeVisible();
      await expect(page.locator(`a[href="/disclosures/${submittedId}"]`)).toHaveText("June 2024");
      await expectAccessible(page, "list of disclosures");
    });

    await test.step("corrects it with a second version, keeping the first in the history", async () => {
      await page.goto(`/disclosures/${submittedId}`);
      await page.getByRole("link", { name: "Correct this disclosure" }).click();
      // The correction is the same journey as a new disclosure: check the answers, change a section, check again.
      await expect(page.getByRole("heading", { level: 1, name: "Correct a disclosure: check your answers" })).toBeVisible();
      await expect(page.getByRole("main").getByText("June 2024")).toBeVisible();
      await expectAccessible(page, "checking a correction's answers");
      await page.getByRole("link", { name: "Change victim sex" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Victim" })).toBeVisible();
      await expect(page.getByText("Correct a disclosure: section 3 of 8")).toBeVisible();
      const form = page.getByRole("form", { name: "Correction: victim" });
      await expect(choice(form, "victim_sex", "not_known")).toBeChecked();
      await expectAccessible(page, "a section of a correction");
      await choice(form, "victim_sex", "female").check();
      await form.getByRole("button", { name: "Save and continue" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Correct a disclosure: check your answers" })).toBeVisible();
      await expect(page.getByText("Your changes so far are saved")).toBeVisible();
      await expect(page.getByRole("main").locator("div").filter({ has: page.getByText("Victim sex", { exact: true }) }).last()).toContainText("Female");
      await page.getByRole("form", { name: "Submit the correction" }).getByRole("button", { name: "Submit correction" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Correction submitted." })).toBeVisible();
      await expect(page.getByRole("main").getByText("Female", { exact: true })).toBeVisible();
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

    await test.step("saves a draft, returns to it, and changes an answer from check your answers", async () => {
      await page.goto("/disclosures/new");
      await answerSection(page, "Period", { month: "2024-07" });
      await saveAndContinue(page);
      await expect(page.getByRole("heading", { level: 1, name: "Threat areas" })).toBeVisible();
      await sectionForm(page).getByRole("button", { name: "Save and come back later" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Draft saved." })).toBeVisible();
      const draftId = idOf(page.url());

      await page.goto("/disclosures?status=draft");
      await expect(page.locator(`a[href="/disclosures/${draftId}"]`)).toHaveText("July 2024");
      await page.locator(`a[href="/disclosures/${draftId}"]`).click();
      await page.getByRole("link", { name: "Continue the draft" }).click();
      // The first section with something missing.
      await expect(page.getByRole("heading", { level: 1, name: "Threat areas" })).toBeVisible();
      await page.getByRole("link", { name: "Back to period" }).click();
      await expect(sectionForm(page).getByLabel("Month of disclosure")).toHaveValue("2024-07");
      await saveAndContinue(page);
      for (const section of SECTIONS.slice(1)) {
        await answerSection(page, section);
        await saveAndContinue(page);
      }
      await expect(page.getByRole("heading", { level: 1, name: CHECK_HEADING })).toBeVisible();
      await page.getByRole("link", { name: "Change victim sex" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Victim" })).toBeVisible();
      await choice(sectionForm(page), "victim_sex", "female").check();
      await saveAndContinue(page);
      await expect(page.getByRole("heading", { level: 1, name: CHECK_HEADING })).toBeVisible();
      await expect(page.getByRole("main").locator("div").filter({ has: page.getByText("Victim sex", { exact: true }) }).last()).toContainText("Female");
      await submitFromCheck(page);
      await expect(page.getByRole("status").filter({ hasText: "Disclosure submitted." })).toBeVisible();
      expect(idOf(page.url())).toBe(draftId);
    });

    await test.step("refuses a context holding a phone number, naming it", async () => {
      const context = "She was told to call 07700 900123 if worried.";
      await answerEverything(page, { context });
      await saveAndContinue(page);
      const form = sectionForm(page);
      const summary = form.getByRole("alert").filter({ hasText: "There is a problem" });
      await expect(summary.getByRole("link", { name: /phone number/ })).toHaveAttribute("href", "#context");
      await expect(summary).not.toContainText("07700");
      await expect(form.locator("#context-error")).toContainText("The context looks like a phone number");
      await expect(form.getByLabel("Context (optional)")).toHaveValue(context);
    });

    await test.step("asks about online platforms and barriers under the answer that reveals them", async () => {
      await answerEverything(page);
      await page.goto(page.url().replace(/\/edit\/context.*$/, "/edit/place"));
      const form = sectionForm(page);
      const platforms = form.getByRole("group", { name: "Online platform types" });
      await expect(platforms).toBeHidden();
      await expect(choice(form, "space", "online")).toHaveAttribute("aria-controls", "conditional-online_platforms");
      await choice(form, "space", "online").check();
      await expect(platforms).toBeVisible();
      await choice(form, "space", "workplace").check();
      await expect(platforms).toBeHidden();

      await page.goto(page.url().replace(/\/edit\/place.*$/, "/edit/reporting"));
      const reporting = sectionForm(page);
      const barriers = reporting.getByRole("group", { name: "Barriers to reporting" });
      await expect(barriers).toBeHidden();
      await choice(reporting, "reported_to_police", "no").check();
      await expect(barriers).toBeVisible();
    });

    await test.step("offers the organisation's own local authorities first, and asks to confirm one outside them", async () => {
      await page.goto(page.url().replace(/\/edit\/reporting.*$/, "/edit/place"));
      const form = sectionForm(page);
      const district = form.getByLabel("Local authority district");
      await expect(district.locator(`option[value="${LEEDS}"]`)).toHaveCount(1);
      await expect(district.locator(`option[value="${WILTSHIRE}"]`)).toHaveCount(0);
      await form.getByRole("button", { name: "Show every local authority in England and Wales" }).click();
      await expect(page).toHaveURL(/all=1/);
      await expect(sectionForm(page).getByLabel("Local authority district").locator(`option[value="${WILTSHIRE}"]`)).toHaveCount(1);
      await expect(sectionForm(page).getByLabel("Local authority district").locator("optgroup").first()).toHaveAttribute("label", "Your organisation’s area");
      await sectionForm(page).getByLabel("Local authority district").selectOption(WILTSHIRE);
      const confirm = sectionForm(page).getByLabel("Yes, the abuse happened in Wiltshire");
      await expect(confirm).toBeVisible();
      await saveAndContinue(page);
      await expect(sectionForm(page).getByRole("alert").getByRole("link", { name: /Wiltshire is outside your organisation’s area/ })).toHaveAttribute("href", "#lad_code");
      await confirm.check();
      await saveAndContinue(page);
      await expect(page.getByRole("heading", { level: 1, name: "Reporting" })).toBeVisible();
    });

    await test.step("offers a correction when a partner reference is used again", async () => {
      const reference = `E2E-${Date.now()}`;
      await answerEverything(page, { reference });
      await saveAndContinue(page);
      await submitFromCheck(page);
      await expect(page.getByRole("status").filter({ hasText: "Disclosure submitted." })).toBeVisible();
      const firstId = idOf(page.url());

      await answerEverything(page, { reference, month: "2024-08" });
      await saveAndContinue(page);
      const offer = sectionForm(page).getByRole("alert").filter({ hasText: "This partner reference has already been used" });
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

// ---------------------------------------------------------------------------------------------
// The whole journey by keyboard alone: Tab to each control, arrows for radios and lists, Space
// for checkboxes, Enter for buttons and links. Each page is checked with axe.

/** Presses Tab until the focused element matches the selector; the number of presses. */
async function tabTo(page: Page, selector: string): Promise<number> {
  for (let presses = 1; presses <= 200; presses += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return presses;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Moves the focused radio group or list with the arrow keys until it holds the value. */
async function arrowTo(page: Page, value: string) {
  for (let presses = 0; presses <= 200; presses += 1) {
    if (await page.evaluate((wanted) => (document.activeElement as HTMLInputElement | null)?.value === wanted, value)) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`The arrow keys never reached ${value}`);
}

type Step = { radio: string; value: string } | { select: string; value: string } | { checkbox: string; value: string };

const KEYBOARD_STEPS: Record<Section, Step[]> = Object.fromEntries(
  SECTIONS.map((section): [Section, Step[]] => {
    const radios = radiosIn(section).map((name): Step => ({ radio: name, value: "not_known" }));
    const steps: Record<Section, Step[]> = {
      Period: [{ select: "disclosure_month", value: "2024-06" }, ...radios],
      "Threat areas": [
        { checkbox: "threat_area", value: "domestic_abuse" },
        { checkbox: "threat_areas.domestic_abuse", value: "not_known" },
      ],
      Victim: [...radios.slice(0, 2), { select: "victim_ethnicity", value: "not_known" }, ...radios.slice(2)],
      Perpetrator: radios,
      Place: [...radios, { select: "lad_code", value: LEEDS }],
      Reporting: [...radios, { checkbox: "protective_orders", value: "not_known" }],
      "Referrals and support": [],
      Context: [],
    };
    return [section, steps[section]];
  }),
) as Record<Section, Step[]>;

for (const viewport of [
  { name: "desktop", width: 1280, height: 800 },
  { name: "390 pixels wide", width: 390, height: 844 },
]) {
  test(`records a disclosure by keyboard alone, through check your answers (${viewport.name})`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await resumeSession(page, "caseworker@idva.example");
    await page.goto("/disclosures/new");
    const measured: string[] = [];

    for (const section of SECTIONS) {
      await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
      await expectAccessible(page, `${section} (${viewport.name})`);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      let presses = 0;
      for (const step of KEYBOARD_STEPS[section]) {
        if ("radio" in step) {
          presses += await tabTo(page, `input[name="${step.radio}"]`);
          await arrowTo(page, step.value);
          await expect(page.locator(`input[name="${step.radio}"][value="${step.value}"]`)).toBeChecked();
        } else if ("select" in step) {
          presses += await tabTo(page, `select[name="${step.select}"]`);
          await arrowTo(page, step.value);
        } else {
          presses += await tabTo(page, `input[name="${step.checkbox}"][value="${step.value}"]`);
          await page.keyboard.press("Space");
          await expect(page.locator(`input[name="${step.checkbox}"][value="${step.value}"]`)).toBeChecked();
        }
      }
      presses += await tabTo(page, 'button[value="continue"]');
      measured.push(`${section}: ${height} px, ${presses} Tab presses`);
      await page.keyboard.press("Enter");
    }

    await expect(page.getByRole("heading", { level: 1, name: CHECK_HEADING })).toBeVisible();
    await expectAccessible(page, `check your answers (${viewport.name})`);
    await expect(page.getByRole("main").getByText("June 2024")).toBeVisible();
    // Change one answer from the check page, and come back to it.
    await tabTo(page, 'a[href*="/edit/victim?return=check#victim_sex"]');
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Victim" })).toBeVisible();
    await tabTo(page, 'input[name="victim_sex"]');
    await arrowTo(page, "female");
    await tabTo(page, 'button[value="continue"]');
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: CHECK_HEADING })).toBeVisible();

    const checkHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    const toSubmit = await tabTo(page, 'form[aria-label="Submit the disclosure"] button[type="submit"]');
    measured.push(`Check your answers: ${checkHeight} px, ${toSubmit} Tab presses from the change link to Submit`);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Disclosure submitted." })).toBeVisible();
    await expect(page.getByRole("main").getByText("Female", { exact: true })).toBeVisible();
    test.info().annotations.push({ type: "measured", description: measured.join("; ") });
    console.log(`Disclosure form by keyboard (${viewport.name}):\n  ${measured.join("\n  ")}`);
  });
}

test("answers a section without scripts, every revealed question shown", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await resumeSession(page, "caseworker@idva.example");
    await page.goto("/disclosures/new");
    const form = sectionForm(page);
    await form.getByLabel("Month of disclosure").selectOption("2024-06");
    await choice(form, "abuse_recency", "not_known").check();
    await saveAndContinue(page);
    await expect(page.getByRole("heading", { level: 1, name: "Threat areas" })).toBeVisible();
    // Without scripts nothing can reveal a question later, so every area's types show.
    await expect(sectionForm(page).getByRole("group", { name: "Types of domestic abuse" })).toBeVisible();
    await sectionForm(page).getByLabel("Domestic abuse", { exact: true }).check();
    await sectionForm(page).getByLabel("Rape and serious sexual offences").check();
    await choice(sectionForm(page), "threat_areas.rasso", "rape").check();
    await saveAndContinue(page);
    await expect(sectionForm(page).getByRole("alert")).toContainText("Select at least one type of domestic abuse");
    // The page came back from the server: every box ticked is ticked again.
    await expect(sectionForm(page).getByLabel("Domestic abuse", { exact: true })).toBeChecked();
    await expect(sectionForm(page).getByLabel("Rape and serious sexual offences")).toBeChecked();
    await expect(choice(sectionForm(page), "threat_areas.rasso", "rape")).toBeChecked();
    await expect(choice(sectionForm(page), "threat_areas.rasso", "sexual_assault")).not.toBeChecked();
  } finally {
    await context.close();
  }
});

test("keeps every answer of a draft the server refuses, without scripts", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await resumeSession(page, "caseworker@idva.example");
    await page.goto("/disclosures/new");
    await answerSection(page, "Period", { month: "2024-06" });
    await saveAndContinue(page);
    await expect(page.getByRole("heading", { level: 1, name: "Threat areas" })).toBeVisible();
    await page.goto(page.url().replace(/\/edit\/threat-areas.*$/, "/edit/place"));

    const form = sectionForm(page);
    await choice(form, "space", "workplace").check();
    // Online platforms are asked of online abuse only: ticked here, the draft is refused.
    await choice(form, "online_platforms", "private_messaging").check();
    await choice(form, "online_platforms", "dating_app").check();
    await form.getByLabel("Local authority district").selectOption(LEEDS);
    await form.getByRole("button", { name: "Save and come back later" }).click();

    const refused = sectionForm(page);
    await expect(refused.getByRole("alert")).toContainText("Only select online platform types when the space is ‘Online’");
    await expect(choice(refused, "online_platforms", "private_messaging")).toBeChecked();
    await expect(choice(refused, "online_platforms", "dating_app")).toBeChecked();
    await expect(choice(refused, "online_platforms", "gaming_platform")).not.toBeChecked();
    await expect(choice(refused, "space", "workplace")).toBeChecked();
    await expect(refused.getByLabel("Local authority district")).toHaveValue(LEEDS);
  } finally {
    await context.close();
  }
});
