import { describe, expect, it } from "vitest";
import { formatUkDateTime, invitationMessage } from "./invitation-message";

const input = {
  to: "new.caseworker@idva.example",
  organisationName: "Demo IDVA Service Leeds",
  roleLabel: "Caseworker",
  inviterName: "Priya Shah",
  link: "https://portal.example/invitations/abcDEF0123456789abcDEF0123456789abcDEF01234",
  expiresAt: new Date("2026-07-03T13:05:00Z"),
};

describe("the invitation e-mail", () => {
  it("is addressed to the invitee and names the organisation in the subject", () => {
    const message = invitationMessage(input);
    expect(message.to).toBe("new.caseworker@idva.example");
    expect(message.subject).toBe("Invitation to join Demo IDVA Service Leeds on the VAWG partner portal");
  });

  it("puts the link on a line of its own in a plain-text body", () => {
    const { text } = invitationMessage(input);
    expect(text.split("\n")).toContain(input.link);
    expect(text).not.toMatch(/<[a-z]/i);
  });

  it("says who invited them, with which role, and when the link expires in UK time", () => {
    const { text } = invitationMessage(input);
    expect(text).toContain("Priya Shah has invited you to join Demo IDVA Service Leeds");
    expect(text).toContain("as a caseworker");
    // 13:05 UTC in July is 14:05 British Summer Time.
    expect(text).toContain("expires on Friday 3 July 2026 at 14:05 (UK time)");
    expect(text).toContain("works once");
  });

  it("uses 'an' before a role that starts with a vowel", () => {
    expect(invitationMessage({ ...input, roleLabel: "Analyst" }).text).toContain("as an analyst");
  });
});

describe("UK date and time", () => {
  it("writes GMT and BST moments in UK time, on the 24-hour clock", () => {
    expect(formatUkDateTime(new Date("2026-01-15T00:30:00Z"))).toBe("Thursday 15 January 2026 at 00:30");
    expect(formatUkDateTime(new Date("2026-07-03T23:30:00Z"))).toBe("Saturday 4 July 2026 at 00:30");
  });
});
