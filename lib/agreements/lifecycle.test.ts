import { describe, expect, it } from "vitest";
import { Conflict } from "@/lib/errors";
import { allows, displayState, transition, type AgreementStatus, type LifecycleAction, type VersionStatus } from "./lifecycle";

const AGREEMENT_STATUSES: AgreementStatus[] = ["draft", "awaiting_signatures", "active", "suspended", "expired", "terminated"];
const VERSION_STATUSES: (VersionStatus | null)[] = ["draft", "awaiting_signatures", "signed", "superseded", "withdrawn", null];

/** Every allowed move: [action, agreement, version] → result. Everything else is refused. */
const ALLOWED: (readonly [LifecycleAction, AgreementStatus, VersionStatus | null, { readonly agreement: AgreementStatus; readonly version?: VersionStatus }])[] = [
  ["edit", "draft", "draft", { agreement: "draft" }],
  ["edit", "awaiting_signatures", "draft", { agreement: "awaiting_signatures" }],
  ["edit", "active", "draft", { agreement: "active" }],
  ["edit", "suspended", "draft", { agreement: "suspended" }],
  ["delete", "draft", "draft", { agreement: "draft" }],
  ["delete", "awaiting_signatures", "draft", { agreement: "awaiting_signatures" }],
  ["delete", "active", "draft", { agreement: "active" }],
  ["delete", "suspended", "draft", { agreement: "suspended" }],
  ["send_for_signature", "draft", "draft", { agreement: "awaiting_signatures", version: "awaiting_signatures" }],
  ["send_for_signature", "active", "draft", { agreement: "active", version: "awaiting_signatures" }],
  ["send_for_signature", "suspended", "draft", { agreement: "suspended", version: "awaiting_signatures" }],
  ["withdraw_from_signature", "awaiting_signatures", "awaiting_signatures", { agreement: "draft", version: "withdrawn" }],
  ["withdraw_from_signature", "active", "awaiting_signatures", { agreement: "active", version: "withdrawn" }],
  ["withdraw_from_signature", "suspended", "awaiting_signatures", { agreement: "suspended", version: "withdrawn" }],
  ["sign", "awaiting_signatures", "awaiting_signatures", { agreement: "awaiting_signatures" }],
  ["sign", "active", "awaiting_signatures", { agreement: "active" }],
  ["sign", "suspended", "awaiting_signatures", { agreement: "suspended" }],
  ["complete", "awaiting_signatures", "awaiting_signatures", { agreement: "active", version: "signed" }],
  ["complete", "active", "awaiting_signatures", { agreement: "active", version: "signed" }],
  ["complete", "suspended", "awaiting_signatures", { agreement: "suspended", version: "signed" }],
  ...(["signed", "superseded", "withdrawn", null] as const).flatMap((version) => [
    ["amend", "active", version, { agreement: "active", version: "draft" }] as const,
    ["amend", "suspended", version, { agreement: "suspended", version: "draft" }] as const,
  ]),
  ...VERSION_STATUSES.flatMap((version) => [
    ["suspend", "active", version, { agreement: "suspended" }] as const,
    ["reinstate", "suspended", version, { agreement: "active" }] as const,
    ["terminate", "awaiting_signatures", version, { agreement: "terminated" }] as const,
    ["terminate", "active", version, { agreement: "terminated" }] as const,
    ["terminate", "suspended", version, { agreement: "terminated" }] as const,
    ["expire", "active", version, { agreement: "expired" }] as const,
    ["expire", "suspended", version, { agreement: "expired" }] as const,
  ]),
];

const ACTIONS: LifecycleAction[] = ["edit", "delete", "send_for_signature", "withdraw_from_signature", "sign", "complete", "amend", "suspend", "reinstate", "terminate", "expire"];

describe("the agreement lifecycle", () => {
  it.each(ALLOWED)("allows %s when the agreement is %s and the version %s", (action, agreement, version, result) => {
    expect(transition(action, { agreement, version })).toEqual(result);
  });

  const refused = ACTIONS.flatMap((action) =>
    AGREEMENT_STATUSES.flatMap((agreement) =>
      VERSION_STATUSES.filter((version) => !ALLOWED.some(([a, s, v]) => a === action && s === agreement && v === version)).map(
        (version) => [action, agreement, version] as const,
      ),
    ),
  );

  it("refuses every other combination (there are many)", () => {
    expect(refused.length).toBeGreaterThan(250);
  });

  it.each(refused)("refuses %s when the agreement is %s and the version %s, with a Conflict", (action, agreement, version) => {
    expect(() => transition(action, { agreement, version })).toThrow(Conflict);
    expect(allows(action, { agreement, version })).toBe(false);
  });

  it("explains a refusal in words", () => {
    expect(() => transition("suspend", { agreement: "terminated", version: "signed" })).toThrow("Only an active agreement can be suspended. This one is terminated.");
    expect(() => transition("amend", { agreement: "active", version: "awaiting_signatures" })).toThrow("An amendment is already awaiting signatures: finish or withdraw it first.");
    expect(() => transition("edit", { agreement: "awaiting_signatures", version: "awaiting_signatures" })).toThrow(
      "Only a draft version can be changed. This version is awaiting signatures.",
    );
  });
});

describe("the state people read", () => {
  const version = { startDate: "2027-03-01", endDate: "2028-03-01" };

  it("names drafts, agreements awaiting signatures and active ones", () => {
    expect(displayState({ status: "draft" }, null, "2027-01-01")).toBe("Draft");
    expect(displayState({ status: "awaiting_signatures" }, null, "2027-01-01")).toBe("Awaiting signatures");
    expect(displayState({ status: "active" }, version, "2027-03-01")).toBe("Active");
    expect(displayState({ status: "suspended" }, version, "2027-06-01")).toBe("Suspended");
  });

  it("says when a signed agreement comes into force", () => {
    expect(displayState({ status: "active" }, version, "2027-02-28")).toBe("Signed — in force from 1 March 2027");
  });

  it("says an agreement past its end date has ended before the expiry is recorded", () => {
    expect(displayState({ status: "active" }, version, "2028-03-01")).toBe("Ended on 1 March 2028 (awaiting expiry)");
    expect(displayState({ status: "active" }, version, "2028-02-29")).toBe("Active");
  });

  it("names an amendment under way beside the state of the version in force", () => {
    expect(displayState({ status: "active" }, version, "2027-06-01", { version: 2, status: "awaiting_signatures" })).toBe("Active (version 2 awaiting signatures)");
    expect(displayState({ status: "suspended" }, version, "2027-06-01", { version: 3, status: "draft" })).toBe("Suspended (version 3 being drafted)");
    expect(displayState({ status: "active" }, version, "2027-06-01", { version: 2, status: "withdrawn" })).toBe("Active");
  });

  it("gives the day an agreement was terminated (UK time) or expired", () => {
    expect(displayState({ status: "terminated", terminatedAt: new Date("2027-06-30T23:30:00Z") }, version, "2027-07-01")).toBe("Terminated on 1 July 2027");
    expect(displayState({ status: "expired", expiredAt: new Date("2028-03-01T01:00:00Z") }, version, "2028-03-02")).toBe("Expired on 1 March 2028");
  });
});
