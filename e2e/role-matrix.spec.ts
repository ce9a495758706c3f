import { expect, test } from "@playwright/test";
import { can, type Permission } from "@/lib/access/permissions";
import type { Role } from "@/lib/access/roles";
import { expectAccessible } from "./axe";
import type { SharedAccount } from "./support/accounts";
import { resumeSession } from "./support/sign-in";

/** Each page and the permission that opens it; everyone else gets "not found". */
const PAGES: [string, Permission][] = [
  ["/account", "account.manage_own"],
  ["/users", "users.read_org"],
  ["/organisations", "organisations.read"],
  ["/organisations/new", "organisations.manage"],
  ["/partner-data", "records.read"],
  ["/agreements", "agreements.read"],
  ["/agreements/new", "agreements.manage"],
  ["/api-tokens", "api_tokens.manage"],
];

const ACCOUNTS: [SharedAccount, Role][] = [
  ["admin@national.example", "admin"],
  ["auditor@national.example", "auditor"],
  ["analyst@police.example", "analyst"],
  ["viewer@police.example", "viewer"],
  ["manager@police.example", "org_manager"],
  ["caseworker@idva.example", "submitter"],
];

test.describe("the role matrix through the real pages", () => {
  for (const [email, role] of ACCOUNTS) {
    test(`${role} (${email}) opens exactly the pages the permission table gives them`, async ({ page }) => {
      await resumeSession(page, email);
      for (const [path, permission] of PAGES) {
        const response = await page.goto(path);
        const expected = can(role, permission) ? 200 : 404;
        expect(response?.status(), `${role} → ${path}`).toBe(expected);
        if (expected === 200) await expectAccessible(page, `${path} as ${role}`);
      }
    });
  }

  test("a partner lead sees only their own organisation's users, whatever the address asks for", async ({ page }) => {
    await resumeSession(page, "manager@idva.example");
    await page.goto("/users");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users of Demo IDVA Service Leeds");
    await expect(page.getByRole("table")).toContainText("caseworker@idva.example");
    await expect(page.getByRole("table")).not.toContainText("@police.example");
    await page.goto("/users?org=00000000-0000-4000-8000-000000000000");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users of Demo IDVA Service Leeds");
  });

  test("an admin's organisation page is not found to a partner lead", async ({ page, browser }) => {
    await resumeSession(page, "admin@national.example");
    await page.goto("/organisations");
    const href = await page.getByRole("link", { name: "Demo IDVA Service Leeds" }).getAttribute("href");
    const manager = await (await browser.newContext()).newPage();
    await resumeSession(manager, "manager@idva.example");
    expect((await manager.goto(href!))?.status()).toBe(404);
  });
});
