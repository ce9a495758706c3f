import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import postgres from "postgres";
import { sealClientSecret } from "@/lib/auth/sso-secret";
import { expectAccessible } from "./axe";
import { portalUrl } from "./support/database";
import { startIdentityProvider, type TestIdentityProvider } from "./support/oidc-provider";
import { resumeSession } from "./support/sign-in";

/*
 * Single sign-on against a real OpenID Connect provider (oidc-provider) that this file starts on
 * loopback. Its issuer is plain http on 127.0.0.1, which the admin form refuses in production
 * (the built portal runs as production), so the provider row is written straight into the test
 * database, as the admin service would write it: the client secret sealed under SECRETS_KEY.
 */

const ORGANISATION = "Demo Police West Yorkshire";
const BUTTON = "Sign in with West Yorkshire Police (test provider)";
test.describe.configure({ mode: "serial" });

let idp: TestIdentityProvider | undefined;
let providerId = "";

/** Runs SQL as an administrator would act (row-level security reads app.role). */
async function asAdmin<T>(work: (sql: postgres.TransactionSql) => Promise<T>): Promise<T> {
  const sql = postgres(portalUrl(), { max: 1, onnotice: () => {} });
  try {
    return (await sql.begin(async (tx) => {
      await tx`select set_config('app.role', 'admin', true)`;
      return work(tx);
    })) as T;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function organisationId(name: string): Promise<string> {
  const [row] = await asAdmin((tx) => tx<{ id: string }[]>`select id from organisations where name = ${name}`);
  if (!row) throw new Error(`No organisation named ${name}: seed the database first (npm run db:seed).`);
  return row.id;
}

test.beforeAll(async () => {
  test.setTimeout(60_000);
  idp = await startIdentityProvider({
    accounts: {
      "newofficer@police.example": { name: "New Officer" },
      "other@evil.example": { name: "Someone Else" },
    },
    lifetimeMs: 10 * 60_000,
  });
  const orgId = await organisationId(ORGANISATION);
  const clientSecret = randomBytes(24).toString("base64url");
  providerId = randomUUID();
  await asAdmin(async (tx) => {
    // One provider per organisation: replace whatever an earlier run left.
    await tx`delete from identity_providers where org_id = ${orgId}`;
    await tx`
      insert into identity_providers (id, org_id, display_name, issuer, client_id, client_secret_encrypted, allowed_domains, default_role, enabled)
      values (${providerId}, ${orgId}, ${"West Yorkshire Police (test provider)"}, ${idp!.issuer}, ${"vawg-portal"},
              ${sealClientSecret(providerId, clientSecret, Buffer.from(process.env.SECRETS_KEY!, "base64"))},
              array[${"police.example"}]::text[], ${"viewer"}::role, true)`;
  });
  const baseURL = test.info().project.use.baseURL!;
  idp.registerClient({ clientId: "vawg-portal", clientSecret, redirectUri: `${baseURL}/api/auth/callback/sso-${providerId}` });
});

test.afterAll(async () => {
  await idp?.stop();
});

/** Keeps the browser on loopback: the provider's dev pages link a web font. */
async function loopbackOnly(context: BrowserContext) {
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
}

async function signInThroughProvider(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: BUTTON }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp!.issuer}/`));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password: the test provider accepts it");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test.describe("single sign-on through an organisation's OpenID Connect provider", () => {
  test("offers the provider on the sign-in page", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: BUTTON })).toBeVisible();
    await expectAccessible(page, "sign-in page with single sign-on");
  });

  test("signs a newcomer into the organisation with the provider's default role, without a portal code", async ({ page, context }) => {
    await loopbackOnly(context);
    await signInThroughProvider(page, "newofficer@police.example");
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const header = page.getByRole("banner");
    await expect(header).toContainText("Signed in as New Officer");
    await expect(header).toContainText(ORGANISATION);
    await expect(header).toContainText("Viewer");

    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.getByText("newofficer@police.example")).toBeVisible();
  });

  test("refuses an address outside the provider's domains, saying why", async ({ page, context }) => {
    await loopbackOnly(context);
    await signInThroughProvider(page, "other@evil.example");
    await expect(page).toHaveURL(/\/sign-in\?sso=email_not_allowed$/);
    const summary = page.getByRole("main").getByRole("alert");
    await expect(summary).toContainText("Your e-mail address is not one that this organisation's sign-in service may use");
    await expect(page.getByRole("banner")).not.toContainText("Signed in as");
    await expectAccessible(page, "sign-in page after a refused single sign-on");
  });

  test("serves no Auth.js endpoint but the provider's callback", async ({ request }) => {
    for (const path of ["/api/auth/session", "/api/auth/csrf", "/api/auth/providers", "/api/auth/signin", `/api/auth/signin/sso-${providerId}`, "/api/auth/signout", "/api/auth/callback/portal-session"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
    }
    const post = await request.post(`/api/auth/signin/sso-${providerId}`, { maxRedirects: 0, form: { csrfToken: "x" } });
    expect(post.status()).toBe(404);
    // The callback itself refuses a browser that did not start the sign-in (no state, PKCE or nonce cookies).
    const forged = await request.get(`/api/auth/callback/sso-${providerId}?code=forged&state=forged`, { maxRedirects: 0 });
    expect(forged.status()).toBe(302);
    expect(forged.headers().location).toMatch(/\/sign-in\?error=/);
    expect(forged.headers()["set-cookie"] ?? "").not.toMatch(/authjs\.session-token=[^;]/);
  });
});

test.describe("the administrator's single sign-on page", () => {
  test("attaches an https provider to an organisation and shows the redirect URI to register", async ({ page }) => {
    const orgId = await organisationId("Demo Police Greater Manchester");
    await resumeSession(page, "admin@national.example");
    await page.goto(`/admin/organisations/${orgId}/sso`);
    await expect(page.getByRole("heading", { name: "Single sign-on for Demo Police Greater Manchester" })).toBeVisible();
    await expectAccessible(page, "single sign-on settings");

    const form = page.getByRole("form", { name: "Single sign-on provider" });
    await form.getByLabel("Name on the sign-in button").fill("Greater Manchester Police account");
    await form.getByLabel("Issuer URL").fill("http://login.otherpolice.example");
    await form.getByLabel("Client ID").fill("vawg-portal-gm");
    await form.getByLabel("Client secret").fill("a secret for the page test");
    await form.getByLabel("Allowed e-mail domains").fill("otherpolice.example");
    await form.getByLabel("Viewer").check();
    // Off, so the sign-in page does not offer a provider that does not exist.
    await form.getByLabel("People may sign in through this provider").uncheck();
    await form.getByRole("button", { name: "Save single sign-on settings" }).click();
    await expect(form.getByRole("alert")).toContainText("The issuer must be an https address");
    await expect(form.getByLabel("Client secret")).toHaveValue("");

    await form.getByLabel("Issuer URL").fill("https://login.otherpolice.example/tenant/v2.0");
    await form.getByLabel("Client secret").fill("a secret for the page test");
    await form.getByRole("button", { name: "Save single sign-on settings" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText(/attached|saved/);
    await expect(page.getByTestId("redirect-uri")).toHaveText(/\/api\/auth\/callback\/sso-[0-9a-f-]{36}$/);
    await expect(page.getByText("Off: nobody can sign in through it")).toBeVisible();
    await expect(page.locator("body")).not.toContainText("a secret for the page test");
  });

  test("does not exist for anyone but an administrator", async ({ page }) => {
    const orgId = await organisationId(ORGANISATION);
    await resumeSession(page, "manager@police.example");
    const response = await page.goto(`/admin/organisations/${orgId}/sso`);
    expect(response?.status()).toBe(404);
  });
});
