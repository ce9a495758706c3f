import { expect, test, type APIResponse, type Page, type Response } from "@playwright/test";
import { resumeSession } from "./support/sign-in";

// Every response carries the portal's security headers, error pages included, and a
// Content-Security-Policy with a nonce of its own that still lets every page run
// (docs/security.md#response-headers, lib/http/security-headers.ts).

type AnyResponse = Pick<Response | APIResponse, "headers">;

function expectSecurityHeaders(response: AnyResponse | null, options: { signedIn: boolean }): string {
  expect(response).not.toBeNull();
  const headers = response!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, policy).toBeDefined();
  expect(policy).toMatch(/(^|; )script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toContain("unsafe-eval");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["permissions-policy"]).toContain("geolocation=()");
  // The browser tests run over plain http, where HSTS would be meaningless (and is unit-tested).
  expect(headers["strict-transport-security"]).toBeUndefined();
  // no-store forbids every cache, shared or private. The proxy asks for "private, no-store"; an
  // answer Next.js makes itself (an unknown server action) replaces that with its own no-store.
  if (options.signedIn) expect(headers["cache-control"]).toContain("no-store");
  return nonce!;
}

/** Records every report of a Content-Security-Policy violation, and every uncaught script error. */
function watchForViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content[- ]Security[- ]Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

/** Next.js sets `window.next` once its client runtime has started: proof that the nonce let its scripts run. */
async function expectScriptsRan(page: Page) {
  await expect.poll(() => page.evaluate(() => typeof (window as { next?: { version?: string } }).next?.version)).toBe("string");
}

test.describe("security headers", () => {
  test("a public page carries them, its own nonce on every script, and a different nonce next time", async ({ request }) => {
    const first = await request.get("/");
    expect(first.status()).toBe(200);
    const nonce = expectSecurityHeaders(first, { signedIn: false });
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);

    const second = await request.get("/");
    expect(expectSecurityHeaders(second, { signedIn: false })).not.toBe(nonce);
  });

  test("a signed-in page carries them and may not be cached", async ({ page }) => {
    await resumeSession(page, "analyst@police.example");
    const response = await page.goto("/account");
    expect(response?.status()).toBe(200);
    expectSecurityHeaders(response, { signedIn: true });
    expect(response!.headers()["cache-control"]).toMatch(/^private, .*no-store/);
  });

  test("API answers carry them, the refusal of a request without a token included", async ({ request }) => {
    const health = await request.get("/api/health");
    expectSecurityHeaders(health, { signedIn: false });
    const refused = await request.get("/api/v1/disclosures");
    expect(refused.status()).toBe(401);
    expectSecurityHeaders(refused, { signedIn: false });
  });

  test("API answers to a partner system's token carry the static headers: nothing framed, nothing run, nothing sniffed", async ({ request }) => {
    const authorization = `Bearer vawg_${"0".repeat(40)}`;
    const refused = await request.get("/api/v1/disclosures", { headers: { authorization } });
    const unknown = await request.get("/api/v1/no-such-operation", { headers: { authorization } });
    expect([refused.status(), unknown.status()]).toEqual([401, 404]);
    for (const response of [refused, unknown]) {
      const headers = response.headers();
      expect(headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
      expect(headers["permissions-policy"]).toContain("camera=()");
    }
    expect(refused.headers()["cache-control"]).toContain("no-store");
  });

  test("a signed-in API answer may not be cached", async ({ page }) => {
    await resumeSession(page, "analyst@police.example");
    const response = await page.request.get("/api/health");
    expectSecurityHeaders(response, { signedIn: true });
    expect(response.headers()["cache-control"]).toMatch(/^private, .*no-store/);
  });

  test("the not-found page carries them", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    expectSecurityHeaders(response, { signedIn: false });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("error answers carry them: a signed-in not-found page, an unknown server action and a form sent from another site", async ({ page, baseURL }) => {
    await resumeSession(page, "analyst@police.example");
    const missing = await page.goto("/disclosures/00000000-0000-4000-8000-000000000000");
    expect(missing?.status()).toBe(404);
    expectSecurityHeaders(missing, { signedIn: true });

    // Next.js answers an action it does not know itself, before any page renders.
    const unknownAction = await page.request.post("/account", { headers: { origin: new URL(baseURL!).origin, "next-action": "0".repeat(40) } });
    expect(unknownAction.status(), await unknownAction.text()).toBe(400);
    expectSecurityHeaders(unknownAction, { signedIn: true });

    const forged = await page.request.post("/account", { headers: { origin: "https://evil.example" }, form: { anything: "x" } });
    expect(forged.status()).toBe(403);
    expectSecurityHeaders(forged, { signedIn: true });
  });
});

test.describe("pages under the Content-Security-Policy", () => {
  test("the sign-in page runs its scripts without a violation", async ({ page }) => {
    const problems = watchForViolations(page);
    const response = await page.goto("/sign-in");
    expectSecurityHeaders(response, { signedIn: false });
    await expect(page.getByRole("form", { name: "Sign in" })).toBeVisible();
    await expectScriptsRan(page);
    expect(problems).toEqual([]);
  });

  test("a form page runs its scripts without a violation", async ({ page }) => {
    const problems = watchForViolations(page);
    await resumeSession(page, "manager@idva.example");
    await page.goto("/users/invite");
    await expect(page.getByRole("form", { name: "Invite someone" })).toBeVisible();
    await expectScriptsRan(page);
    // A client-side answer to an empty form: the script that shows it ran under the policy.
    await page.getByRole("form", { name: "Invite someone" }).getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("form", { name: "Invite someone" }).getByRole("alert")).toContainText("There is a problem");
    expect(problems).toEqual([]);
  });

  test("the disclosure form runs its scripts without a violation", async ({ page }) => {
    const problems = watchForViolations(page);
    await resumeSession(page, "caseworker@idva.example");
    await page.goto("/disclosures/new");
    await expect(page.getByRole("heading", { level: 1, name: "Period" })).toBeVisible();
    await expectScriptsRan(page);
    expect(problems).toEqual([]);
  });
});
