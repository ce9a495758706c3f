import { test } from "@playwright/test";
import { SHARED_ACCOUNTS, sessionFileOf } from "./support/accounts";
import { signInAs } from "./support/sign-in";

// Each shared demo account signs in once per run, through the real pages; the tests then resume
// these sessions instead of signing in again.
for (const email of SHARED_ACCOUNTS) {
  test(`${email} signs in for the run`, async ({ page }) => {
    await signInAs(page, email);
    await page.context().storageState({ path: sessionFileOf(email) });
  });
}
