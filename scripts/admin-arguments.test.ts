import { describe, expect, it } from "vitest";
import { DEFAULT_NATIONAL_ORGANISATION } from "@/lib/invitations/bootstrap";
import { parseAdminCreateArguments } from "./admin-arguments";

describe("admin:create's arguments", () => {
  it("refuses a malformed e-mail address or a missing name with the reason", () => {
    expect(parseAdminCreateArguments(["--email", "not-an-address", "--name", "Ada"])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/--email: Enter an e-mail address in the correct format/),
    });
    expect(parseAdminCreateArguments(["--email", "ada@example.org"])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/--name: Give the administrator's full name/),
    });
    expect(parseAdminCreateArguments(["--email", "ada@example.org", "--name", "Ada", "--role", "admin"])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/Unknown option '--role'/),
    });
  });

  it("names the national organisation by --organisation, or the default", () => {
    expect(parseAdminCreateArguments(["--email", "ada@example.org", "--name", "Ada", "--organisation", "Home Office VAWG Unit"])).toMatchObject({
      ok: true,
      input: { organisation: "Home Office VAWG Unit", force: false },
    });
    expect(parseAdminCreateArguments(["--email", "ada@example.org", "--name", "Ada", "--force"])).toMatchObject({
      ok: true,
      input: { organisation: DEFAULT_NATIONAL_ORGANISATION, force: true },
    });
  });
});
