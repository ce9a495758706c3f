import { beforeEach, describe, expect, it, vi } from "vitest";
import type * as AuditRecord from "@/lib/audit/record";
import { Forbidden, Unauthenticated } from "@/lib/errors";
import type { Viewer } from "./viewer";

const recorded = vi.hoisted(() => ({ events: [] as unknown[], db: { name: "the portal database" } }));

vi.mock("@/db/client", () => ({ getDatabase: async () => recorded.db }));
vi.mock("@/lib/http/request", () => ({ currentClient: async () => ({ ipAddress: "203.0.113.9", userAgent: null }) }));
vi.mock("@/lib/audit/record", async (original) => ({
  ...(await original<typeof AuditRecord>()),
  recordAudit: async (db: unknown, event: unknown) => {
    expect(db).toBe(recorded.db);
    recorded.events.push(event);
  },
}));

const { authorise } = await import("./authorise");

function viewer(role: Viewer["role"], type: Viewer["organisation"]["type"] = "idva_service"): Viewer {
  return { userId: "u-1", email: "lead@example.org", displayName: "Lead", organisation: { id: "o-1", name: "Org", type }, role, sessionId: "s-1" };
}

beforeEach(() => {
  recorded.events.length = 0;
});

describe("authorise", () => {
  it("lets a viewer who holds the permission through, and audits nothing", async () => {
    const lead = viewer("org_manager");
    await expect(authorise(lead, "disclosures.upload")).resolves.toBe(lead);
    expect(recorded.events).toEqual([]);
  });

  it("refuses a viewer without the permission, auditing access.denied with the permission and path", async () => {
    await expect(authorise(viewer("submitter"), "disclosures.upload", { path: "/disclosures/upload" })).rejects.toThrow(Forbidden);
    expect(recorded.events).toEqual([
      {
        action: "access.denied",
        outcome: "denied",
        actorUserId: "u-1",
        actorOrgId: "o-1",
        ipAddress: "203.0.113.9",
        details: { permission: "disclosures.upload", path: "/disclosures/upload" },
      },
    ]);
  });

  it("records the subject and the client the caller names", async () => {
    await expect(authorise(viewer("auditor"), "identity_providers.manage", { subject: { type: "organisation", id: "o-2" }, client: { ipAddress: "192.0.2.7" } })).rejects.toThrow(
      "You do not have permission to do that.",
    );
    expect(recorded.events).toEqual([expect.objectContaining({ subjectType: "organisation", subjectId: "o-2", ipAddress: "192.0.2.7", details: { permission: "identity_providers.manage" } })]);
  });

  it("applies the organisation-type rule: recorded crime is for police forces' partner leads", async () => {
    const police = viewer("org_manager", "police_force");
    await expect(authorise(police, "recorded_crime.upload")).resolves.toBe(police);
    await expect(authorise(viewer("org_manager", "idva_service"), "recorded_crime.upload")).rejects.toThrow(Forbidden);
    expect(recorded.events).toEqual([expect.objectContaining({ action: "access.denied", details: { permission: "recorded_crime.upload" } })]);
  });

  it("refuses nobody signed in as unauthenticated, with nothing to audit", async () => {
    await expect(authorise(null, "account.manage_own")).rejects.toThrow(Unauthenticated);
    await expect(authorise(undefined, "account.manage_own")).rejects.toThrow("Your session has ended. Sign in again.");
    expect(recorded.events).toEqual([]);
  });
});
