import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { base32Decode, totpCode } from "@/lib/auth/totp";
import { expectAccessible } from "./axe";
import { enterPassword, resumeSession } from "./support/sign-in";
import { invitationLinkIn, startPortalWithMail } from "./support/smtp";

const NEW_PASSWORD = "amber lantern orchid harbour";

/**
 * A fresh address for each run: a local run keeps its embedded database, where an earlier run's
 * newcomer is already a member (and would be refused, rightly).
 */
function newAddress(name: string, domain: string): string {
  return `${name}+${Date.now().toString(36)}${randomBytes(2).toString("hex")}@${domain}`;
}

function inviteForm(page: Page) {
  return page.getByRole("form", { name: "Invite someone" });
}

/** Invites someone from the invite page (no mail server), returning the link shown once. */
async function inviteByLink(page: Page, email: string, role: string): Promise<string> {
  await page.goto("/users/invite");
  const form = inviteForm(page);
  await form.getByLabel("E-mail address").fill(email);
  await form.getByRole("radio", { name: role, exact: true }).check();
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("heading", { name: `Invitation created for ${email}` })).toBeVisible();
  return page.getByLabel("Invitation link").inputValue();
}

/** Accepts an invitation as a newcomer: name and password, then off to sign in. */
async function createAccount(page: Page, link: string, name: string) {
  await page.goto(link);
  const accept = page.getByRole("form", { name: "Create your account" });
  await accept.getByLabel("Full name").fill(name);
  await accept.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await accept.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await accept.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/sign-in(\?|$)/);
}

test.describe("invitations", () => {
  test("a partner lead invites a caseworker, who sets a password once and cannot reuse the link", async ({ page, browser }) => {
    const email = newAddress("newcaseworker", "idva.example");
    await resumeSession(page, "manager@idva.example");
    await page.goto("/users/invite");
    await expect(page.getByRole("heading", { level: 1, name: "Invite someone to Demo IDVA Service Leeds" })).toBeVisible();
    await expectAccessible(page, "invite page");

    // A partner lead cannot choose the organisation, nor make administrators or auditors.
    const form = inviteForm(page);
    await expect(form.getByLabel("Organisation")).toHaveCount(0);
    await expect(form.getByRole("radio")).toHaveCount(4);
    await expect(form.getByRole("radio", { name: "Administrator" })).toHaveCount(0);
    await expect(form.getByRole("radio", { name: "Auditor" })).toHaveCount(0);

    // Nothing entered: a summary at the top, and the message by each field.
    await form.getByRole("button", { name: "Send invitation" }).click();
    const summary = form.getByRole("alert");
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("link", { name: "Enter their e-mail address" })).toHaveAttribute("href", "#email");
    await expect(summary.getByRole("link", { name: "Choose what they will do in the portal" })).toHaveAttribute("href", "#role");
    await expect(form.getByText("Error: Enter their e-mail address")).toBeVisible();
    await expectAccessible(page, "invite page with errors");

    // Someone already in the organisation is refused, by the field.
    await form.getByLabel("E-mail address").fill("caseworker@idva.example");
    await form.getByRole("radio", { name: "Caseworker" }).check();
    await form.getByRole("button", { name: "Send invitation" }).click();
    await expect(form.getByRole("alert")).toContainText("caseworker@idva.example is already a member of Demo IDVA Service Leeds");

    await form.getByLabel("E-mail address").fill(email);
    await form.getByRole("radio", { name: "Caseworker" }).check();
    await form.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("heading", { name: `Invitation created for ${email}` })).toBeVisible();
    await expect(page.getByText("It will not be shown again")).toBeVisible();
    const link = await page.getByLabel("Invitation link").inputValue();
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invitations\/[A-Za-z0-9_-]{43}$/);
    await expectAccessible(page, "invite page showing the link");

    // Shown once: the page does not have it again.
    await page.reload();
    await expect(page.getByLabel("Invitation link")).toHaveCount(0);
    await expect(page.getByText(link.split("/").pop()!)).toHaveCount(0);

    // The invitee opens the link in a browser of their own.
    const invitee = await browser.newContext();
    try {
      const visitor = await invitee.newPage();
      const opened = await visitor.goto(link);
      expect(opened?.status()).toBe(200);
      await expect(visitor.getByRole("heading", { level: 1, name: "Join Demo IDVA Service Leeds" })).toBeVisible();
      await expect(visitor.getByRole("main")).toContainText(`as caseworker, with the e-mail address ${email}`);
      await expectAccessible(visitor, "invitation page");

      const accept = visitor.getByRole("form", { name: "Create your account" });
      await accept.getByLabel("Full name").fill("Sam Taylor");
      await accept.getByLabel("Password", { exact: true }).fill("password1234");
      await accept.getByLabel("Confirm password").fill("password1234");
      await accept.getByRole("button", { name: "Create account" }).click();
      await expect(accept.getByRole("alert")).toBeFocused();
      await expect(accept.getByRole("alert")).toContainText("Choose a password that is not");
      await expect(accept.getByLabel("Full name")).toHaveValue("Sam Taylor");
      await expect(accept.getByLabel("Password", { exact: true })).toHaveValue("");
      await expectAccessible(visitor, "invitation page with errors");

      await accept.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
      await accept.getByLabel("Confirm password").fill(NEW_PASSWORD);
      await accept.getByRole("button", { name: "Create account" }).click();
      await expect(visitor).toHaveURL(/\/sign-in(\?|$)/);

      // The new account signs in and is asked to set up an authenticator app first.
      await enterPassword(visitor, email, NEW_PASSWORD);
      await expect(visitor).toHaveURL(/\/sign-in\/enrol/);

      // The link has done its work: a clear message and a 4xx, not a form.
      const reused = await visitor.goto(link);
      expect(reused?.status()).toBe(404);
      await expect(visitor.getByRole("heading", { level: 1, name: "This invitation cannot be used" })).toBeVisible();
      await expect(visitor.getByRole("main")).toContainText("The link has already been used");
      await expect(visitor.getByRole("form", { name: "Create your account" })).toHaveCount(0);
      await expectAccessible(visitor, "used invitation page");
    } finally {
      await invitee.close();
    }
  });

  test("answers a made-up invitation link with the same 404", async ({ page }) => {
    const response = await page.goto(`/invitations/${randomBytes(32).toString("base64url")}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "This invitation cannot be used" })).toBeVisible();
  });

  test("hides the invite page from people who may not invite", async ({ page }) => {
    await page.goto("/users/invite");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fusers%2Finvite/);
    await resumeSession(page, "caseworker@idva.example");
    const response = await page.goto("/users/invite");
    expect(response?.status()).toBe(404);
  });

  test("someone who already has an account signs in from the link and joins another organisation", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const email = newAddress("joiner", "idva.example");
    const joiner = await browser.newContext();
    try {
      await resumeSession(page, "manager@idva.example");
      const firstLink = await inviteByLink(page, email, "Caseworker");
      const visitor = await joiner.newPage();
      await createAccount(visitor, firstLink, "Jo Iner");

      const lead = await browser.newContext();
      const leadPage = await lead.newPage();
      await resumeSession(leadPage, "manager@police.example");
      const link = await inviteByLink(leadPage, email, "Viewer");
      // Signed in as someone else, the link says so and offers nothing to press.
      await leadPage.goto(link);
      await expect(leadPage.getByRole("main")).toContainText(`You are signed in as manager@police.example, but this invitation is for ${email}`);
      await expect(leadPage.getByRole("button", { name: /^Join/ })).toHaveCount(0);
      await expectAccessible(leadPage, "invitation page for someone else");
      await lead.close();

      await visitor.goto(link);
      await expect(visitor.getByRole("main")).toContainText("There is already an account for this e-mail address");
      await expectAccessible(visitor, "invitation page for an existing account");
      await visitor.getByRole("link", { name: "Sign in to accept" }).click();
      await expect(visitor).toHaveURL(/\/sign-in\?next=%2Finvitations%2F/);
      await enterPassword(visitor, email, NEW_PASSWORD);
      // First sign-in: the authenticator app is set up, then back to the invitation.
      await expect(visitor).toHaveURL(/\/sign-in\/enrol\?next=%2Finvitations%2F/);
      const key = (await visitor.locator("p.font-mono").innerText()).replace(/\s+/g, "");
      const codeForm = visitor.getByRole("form", { name: "Security code" });
      await codeForm.getByLabel("Code from the app").fill(totpCode(base32Decode(key), new Date()));
      await codeForm.getByRole("button", { name: "Sign in" }).click();
      // Recovery codes may be shown on the way (depending on the sign-in flow), then the invitation again.
      const saved = visitor.getByRole("link", { name: /I have saved my recovery codes/ });
      const join = visitor.getByRole("button", { name: "Join Demo Police West Yorkshire" });
      await expect(saved.or(join)).toBeVisible();
      if (await saved.isVisible()) await saved.click();

      await expect(visitor).toHaveURL(link);
      await expectAccessible(visitor, "invitation page for the signed-in invitee");
      await join.click();
      await expect(visitor.getByRole("status")).toContainText("You have joined Demo Police West Yorkshire");
      await expect(visitor.getByRole("status")).toContainText("Your role there is viewer.");
      await expectAccessible(visitor, "invitation page after joining");

      const reused = await visitor.goto(link);
      expect(reused?.status()).toBe(404);
    } finally {
      await joiner.close();
    }
  });

  test("an administrator's invitation goes by e-mail when SMTP is configured", async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const portal = await startPortalWithMail();
    try {
      const email = newAddress("newauditor", "national.example");
      const context = await browser.newContext({ baseURL: portal.baseURL });
      const page = await context.newPage();
      await resumeSession(page, "admin@national.example");
      await page.goto("/users/invite");
      await expect(page.getByRole("heading", { level: 1, name: "Invite someone" })).toBeVisible();
      const form = inviteForm(page);
      await expect(form.getByRole("radio", { name: "Auditor" })).toHaveCount(1);
      await expect(page.getByRole("main")).toContainText("to a partner organisation you can invite only its first partner lead");
      await form.getByLabel("E-mail address").fill(email);
      // Separation of duties: a partner organisation's members are its partner lead's to invite.
      await form.getByLabel("Organisation").selectOption({ label: "Demo Council Wakefield" });
      await form.getByRole("radio", { name: "Viewer" }).check();
      await form.getByRole("button", { name: "Send invitation" }).click();
      await expect(form.getByRole("alert")).toContainText("Only Demo Council Wakefield's partner lead can give its members that role");

      await form.getByLabel("E-mail address").fill(email);
      await form.getByLabel("Organisation").selectOption({ label: "National VAWG Coordination" });
      await form.getByRole("radio", { name: "Auditor" }).check();
      await form.getByRole("button", { name: "Send invitation" }).click();
      await expect(page.getByRole("heading", { name: `Invitation sent to ${email}` })).toBeVisible();
      await expect(page.getByLabel("Invitation link")).toHaveCount(0);
      await expectAccessible(page, "invite page after sending");

      const mail = await portal.smtp.waitForMail(email);
      expect(mail.subject).toBe("Invitation to join National VAWG Coordination on the VAWG partner portal");
      const link = invitationLinkIn(mail);
      expect(link.startsWith(`${portal.baseURL}/invitations/`)).toBe(true);
      await context.close();

      const invitee = await browser.newContext();
      const visitor = await invitee.newPage();
      expect((await visitor.goto(link))?.status()).toBe(200);
      await expect(visitor.getByRole("heading", { level: 1, name: "Join National VAWG Coordination" })).toBeVisible();
      await invitee.close();
    } finally {
      // Whatever the second portal complained of, for the report should anything above fail.
      await testInfo.attach("mail portal stderr", { body: portal.stderr() || "(nothing)", contentType: "text/plain" });
      await portal.stop();
    }
  });
});
