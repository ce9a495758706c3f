import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { connectServer } from "@/db/connect";
// Named for what it does here: db/client.ts's useDatabase is no React hook.
import { useDatabase as serveServicesFrom } from "@/db/client";
import type { DatabaseHandle } from "@/db/database";
import { createApiToken } from "@/lib/api-tokens/service";
import { viewerFor } from "@/lib/testing/viewers";

/**
 * The password vawg_app logs in with: CI's, else the one the integration and browser tests give
 * it. The role is cluster-wide, so any other would lock out their portals on a shared server.
 */
const APP_PASSWORD = process.env.RELIABILITY_APP_PASSWORD ?? "vawg-app-test-password";

export type SeededDatabase = {
  name: string;
  /** The owner's URL: migrations, the seed, and checking what the portal wrote past row-level security. */
  ownerUrl: string;
  /** vawg_app's URL, as the portal connects. */
  appUrl: string;
};

function withDatabase(serverUrl: string, name: string, credentials?: { username: string; password: string }): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (credentials) Object.assign(url, credentials);
  return url.toString();
}

/**
 * A new database on the server (a superuser URL), migrated and seeded with the demo data as its
 * owner, as `npm run db:seed` does, with vawg_app allowed to log in.
 */
export async function createSeededDatabase(serverUrl: string, prefix: string, { disclosuresPerPartner = 20 } = {}): Promise<SeededDatabase> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
    const ownerUrl = withDatabase(serverUrl, name);
    const seeded = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--tsconfig", "tsconfig.cli.json", "scripts/db-seed.ts"], {
      env: { ...process.env, NODE_ENV: "development", DATABASE_URL: "", DATABASE_MIGRATION_URL: ownerUrl, SEED_DISCLOSURES_PER_PARTNER: String(disclosuresPerPartner) },
      encoding: "utf8",
      timeout: 180_000,
    });
    if (seeded.status !== 0) throw new Error(`Seeding ${name} failed: ${seeded.stdout}${seeded.stderr}`);
    await admin.unsafe(`alter role vawg_app login password '${APP_PASSWORD}'`);
    return { name, ownerUrl, appUrl: withDatabase(serverUrl, name, { username: "vawg_app", password: APP_PASSWORD }) };
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** The partner leads of the five submitting West Yorkshire partners, with the district each serves. */
const SUBMITTERS = [
  { email: "manager@idva.example", partnerType: "idva_service", ladCode: "E08000035" },
  { email: "manager@isva.example", partnerType: "isva_service", ladCode: "E08000032" },
  { email: "manager@council.example", partnerType: "local_authority", ladCode: "E08000036" },
  { email: "manager@health.example", partnerType: "health", ladCode: "E08000034" },
  { email: "manager@charity.example", partnerType: "third_sector", ladCode: "E08000033" },
] as const;

export type SubmitterToken = { token: string; orgId: string; partnerType: (typeof SUBMITTERS)[number]["partnerType"]; ladCode: string };

/**
 * A `submit` API token for each submitting partner organisation, made through the token service
 * (as a partner lead would in the portal) on the owner's connection.
 */
export async function createSubmitterTokens(ownerUrl: string): Promise<SubmitterToken[]> {
  const handle: DatabaseHandle = await connectServer(ownerUrl, { max: 2 });
  serveServicesFrom(handle);
  try {
    const tokens: SubmitterToken[] = [];
    for (const submitter of SUBMITTERS) {
      const viewer = await viewerFor(handle.db, submitter.email);
      const { token } = await createApiToken(viewer, { name: "Reliability load", scopes: ["submit"], expiresInDays: 1 });
      tokens.push({ token, orgId: viewer.organisation.id, partnerType: submitter.partnerType, ladCode: submitter.ladCode });
    }
    return tokens;
  } finally {
    await handle.close();
  }
}
