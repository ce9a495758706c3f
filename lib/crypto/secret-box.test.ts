import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, secretsKey, secretsKeyring } from "@/lib/env";
import { SecretBoxError, openSecret, openSecretWithKeys, sealSecret, sealedUnder } from "./secret-box";

const KEY = randomBytes(32);
const CONTEXT = "identity_providers:3f0c2f4e-7a51-4bd0-9a36-6a6b2d1f0e11:client_secret";

describe("the secret box", () => {
  it("opens what it sealed, and never stores the plaintext", () => {
    const sealed = sealSecret("client-secret-ÿ-with-unicode", CONTEXT, KEY);
    expect(sealed).toMatch(/^v1\.[\w-]{8}\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(sealed).not.toContain("client-secret");
    expect(openSecret(sealed, CONTEXT, KEY)).toBe("client-secret-ÿ-with-unicode");
  });

  it("seals the same secret differently every time (a fresh IV)", () => {
    expect(sealSecret("same", CONTEXT, KEY)).not.toBe(sealSecret("same", CONTEXT, KEY));
  });

  it("refuses a secret sealed for another row", () => {
    const sealed = sealSecret("secret", CONTEXT, KEY);
    expect(() => openSecret(sealed, CONTEXT.replace("3f0c", "0000"), KEY)).toThrow(SecretBoxError);
  });

  it("refuses a secret sealed under another key, saying so", () => {
    const sealed = sealSecret("secret", CONTEXT, KEY);
    expect(() => openSecret(sealed, CONTEXT, randomBytes(32))).toThrow(/another SECRETS_KEY/);
  });

  it("refuses a tampered ciphertext, tag or IV", () => {
    const sealed = sealSecret("a secret of some length", CONTEXT, KEY);
    const parts = sealed.split(".");
    for (const index of [2, 3, 4]) {
      const changed = [...parts];
      const bytes = Buffer.from(changed[index]!, "base64url");
      bytes[0]! ^= 1;
      changed[index] = bytes.toString("base64url");
      expect(() => openSecret(changed.join("."), CONTEXT, KEY)).toThrow(SecretBoxError);
    }
    expect(() => openSecret(`v2${sealed.slice(2)}`, CONTEXT, KEY)).toThrow(/format/);
    expect(() => openSecret("plain text", CONTEXT, KEY)).toThrow(/format/);
  });

  it("opens with whichever key of a ring sealed it, so the key can be rotated", () => {
    const old = randomBytes(32);
    const sealed = sealSecret("secret", CONTEXT, old);
    expect(sealedUnder(sealed, old)).toBe(true);
    expect(sealedUnder(sealed, KEY)).toBe(false);
    expect(openSecretWithKeys(sealed, CONTEXT, [KEY, old])).toBe("secret");
    expect(() => openSecretWithKeys(sealed, CONTEXT, [KEY])).toThrow(/neither SECRETS_KEY nor in SECRETS_KEY_PREVIOUS/);
    expect(() => openSecretWithKeys(sealed, CONTEXT.replace("3f0c", "0000"), [KEY, old])).toThrow(SecretBoxError);
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => sealSecret("secret", CONTEXT, randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe("SECRETS_KEY", () => {
  it("accepts 32 bytes in base64 and refuses anything else, without echoing it", () => {
    const key = randomBytes(32).toString("base64");
    expect(secretsKey(parseEnv({ SECRETS_KEY: key })).equals(Buffer.from(key, "base64"))).toBe(true);
    expect(() => parseEnv({ SECRETS_KEY: randomBytes(16).toString("base64") })).toThrow(/SECRETS_KEY must be 32 random bytes/);
    const refuse = () => parseEnv({ SECRETS_KEY: "not a key at all, hunter2" });
    expect(refuse).toThrow(/SECRETS_KEY must be 32 random bytes/);
    expect(refuse).not.toThrow(/hunter2/);
  });

  it("puts SECRETS_KEY first in the ring and then each SECRETS_KEY_PREVIOUS, refusing a bad one without echoing it", () => {
    const [current, first, second] = [randomBytes(32), randomBytes(32), randomBytes(32)].map((key) => key.toString("base64"));
    const ring = secretsKeyring(parseEnv({ SECRETS_KEY: current, SECRETS_KEY_PREVIOUS: ` ${first}, ${second} ` }));
    expect(ring.map((key) => key.toString("base64"))).toEqual([current, first, second]);
    expect(secretsKeyring(parseEnv({ SECRETS_KEY: current }))).toHaveLength(1);
    const refuse = () => parseEnv({ SECRETS_KEY: current, SECRETS_KEY_PREVIOUS: `${first},hunter2` });
    expect(refuse).toThrow(/SECRETS_KEY_PREVIOUS.*must be 32 random bytes/);
    expect(refuse).not.toThrow(/hunter2/);
  });

  it("has a stand-in outside production only", () => {
    expect(secretsKey(parseEnv({})).length).toBe(32);
    const production = () => parseEnv({ NODE_ENV: "production", AUTH_SECRET: randomBytes(32).toString("base64") });
    expect(production).toThrow(EnvError);
    expect(production).toThrow(/SECRETS_KEY must be set in production/);
  });
});
