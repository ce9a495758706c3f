import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/database";
import { openSecretWithKeys, sealSecret, sealedUnder } from "@/lib/crypto/secret-box";
import { secretsKeyring } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * Authenticator (TOTP) secrets are stored sealed by the secret box under SECRETS_KEY, in
 * users.totp_secret and, while an enrolment waits for its first code, in
 * sign_in_challenges.pending_totp_secret (docs/security.md#authenticator-secrets). One context
 * for both, not bound to a row: confirming an enrolment moves the sealed value from the
 * challenge to the user as it is.
 */
const CONTEXT = "totp_secret";

export function sealTotpSecret(secret: string, keys: readonly Buffer[] = secretsKeyring()): string {
  return sealSecret(secret, CONTEXT, keys[0]!);
}

export function openTotpSecret(sealed: string, keys: readonly Buffer[] = secretsKeyring()): string {
  return openSecretWithKeys(sealed, CONTEXT, keys);
}

/**
 * Seals every stored authenticator secret that is not yet sealed under the current key: plain
 * text written before secrets were encrypted, and values sealed under a key since rotated into
 * SECRETS_KEY_PREVIOUS. Runs as the owner after the migrations (`npm run db:migrate`, and the
 * embedded database's start-up), since encryption happens here and not in SQL. Returns how
 * many values it sealed.
 */
export async function sealStoredTotpSecrets(db: Database, ring?: readonly Buffer[]): Promise<number> {
  let sealed = 0;
  // The keys are read only when a secret is stored: an empty database migrates without SECRETS_KEY.
  let keys: readonly Buffer[] | undefined = ring;
  for (const { table, column, id } of [
    { table: "users", column: "totp_secret", id: "id" },
    { table: "sign_in_challenges", column: "pending_totp_secret", id: "id" },
  ]) {
    const result = await db.execute(sql`select ${sql.identifier(id)}::text as id, ${sql.identifier(column)} as value from ${sql.identifier(table)} where ${sql.identifier(column)} is not null`);
    for (const row of rowsOf<{ id: string; value: string }>(result)) {
      keys ??= secretsKeyring();
      if (sealedUnder(row.value, keys[0]!)) continue;
      const plaintext = /^[A-Z2-7]+=*$/i.test(row.value) ? row.value : openIfKnown(row.value, keys);
      if (plaintext === null) {
        // Sealed under a key no longer configured: left as it is (that person re-enrols), never fatal here.
        log.warn({ table, row: row.id }, "An authenticator secret is sealed under a key that is neither SECRETS_KEY nor in SECRETS_KEY_PREVIOUS");
        continue;
      }
      await db.execute(
        sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${sealTotpSecret(plaintext, keys)} where ${sql.identifier(id)}::text = ${row.id} and ${sql.identifier(column)} = ${row.value}`,
      );
      sealed += 1;
    }
  }
  return sealed;
}

function openIfKnown(sealed: string, keys: readonly Buffer[]): string | null {
  return keys.some((key) => sealedUnder(sealed, key)) ? openTotpSecret(sealed, keys) : null;
}
