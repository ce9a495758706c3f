import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { portalDatabase } from "./database";

/**
 * Demo accounts that browser tests only read with: each signs in once per run (accounts.setup.ts)
 * and every test that needs it starts from that saved session. No test may sign one of these out,
 * change its role, password or authenticator, or suspend it; a test that changes an account
 * makes one of its own with `createAccount`.
 */
export const SHARED_ACCOUNTS = [
  "admin@national.example",
  "auditor@national.example",
  "analyst@police.example",
  "viewer@police.example",
  "manager@police.example",
  "manager@idva.example",
  "caseworker@idva.example",
  "caseworker@isva.example",
  "caseworker@council.example",
] as const;

export type SharedAccount = (typeof SHARED_ACCOUNTS)[number];

/** Where the signed-in browser state of a shared account is kept for this run. */
export function sessionFileOf(email: SharedAccount): string {
  return join("test-results", ".sessions", `${email}.json`);
}

export type OwnAccount = { email: string; displayName: string };

/**
 * A new account for one test, made like a demo account: the same organisations and roles, the
 * demo password and the demo authenticator secret, so it signs in as the demo accounts do.
 */
export async function createAccount(like: string, label: string): Promise<OwnAccount> {
  const suffix = randomBytes(4).toString("hex");
  const email = `e2e-${label}-${suffix}@${like.split("@")[1]}`;
  const displayName = `E2E ${label} ${suffix}`;
  const sql = portalDatabase();
  await sql.begin(async (tx) => {
    const [user] = await tx<{ id: string }[]>`
      insert into users (email, display_name, password_hash, totp_secret, mfa_enrolled_at)
      select ${email}, ${displayName}, password_hash, totp_secret, mfa_enrolled_at from users where lower(email) = lower(${like})
      returning id`;
    if (!user) throw new Error(`No demo account ${like} to copy: seed the database first.`);
    await tx`
      insert into memberships (user_id, org_id, role)
      select ${user.id}, m.org_id, m.role from memberships m join users u on u.id = m.user_id where lower(u.email) = lower(${like})`;
  });
  return { email, displayName };
}

/** The last TOTP time step the portal accepted from an account, or -1. */
export async function lastTotpStep(email: string): Promise<number> {
  const [row] = await portalDatabase()<{ step: string | null }[]>`select totp_last_step as step from users where lower(email) = lower(${email})`;
  return row?.step == null ? -1 : Number(row.step);
}

/** An account's status as the portal holds it. */
export async function accountStatus(email: string): Promise<string | undefined> {
  const [row] = await portalDatabase()<{ status: string }[]>`select status from users where lower(email) = lower(${email})`;
  return row?.status;
}
