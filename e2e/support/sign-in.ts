import { expect, type Page } from "@playwright/test";
import { DEMO_DEFAULTS } from "@/lib/env";
import { base32Decode, totpCode, totpStep } from "@/lib/auth/totp";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? DEMO_DEFAULTS.DEMO_PASSWORD;
const DEMO_SECRET = process.env.DEMO_TOTP_SECRET ?? DEMO_DEFAULTS.DEMO_TOTP_SECRET;

// Each TOTP step is accepted once per account, so a second sign-in waits for a fresh step.
const lastStepUsed = new Map<string, number>();

async function freshCode(email: string): Promise<string> {
  for (;;) {
    const now = new Date();
    if (totpStep(now) > (lastStepUsed.get(email) ?? -1)) {
      lastStepUsed.set(email, totpStep(now));
      return totpCode(base32Decode(DEMO_SECRET), now);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

export async function enterPassword(page: Page, email: string, password = DEMO_PASSWORD) {
  if (new URL(page.url(), "http://localhost").pathname !== "/sign-in") await page.goto("/sign-in");
  // Typing before the form is hydrated can lose the submission; wait for the page to settle.
  await page.waitForLoadState("networkidle");
  const form = page.getByRole("form", { name: "Sign in" });
  await form.getByLabel("E-mail address").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Continue" }).click();
}

/**
 * Signs a demo account in through the real pages: password, then a TOTP code. A code refused
 * because an earlier run already used this time step is retried once with the next step.
 */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await enterPassword(page, email, password);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  const form = page.getByRole("form", { name: "Security code" });
  const signedIn = page.getByRole("banner").getByText("Signed in as");
  for (let attempt = 0; attempt < 2; attempt++) {
    await form.getByLabel("Security code").fill(await freshCode(email));
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(signedIn.or(form.getByRole("alert"))).toBeVisible();
    if (await signedIn.isVisible()) return;
  }
  await expect(signedIn).toBeVisible();
}
