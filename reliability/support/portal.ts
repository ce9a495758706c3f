import { randomBytes } from "node:crypto";
import { spawnPortal, waitUntilUp, type RunningPortal } from "@/e2e/support/portal";

export type ReliabilityPortal = RunningPortal & { partnerReferenceSecret: string };

/** The built portal (`npm run build` first) in production mode on `appUrl`, with fresh secrets and any settings given. */
export async function startPortal(appUrl: string, settings: Record<string, string> = {}, nodeOptions: readonly string[] = []): Promise<ReliabilityPortal> {
  const partnerReferenceSecret = randomBytes(32).toString("hex");
  const portal = await spawnPortal({
    NODE_ENV: "production",
    DATABASE_URL: appUrl,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    SECRETS_KEY: randomBytes(32).toString("base64"),
    PARTNER_REFERENCE_SECRET: partnerReferenceSecret,
    ...settings,
  }, nodeOptions);
  try {
    await waitUntilUp(portal);
  } catch (error) {
    await portal.stop();
    throw error;
  }
  return Object.assign(portal, { partnerReferenceSecret });
}

/** The superuser URL of the PostgreSQL server the load runs on (CI's, or the local one). */
export function serverUrl(): string {
  return `${process.env.RELIABILITY_PG_SERVER ?? "postgres://postgres@127.0.0.1:5432"}/postgres`;
}

/** Overridable for a quick local try; CI runs the full figures. */
export const SUBMITTERS = Number(process.env.RELIABILITY_SUBMITTERS ?? 200);
export const LOAD_SECONDS = Number(process.env.RELIABILITY_LOAD_SECONDS ?? 60);
