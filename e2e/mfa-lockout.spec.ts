import { expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { createAccount } from "./support/accounts";
import { portalDatabase } from "./support/database";
import { enterPassword, signInAs } from "./support/sign-in";

// Ten wrong codes in a row lock an account's second factor (docs/security.md#second-factor). The
// account and its partner lead here are the test's own: nothing shared is locked or unlocked.

test("the code that reaches the limit locks the account until its partner lead unlocks it", async ({ browser }) => {
  const member = await createAccount("caseworker@idva.example", "locked");
  const lead = await createAccount("manager@idva.example", "lead");
  // Nine wrong codes already, as from challenges opened elsewhere: the next one is the tenth.
  await portalDatabase()`update users set mfa_failed_attempts = 9 where email = ${member.email}`;

  const memberPage = await (await browser.newContext()).newPage();
  await enterPassword(memberPage, member.email);
  await expect(memberPage).toHaveURL(/\/sign-in\/verify/);
  const codeForm = memberPage.getByRole("form", { name: "Security code" });
  await codeForm.getByLabel("Security code").fill("000000");
  await codeForm.getByRole("button", { name: "Sign in" }).click();
  await expect(memberPage.getByRole("alert").first()).toContainText("This account is locked after too many wrong codes.");
  await expectAccessible(memberPage, "sign-in code refused: locked");

  const leadPage = await (await browser.newContext()).newPage();
  await signInAs(leadPage, lead.email);
  await leadPage.goto("/users");
  const row = leadPage.getByRole("row").filter({ hasText: member.email });
  await expect(row).toContainText("Locked after too many wrong codes");
  await expectAccessible(leadPage, "users page with a locked member");
  await row.getByRole("button", { name: `Unlock sign-in of ${member.displayName}` }).click();
  await expect(row).not.toContainText("Locked after too many wrong codes");

  await signInAs(memberPage, member.email);
});
