import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets the portal must use again later (an identity provider's client secret) are stored
 * encrypted with AES-256-GCM under SECRETS_KEY. The sealed form is
 * `v1.<key id>.<iv>.<ciphertext>.<tag>`, base64url throughout. The key id (a hash prefix of
 * the key, which reveals nothing of it) turns a changed key into a clear error rather than a
 * failed tag check. The context is bound as associated data, so a sealed value copied to
 * another row or purpose does not open there.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored secret that cannot be opened: tampered with, moved, or sealed under another key. */
export class SecretBoxError extends Error {
  override name = "SecretBoxError";
}

export function sealSecret(plaintext: string, context: string, key: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyId(key), iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function openSecret(sealed: string, context: string, key: Buffer): string {
  assertKey(key);
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError("The stored secret is not in a format this portal reads.");
  const [, storedKeyId, ivText, ciphertextText, tagText] = parts as [string, string, string, string, string];
  if (storedKeyId !== keyId(key)) {
    throw new SecretBoxError("The stored secret was encrypted under another SECRETS_KEY: enter the secret again.");
  }
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("The stored secret is damaged.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("The stored secret is damaged or does not belong here.");
  }
}

/**
 * Opens a value sealed under any key of the ring (the current key first, then earlier ones), so
 * SECRETS_KEY can be rotated: values stay readable under the old key until sealed again.
 */
export function openSecretWithKeys(sealed: string, context: string, keys: readonly Buffer[]): string {
  const key = keys.find((candidate) => sealedUnder(sealed, candidate));
  if (!key) throw new SecretBoxError("The stored secret was encrypted under a key that is neither SECRETS_KEY nor in SECRETS_KEY_PREVIOUS.");
  return openSecret(sealed, context, key);
}

/** Whether a value is in the sealed form, under this key. */
export function sealedUnder(sealed: string, key: Buffer): boolean {
  const parts = sealed.split(".");
  return parts.length === 5 && parts[0] === VERSION && parts[1] === keyId(key);
}

function keyId(key: Buffer): string {
  return createHash("sha256").update("vawg.secret-box.key-id").update(key).digest("base64url").slice(0, 8);
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new SecretBoxError("The secrets key must be 32 bytes.");
}
