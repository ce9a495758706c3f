import { openSecretWithKeys, sealSecret } from "@/lib/crypto/secret-box";
import { secretsKey, secretsKeyring } from "@/lib/env";

/** The sealed secret is bound to its provider's row: copied to another row, it does not open. */
const context = (providerId: string) => `identity_providers:${providerId}:client_secret`;

export function sealClientSecret(providerId: string, secret: string, key: Buffer = secretsKey()): string {
  return sealSecret(secret, context(providerId), key);
}

/** Opens under SECRETS_KEY or, after a rotation, one of SECRETS_KEY_PREVIOUS. */
export function openClientSecret(providerId: string, sealed: string, keys: readonly Buffer[] = secretsKeyring()): string {
  return openSecretWithKeys(sealed, context(providerId), keys);
}
