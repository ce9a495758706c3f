import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/access/roles";
import { invitableRoles, invitationInput, newAccountInput } from "./schema";

describe("who may be invited with which role", () => {
  it("lets administrators give every role, partner leads all but admin and auditor, and nobody else any", () => {
    expect(invitableRoles("admin")).toEqual([...ROLES]);
    expect(invitableRoles("org_manager")).toEqual(["submitter", "org_manager", "analyst", "viewer"]);
    for (const role of ["submitter", "analyst", "viewer", "auditor", undefined, null] as const) expect(invitableRoles(role)).toEqual([]);
  });
});

describe("the invitation form's input", () => {
  it("lower-cases the address and leaves the organisation out when it is blank", () => {
    expect(invitationInput.parse({ email: "  New.Caseworker@IDVA.example ", role: "submitter", organisation: "" })).toEqual({
      email: "new.caseworker@idva.example",
      role: "submitter",
      organisation: undefined,
    });
  });

  it("explains each missing or malformed field", () => {
    const result = invitationInput.safeParse({ email: "", role: "" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({ email: "Enter their e-mail address", role: "Choose what they will do in the portal" });
    for (const email of ["not-an-address", "two@@idva.example", "quote\"d@idva.example", "ünï@idva.example", "a@b@idva.example"]) {
      expect(invitationInput.safeParse({ email, role: "viewer" }).error?.issues[0]?.message, email).toBe(
        "Enter an e-mail address in the correct format, like name@example.org",
      );
    }
    expect(invitationInput.safeParse({ email: "a@idva.example", role: "superuser" }).error?.issues[0]?.message).toBe(
      "Choose what they will do in the portal",
    );
  });
});

describe("a newcomer's account details", () => {
  const valid = { token: "t", displayName: " Sam Taylor ", password: "amber lantern orchid harbour", confirmPassword: "amber lantern orchid harbour" };

  it("trims the name and keeps the password as typed", () => {
    expect(newAccountInput.parse(valid)).toMatchObject({ displayName: "Sam Taylor", password: "amber lantern orchid harbour" });
  });

  it("asks for every field and for the same password twice", () => {
    const empty = newAccountInput.safeParse({ token: "t", displayName: "", password: "", confirmPassword: "" });
    expect(empty.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["displayName", "Enter your full name"],
      ["password", "Enter a password"],
      ["confirmPassword", "Enter the password again"],
    ]);
    const mismatch = newAccountInput.safeParse({ ...valid, confirmPassword: "amber lantern orchid harbor" });
    expect(mismatch.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["confirmPassword", "The passwords do not match: enter the same password twice"],
    ]);
  });

  it("refuses control characters in a name", () => {
    expect(newAccountInput.safeParse({ ...valid, displayName: "Sam\u202eTaylor" }).success).toBe(false);
  });
});
