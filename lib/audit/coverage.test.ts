import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "./events";

// Every action the audit log knows is written somewhere, and the flows the audit must cover
// (docs/security.md#audit-log) write the actions that record them: a new action nobody writes,
// or a flow whose audit call was removed, fails here.

const ROOT = join(__dirname, "..", "..");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === "node_modules" || name.startsWith(".") ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const SOURCES = ["app", "lib", "scripts"]
  .flatMap((directory) => sourceFiles(join(ROOT, directory)))
  .filter((path) => !path.endsWith(join("lib", "audit", "events.ts")))
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, "utf8") }));

function writersOf(action: string): string[] {
  return SOURCES.filter((source) => source.text.includes(`"${action}"`)).map((source) => source.path);
}

/** The flows that must be audited, and where each is written. */
const KEY_FLOWS: [flow: string, action: string, writer: string][] = [
  ["a sign-in", "session.signed_in", "lib/auth/sign-in.ts"],
  ["a failed sign-in (password or code)", "sign_in.failed", "lib/auth/sign-in.ts"],
  ["a failed second factor when replacing an authenticator", "mfa.reauthentication_failed", "lib/auth/sign-in.ts"],
  ["a second factor locked after too many wrong codes", "mfa.locked", "lib/auth/sign-in.ts"],
  ["a sign-out", "session.signed_out", "lib/auth/flow.ts"],
  ["an API token created", "api_token.created", "lib/api-tokens/service.ts"],
  ["an API token revoked", "api_token.revoked", "lib/api-tokens/service.ts"],
  ["a refused permission", "access.denied", "lib/access/authorise.ts"],
  ["a user invited", "invitation.created", "lib/invitations/creation.ts"],
  ["a role changed", "membership.role_changed", "lib/users/service.ts"],
  ["an organisation created", "organisation.created", "lib/organisations/service.ts"],
  ["an organisation suspended", "organisation.suspended", "lib/organisations/service.ts"],
  ["an agreement signed", "agreement.signed", "lib/agreements/service.ts"],
  ["a disclosure submitted", "disclosure.submitted", "lib/disclosures/service.ts"],
  ["a disclosure withdrawn", "disclosure.withdrawn", "lib/disclosures/service.ts"],
  ["a shared record opened", "shared_disclosure.viewed", "lib/shared-disclosures/service.ts"],
  ["shared records listed (page or API)", "shared_disclosures.listed", "lib/shared-disclosures/service.ts"],
  ["shared records exported", "shared_disclosures.exported", "lib/shared-disclosures/service.ts"],
  ["the audit chain verified", "audit.verified", "lib/audit/verification.ts"],
];

describe("what the audit log records", () => {
  it("has a writer for every action it knows", () => {
    expect(AUDIT_ACTIONS.length).toBeGreaterThan(0);
    const unwritten = AUDIT_ACTIONS.filter((action) => writersOf(action).length === 0);
    expect(unwritten).toEqual([]);
  });

  for (const [flow, action, writer] of KEY_FLOWS) {
    it(`records ${flow} as ${action} in ${writer}`, () => {
      expect(AUDIT_ACTIONS).toContain(action);
      expect(writersOf(action)).toContain(writer);
    });
  }
});
