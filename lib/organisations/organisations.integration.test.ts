import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "@/db/schema";
import type { TestDatabase } from "@/db/testing";
import { Conflict, Forbidden, NotFound } from "@/lib/errors";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import {
  createOrganisation,
  listMyOrganisations,
  listOrganisations,
  setOrganisationStatus,
  switchOrganisation,
  updateOrganisation,
} from "./service";
import { organisationInput } from "./schema";

let test: TestDatabase;
beforeAll(async () => {
  test = await openDemoDatabase();
});
afterAll(async () => {
  await test?.close();
});

const viewer = (email: string, organisation?: string) => viewerFor(test.db, email, organisation);

describe("the organisation form's schema", () => {
  it("accepts a partner in a force area, narrowed to local authorities within it", () => {
    const parsed = organisationInput.parse({ name: "  Demo Refuge Leeds ", type: "third_sector", forceAreaCode: "E23000010", ladCodes: "E08000035" });
    expect(parsed).toEqual({ name: "Demo Refuge Leeds", type: "third_sector", forceAreaCode: "E23000010", ladCodes: ["E08000035"] });
  });

  it("refuses a local authority outside the chosen force area, naming the field", () => {
    const result = organisationInput.safeParse({ name: "Mismatch", type: "health", forceAreaCode: "E23000005", ladCodes: ["E08000035"] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ["ladCodes"], message: "Choose local authorities within the chosen force area" });
  });

  it("requires a force area for every type but national, and refuses one for national", () => {
    expect(organisationInput.safeParse({ name: "No area", type: "health" }).error!.issues[0]!.path).toEqual(["forceAreaCode"]);
    expect(organisationInput.safeParse({ name: "National two", type: "national", forceAreaCode: "E23000010" }).success).toBe(false);
    expect(organisationInput.safeParse({ name: "Unknown area", type: "health", forceAreaCode: "E23999999" }).success).toBe(false);
  });
});

describe("managing organisations", () => {
  it("lets an admin create one with its coverage, and refuses a duplicate name", async () => {
    const admin = await viewer("admin@national.example");
    const input = organisationInput.parse({ name: "Demo Rape Crisis Leeds", type: "third_sector", forceAreaCode: "E23000010", ladCodes: ["E08000035"] });
    const id = await createOrganisation(admin, input);
    const created = (await listOrganisations(admin)).find((organisation) => organisation.id === id);
    expect(created).toMatchObject({ name: "Demo Rape Crisis Leeds", status: "active", coverage: [{ forceAreaCode: "E23000010", ladCode: "E08000035" }] });
    await expect(createOrganisation(admin, input)).rejects.toBeInstanceOf(Conflict);
  });

  it("lets an admin widen an organisation to its whole force area", async () => {
    const admin = await viewer("admin@national.example");
    const idva = await viewer("manager@idva.example");
    await updateOrganisation(admin, idva.organisation.id, organisationInput.parse({ name: "Demo IDVA Service Leeds", type: "idva_service", forceAreaCode: "E23000010" }));
    const updated = (await listOrganisations(admin)).find((organisation) => organisation.id === idva.organisation.id);
    expect(updated!.coverage).toEqual([{ forceAreaCode: "E23000010", ladCode: null }]);
  });

  it("shows every organisation to an auditor but refuses partner leads, analysts and caseworkers", async () => {
    expect((await listOrganisations(await viewer("auditor@national.example"))).length).toBeGreaterThanOrEqual(8);
    for (const email of ["manager@idva.example", "analyst@police.example", "caseworker@isva.example"]) {
      await expect(listOrganisations(await viewer(email))).rejects.toBeInstanceOf(Forbidden);
    }
  });

  it("ends every session acting for a suspended organisation, and lets an admin reinstate it", async () => {
    const admin = await viewer("admin@national.example");
    const caseworker = await viewer("caseworker@isva.example");
    await setOrganisationStatus(admin, caseworker.organisation.id, "suspended");
    const [session] = await test.db.select().from(t.sessions).where(eq(t.sessions.id, caseworker.sessionId));
    expect(session!.endedAt).not.toBeNull();
    await setOrganisationStatus(admin, caseworker.organisation.id, "active");
    const [organisation] = await test.db.select().from(t.organisations).where(eq(t.organisations.id, caseworker.organisation.id));
    expect(organisation!.status).toBe("active");
  });

  it("refuses an update to an organisation that does not exist", async () => {
    const admin = await viewer("admin@national.example");
    const input = organisationInput.parse({ name: "Ghost", type: "health", forceAreaCode: "E23000010" });
    await expect(updateOrganisation(admin, "00000000-0000-4000-8000-000000000000", input)).rejects.toBeInstanceOf(NotFound);
  });
});

describe("acting for one of several organisations", () => {
  it("switches the session to another organisation the user belongs to, and refuses one they do not", async () => {
    const manager = await viewer("manager@police.example");
    const gm = await viewer("analyst@otherpolice.example");
    await test.db.insert(t.memberships).values({ userId: manager.userId, orgId: gm.organisation.id, role: "viewer" });
    expect((await listMyOrganisations(manager)).map((membership) => membership.name)).toEqual([
      "Demo Police Greater Manchester",
      "Demo Police West Yorkshire",
    ]);
    await switchOrganisation(manager, gm.organisation.id);
    const [session] = await test.db.select().from(t.sessions).where(eq(t.sessions.id, manager.sessionId));
    expect(session!.orgId).toBe(gm.organisation.id);
    const idva = await viewer("manager@idva.example");
    await expect(switchOrganisation(manager, idva.organisation.id)).rejects.toBeInstanceOf(NotFound);
  });
});
