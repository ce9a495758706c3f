import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { portalDatabase } from "./support/database";
import { resumeSession, signInAs } from "./support/sign-in";

// The agreement here is between two organisations made for this test alone, each with a partner
// lead of its own: no other spec reads their data, and the demo agreements stay as they are.

type Party = { name: string; lead: string; leadName: string };

/** A new organisation in West Yorkshire with a partner lead who signs in like the demo accounts. */
async function organisationWithLead(type: "third_sector" | "police_force", label: string): Promise<Party> {
  const suffix = randomBytes(4).toString("hex");
  const name = `E2E ${label} ${suffix}`;
  const lead = `e2e-${label.toLowerCase()}-${suffix}@${label.toLowerCase()}.example`;
  const leadName = `E2E Lead ${label} ${suffix}`;
  await portalDatabase().begin(async (tx) => {
    const [organisation] = await tx<{ id: string }[]>`insert into organisations (name, type) values (${name}, ${type}) returning id`;
    await tx`insert into organisation_coverage (org_id, force_area_code) values (${organisation!.id}, 'E23000010')`;
    const [user] = await tx<{ id: string }[]>`
      insert into users (email, display_name, password_hash, totp_secret, mfa_enrolled_at)
      select ${lead}, ${leadName}, password_hash, totp_secret, mfa_enrolled_at from users where email = 'manager@idva.example'
      returning id`;
    await tx`insert into memberships (user_id, org_id, role) values (${user!.id}, ${organisation!.id}, 'org_manager')`;
  });
  return { name, lead, leadName };
}

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, email);
  return page;
}

const draftForm = (page: Page) => page.getByRole("form", { name: "Agreement" });

test.describe("data-sharing agreements", () => {
  test("an admin drafts, the parties' partner leads sign, and the admin suspends, reinstates and terminates", async ({ page, browser }) => {
    test.setTimeout(180_000);
    const refuge = await organisationWithLead("third_sector", "Refuge");
    const police = await organisationWithLead("police_force", "Police");
    const reference = `DSA-E2E-${randomBytes(3).toString("hex").toUpperCase()}`;

    await resumeSession(page, "admin@national.example");
    await page.goto("/agreements");
    await expect(page.getByRole("heading", { level: 1, name: "Data-sharing agreements" })).toBeVisible();
    await expectAccessible(page, "agreements list");
    await page.getByRole("link", { name: "Create an agreement" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create an agreement" })).toBeVisible();
    await expectAccessible(page, "new agreement form");

    // Nothing entered: the summary at the top links to each field, and each field says what is wrong.
    const form = draftForm(page);
    await form.getByRole("button", { name: "Save the draft" }).click();
    const summary = form.getByRole("alert");
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("link", { name: "Enter the agreement's reference, like DSA-WY-2027-003" })).toHaveAttribute("href", "#reference");
    await expect(summary.getByRole("link", { name: "Choose at least two organisations as parties" })).toHaveAttribute("href", "#parties");
    await expect(summary.getByRole("link", { name: "Choose at least one threat area to share" })).toHaveAttribute("href", "#threatAreas");
    await expect(summary.getByRole("link", { name: "Choose at least one force area or local authority" })).toHaveAttribute("href", "#geography");
    await expect(form.getByText("Error: Enter the start date as a real date, like 2027-03-01")).toBeVisible();
    await expectAccessible(page, "new agreement form with errors");

    await form.getByLabel("Reference").fill(reference);
    await form.getByLabel("Title").fill("Refuge and police pilot");
    await form.getByLabel("Purpose").fill("To test the agreement lifecycle in the browser.");
    await form.getByLabel(`${refuge.name} provides data`).check();
    await form.getByLabel(`Contact name at ${refuge.name}`).fill("Rae Refuge");
    await form.getByLabel(`Contact e-mail at ${refuge.name}`).fill("rae@refuge.example");
    await form.getByLabel(`${police.name} receives data`).check();
    await form.getByLabel(`Contact name at ${police.name}`).fill("Pat Police");
    await form.getByLabel(`Contact e-mail at ${police.name}`).fill("not an address");
    await form.getByRole("radio", { name: "UK GDPR" }).check();
    await form.getByLabel("UK GDPR Article 6 lawful basis").selectOption("6(1)(e) public task");
    await form.getByLabel("UK GDPR Article 9 condition").selectOption("9(2)(g) substantial public interest");
    await form.getByLabel("DPA 2018 condition").selectOption("DPA 2018 Schedule 1, paragraph 6 (statutory and government purposes)");
    await form.getByRole("combobox", { name: "Domestic abuse" }).selectOption("record");
    await form.getByRole("checkbox", { name: "West Yorkshire, the whole force area" }).check();
    await form.getByLabel("Retention, in months").fill("12");
    await form.getByLabel("Start date").fill("2026-01-01");
    await form.getByLabel("End date").fill("2030-01-01");
    await form.getByLabel("Review date").fill("2031-01-01");
    await form.getByRole("button", { name: "Save the draft" }).click();

    // What was chosen is kept; what is still wrong is named by its field.
    await expect(summary.getByRole("link", { name: "Enter the contact's e-mail address, like name@example.org" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Choose the fields shared at record level" })).toHaveAttribute("href", "#fields");
    await expect(summary.getByRole("link", { name: "Enter a review date between the start and end dates" })).toHaveAttribute("href", "#reviewDate");
    await expect(form.getByLabel(`${refuge.name} provides data`)).toBeChecked();
    await form.getByLabel(`Contact e-mail at ${police.name}`).fill("pat@police.example");
    await form.getByRole("group", { name: "Fields shared at record level" }).getByRole("checkbox").first().check();
    await form.getByLabel("Review date").fill("2027-01-01");
    await form.getByRole("button", { name: "Save the draft" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Refuge and police pilot" })).toBeVisible();
    await expect(page.getByText("State: Draft")).toBeVisible();
    await expectAccessible(page, "draft agreement");
    const agreementUrl = page.url().replace(/\?.*$/, "");
    await page.getByRole("button", { name: "Send for signature" }).click();
    await expect(page.getByText("State: Awaiting signatures")).toBeVisible();

    // The police lead opens the terms; meanwhile the admin takes them back and changes them.
    const policePage = await signedIn(browser, police.lead);
    await policePage.goto("/");
    await expect(policePage.getByRole("heading", { name: "Agreements waiting for your signature" })).toBeVisible();
    await policePage.getByRole("link", { name: `Read and sign ${reference}: Refuge and police pilot` }).click();
    await expect(policePage.getByRole("heading", { level: 1, name: `Sign ${reference}, version 1` })).toBeVisible();
    await expectAccessible(policePage, "sign page");

    await page.getByRole("button", { name: "Withdraw from signature" }).click();
    await expect(page.getByText("State: Draft")).toBeVisible();
    await page.getByRole("link", { name: "Change the draft" }).click();
    await draftForm(page).getByLabel("Retention, in months").fill("24");
    await draftForm(page).getByRole("button", { name: "Save the draft" }).click();
    await expect(page.getByText("The draft was saved.")).toBeVisible();
    await page.getByRole("button", { name: "Send for signature" }).click();
    await expect(page.getByText("State: Awaiting signatures")).toBeVisible();

    const signForm = policePage.getByRole("form", { name: "Sign the agreement" });
    await signForm.getByLabel("Your job title").fill("Head of analysis");
    await signForm.getByRole("button", { name: `Sign on behalf of ${police.name}` }).click();
    await expect(signForm.getByRole("alert")).toContainText("The terms have changed since you opened them. Read them again, then sign if you agree.");

    await policePage.reload();
    await expect(policePage.getByRole("heading", { level: 1, name: `Sign ${reference}, version 2` })).toBeVisible();
    await expect(policePage.getByText("Retention: 24 months")).toBeVisible();
    await signForm.getByLabel("Your job title").fill("Head of analysis");
    await signForm.getByRole("button", { name: `Sign on behalf of ${police.name}` }).click();
    await expect(policePage.getByText("You signed the agreement.")).toBeVisible();
    await expect(policePage.getByText("State: Awaiting signatures")).toBeVisible();

    const refugePage = await signedIn(browser, refuge.lead);
    await refugePage.goto("/agreements");
    await expect(refugePage.getByRole("heading", { name: "Agreements waiting for your signature" })).toBeVisible();
    await expectAccessible(refugePage, "partner lead's agreements list");
    await refugePage.getByRole("link", { name: `Read and sign ${reference}: Refuge and police pilot` }).click();
    const refugeSign = refugePage.getByRole("form", { name: "Sign the agreement" });
    await refugeSign.getByLabel("Your job title").fill("");
    await refugeSign.getByRole("button", { name: `Sign on behalf of ${refuge.name}` }).click();
    await expect(refugeSign.getByRole("alert").getByRole("link", { name: "Enter your job title" })).toHaveAttribute("href", "#signerTitle");
    await refugeSign.getByLabel("Your job title").fill("Chief executive");
    await refugeSign.getByRole("button", { name: `Sign on behalf of ${refuge.name}` }).click();
    await expect(refugePage.getByText("State: Active")).toBeVisible();
    await expectAccessible(refugePage, "active agreement, partner lead");

    // The admin runs it: a suspension needs a reason; reinstated; then terminated for good.
    await page.goto(agreementUrl);
    await expect(page.getByText("State: Active")).toBeVisible();
    await expectAccessible(page, "active agreement, admin");
    const suspendForm = page.getByRole("form", { name: "Suspend the agreement" });
    await suspendForm.getByRole("button", { name: "Suspend the agreement" }).click();
    await expect(suspendForm.getByRole("alert").getByRole("link", { name: "Enter the reason" })).toBeVisible();
    await suspendForm.getByLabel("Reason").fill("A breach is being looked into.");
    await suspendForm.getByRole("button", { name: "Suspend the agreement" }).click();
    await expect(page.getByText("State: Suspended")).toBeVisible();
    await expect(page.getByText("Reason: A breach is being looked into.")).toBeVisible();
    await page.getByRole("button", { name: "Reinstate the agreement" }).click();
    await expect(page.getByText("State: Active")).toBeVisible();
    const terminateForm = page.getByRole("form", { name: "Terminate the agreement" });
    await terminateForm.getByLabel("Reason").fill("The pilot has ended.");
    await terminateForm.getByRole("button", { name: "Terminate the agreement" }).click();
    await expect(page.getByText(/State: Terminated on \d+ \w+ \d{4}/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Reinstate the agreement" })).toHaveCount(0);

    await page.getByRole("link", { name: "Printable copy with the signature record" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Signature record" })).toBeVisible();
    await expect(page.getByText(`Signed by ${police.leadName}, Head of analysis`)).toBeVisible();
    await expect(page.getByText(`Signed by ${refuge.leadName}, Chief executive`)).toBeVisible();
    await expectAccessible(page, "printable agreement");
  });
});
