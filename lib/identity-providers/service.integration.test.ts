import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useDatabase } from "@/db/client";
import type { Database } from "@/db/database";
import * as t from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import type { Role } from "@/lib/access/roles";
import { getSsoProviderConfig } from "@/lib/auth/sso";
import { Forbidden, Invalid, NotFound } from "@/lib/errors";
import type { IdentityProviderInput } from "./schema";
import { getIdentityProviderSettings, saveIdentityProvider, setIdentityProviderEnabled, type Actor } from "./service";

const client = { ipAddress: "192.0.2.7" };
const input: IdentityProviderInput = {
  displayName: "Force account",
  issuer: "https://login.police.example/tenant/v2.0",
  clientId: "portal",
  clientSecret: "first secret",
  allowedDomains: ["police.example"],
  defaultRole: "viewer",
  enabled: true,
};

let handle: TestDatabase;
let db: Database;
let admin: Actor;
let forceId: string;

async function actor(role: Role): Promise<Actor> {
  const [org] = await handle.db.insert(t.organisations).values({ name: `Provider test ${role} ${randomUUID()}`, type: "national" }).returning();
  const [user] = await handle.db.insert(t.users).values({ email: `${role}-${randomUUID()}@national.example`, displayName: role }).returning();
  await handle.db.insert(t.memberships).values({ userId: user!.id, orgId: org!.id, role });
  return { userId: user!.id, role, organisation: { id: org!.id } };
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const app = await handle.connectAsApp();
  db = app.db;
  useDatabase(app);
  admin = await actor("admin");
  const [force] = await handle.db.insert(t.organisations).values({ name: "Provider test force", type: "police_force" }).returning();
  forceId = force!.id;
});
afterAll(async () => {
  await handle?.close();
});

describe("an organisation's identity provider", () => {
  it("is attached by an administrator with the secret encrypted, and changed without retyping the secret", async () => {
    expect((await getIdentityProviderSettings(admin, forceId)).provider).toBeNull();
    const { providerId, created } = await saveIdentityProvider(admin, forceId, input, client);
    expect(created).toBe(true);

    const [row] = await handle.db.select().from(t.identityProviders).where(eq(t.identityProviders.id, providerId));
    expect(row?.clientSecretEncrypted).toMatch(/^v1\./);
    expect(row?.clientSecretEncrypted).not.toContain("first secret");
    expect((await getSsoProviderConfig(db, providerId))?.clientSecret).toBe("first secret");

    await saveIdentityProvider(admin, forceId, { ...input, clientSecret: "", defaultRole: null, allowedDomains: ["police.example", "nhs.example"] }, client);
    const settings = await getIdentityProviderSettings(admin, forceId);
    expect(settings.provider).toMatchObject({ id: providerId, defaultRole: null, allowedDomains: ["police.example", "nhs.example"] });
    expect(JSON.stringify(settings)).not.toMatch(/secret/i);
    expect((await getSsoProviderConfig(db, providerId))?.clientSecret).toBe("first secret");

    const audit = await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.subjectId, providerId));
    expect(audit.map((event) => [event.action, event.details.secretChanged])).toEqual([
      ["identity_provider.created", true],
      ["identity_provider.updated", false],
    ]);
    expect(JSON.stringify(audit)).not.toContain("first secret");
  });

  it("needs a client secret when it is first attached", async () => {
    const [org] = await handle.db.insert(t.organisations).values({ name: "Provider test without secret", type: "health" }).returning();
    await expect(saveIdentityProvider(admin, org!.id, { ...input, clientSecret: "" }, client)).rejects.toThrow(Invalid);
  });

  it("is turned off and on again", async () => {
    const [org] = await handle.db.insert(t.organisations).values({ name: "Provider test toggle", type: "health" }).returning();
    const { providerId } = await saveIdentityProvider(admin, org!.id, input, client);
    await setIdentityProviderEnabled(admin, org!.id, false, client);
    expect(await getSsoProviderConfig(db, providerId)).toBeNull();
    await setIdentityProviderEnabled(admin, org!.id, true, client);
    expect(await getSsoProviderConfig(db, providerId)).not.toBeNull();
  });

  it.each(["org_manager", "auditor", "analyst"] as const)("is refused to a %s, and the refusal audited", async (role) => {
    const someone = await actor(role);
    await expect(getIdentityProviderSettings(someone, forceId)).rejects.toThrow(Forbidden);
    await expect(saveIdentityProvider(someone, forceId, input, client)).rejects.toThrow(Forbidden);
    const denied = await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.actorUserId, someone.userId));
    expect(denied.map((event) => event.outcome)).toEqual(["denied", "denied"]);
  });

  it("is not found for an organisation that does not exist", async () => {
    await expect(getIdentityProviderSettings(admin, randomUUID())).rejects.toThrow(NotFound);
    await expect(getIdentityProviderSettings(admin, "not-a-uuid")).rejects.toThrow(NotFound);
    await expect(setIdentityProviderEnabled(admin, randomUUID(), false, client)).rejects.toThrow(NotFound);
  });
});
