import { readFile } from "node:fs/promises";
import { expect, type Cookie, type Page } from "@playwright/test";
import { DEMO_DEFAULTS } from "@/lib/env";
import { base32Decode, totpCode, totpStep } from "@/lib/auth/totp";
import { lastTotpStep, sessionFileOf, type SharedAccount } from "./accounts";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? DEMO_DEFAULTS.DEMO_PASSWORD;
const DEMO_SECRET = process.env.DEMO_TOTP_SECRET ?? DEMO_DEFAULTS.DEMO_TOTP_SECRET;
const STEP_MS = 30_000;

/**
 * A code the portal will accept: it takes the step before, the current one and the next, each
 * only once per account and never one older than the last it took (read from the database). The
 * current step is used while it is open, which stays acceptable for 30 s however slow the machine;
 * otherwise the next one, so only a third sign-in of one account within a step waits for the clock.
 */
async function freshCode(email: string): Promise<string> {
  const last = await lastTotpStep(email);
  for (;;) {
    const current = totpStep(new Date());
    const step = Math.max(current, last + 1);
    if (step <= current + 1) return totpCode(base32Decode(DEMO_SECRET), new Date(step * STEP_MS));
    await new Promise((resolve) => setTimeout(resolve, (current + 1) * STEP_MS - Date.now() + 50));
  }
}

export async function enterPassword(page: Page, email: string, password = DEMO_PASSWORD) {
  if (new URL(page.url(), "http://localhost").pathname !== "/sign-in") await page.goto("/sign-in");
  const form = page.getByRole("form", { name: "Sign in" });
  await form.getByLabel("E-mail address").fill(email);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Continue" }).click();
}

/** Signs an account in through the real pages: password, then a TOTP code for a step still open. */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await enterPassword(page, email, password);
  await expect(page).toHaveURL(/\/sign-in\/verify/);
  const form = page.getByRole("form", { name: "Security code" });
  await form.getByLabel("Security code").fill(await freshCode(email));
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner").getByText("Signed in as")).toBeVisible();
}

/**
 * Opens the saved session of a shared demo account in this page's browser context, without
 * signing in again (accounts.setup.ts signed each in once for the run).
 */
export async function resumeSession(page: Page, email: SharedAccount) {
  const saved = JSON.parse(await readFile(sessionFileOf(email), "utf8")) as { cookies: Cookie[] };
  await page.context().addCookies(saved.cookies);
  await page.goto("/");
  await expect(page.getByRole("banner").getByText("Signed in as")).toBeVisible();
}
