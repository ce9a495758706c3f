import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import { SecretBoxError, sealedUnder } from "@/lib/crypto/secret-box";
import { hashPassword } from "./password";
import { completeSecondFactor, verifyPasswordStep } from "./sign-in";
import { base32Decode, totpCode } from "./totp";
import { openTotpSecret, sealStoredTotpSecrets, sealTotpSecret } from "./totp-secret";

const SECRET = "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD";
const PASSWORD = "a long and unremarkable passphrase";
const T0 = new Date("2026-11-29T10:00:00Z");
const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

async function storedSecret(userId: string) {
  const [row] = await handle.db.select({ secret: t.users.totpSecret }).from(t.users).where(eq(t.users.id, userId));
  return row!.secret!;
}

async function userWithSecret(email: string, totpSecret: string) {
  const [row] = await handle.db
    .insert(t.users)
    .values({ email, displayName: email, passwordHash: await hashPassword(PASSWORD), totpSecret, mfaEnrolledAt: T0 })
    .returning({ id: t.users.id });
  return row!.id;
}

describe("sealing stored authenticator secrets", () => {
  it("opens a secret sealed under a previous key after SECRETS_KEY is rotated, and refuses one under an unknown key", () => {
    const sealed = sealTotpSecret(SECRET, [OLD_KEY]);
    expect(openTotpSecret(sealed, [NEW_KEY, OLD_KEY])).toBe(SECRET);
    expect(() => openTotpSecret(sealed, [NEW_KEY])).toThrow(SecretBoxError);
    expect(() => openTotpSecret(sealed, [NEW_KEY])).toThrow(/neither SECRETS_KEY nor in SECRETS_KEY_PREVIOUS/);
  });

  it("seals plain-text secrets left from before, and re-seals under the current key those under an old one", async () => {
    const plain = await userWithSecret("plain@partner.example", SECRET);
    const old = await userWithSecret("old-key@partner.example", sealTotpSecret(SECRET, [OLD_KEY]));

    const ring = [NEW_KEY, OLD_KEY];
    expect(await sealStoredTotpSecrets(handle.db, ring)).toBeGreaterThanOrEqual(2);
    for (const userId of [plain, old]) {
      const stored = await storedSecret(userId);
      expect(stored).not.toContain(SECRET);
      expect(sealedUnder(stored, NEW_KEY)).toBe(true);
      expect(openTotpSecret(stored, [NEW_KEY])).toBe(SECRET);
    }
    // Run again, nothing is left to seal.
    expect(await sealStoredTotpSecrets(handle.db, ring)).toBe(0);
    // Under a ring that has lost both keys, the values stay as they are rather than stop the migration.
    expect(await sealStoredTotpSecrets(handle.db, [randomBytes(32)])).toBe(0);
    expect(sealedUnder(await storedSecret(old), NEW_KEY)).toBe(true);
    await handle.db.delete(t.users).where(inArray(t.users.id, [plain, old]));
  });

  it("leaves the demo seed's sealed secrets good for signing in (the default key ring)", async () => {
    const [org] = await handle.db.insert(t.organisations).values({ name: "Sealing test partner", type: "third_sector" }).returning();
    const userId = await userWithSecret("seeded@partner.example", SECRET);
    await handle.db.insert(t.memberships).values({ userId, orgId: org!.id, role: "submitter" });
    await sealStoredTotpSecrets(handle.db);
    expect(await storedSecret(userId)).toMatch(/^v1\./);
    const step = await verifyPasswordStep(handle.db, { email: "seeded@partner.example", password: PASSWORD }, { ipAddress: "192.0.2.1" }, T0);
    const code = totpCode(base32Decode(SECRET), T0);
    await expect(
      completeSecondFactor(handle.db, { challengeToken: step.challengeToken, code }, { ipAddress: "192.0.2.1" }, { idleMinutes: 30, absoluteHours: 12 }, T0),
    ).resolves.toMatchObject({ userId });
  });
});
