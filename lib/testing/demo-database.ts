// Named for what it does here: db/client.ts's useDatabase is no React hook.
import { useDatabase as serveServicesFrom } from "@/db/client";
import { seedDemo } from "@/scripts/seed";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { parseEnv } from "@/lib/env";

/**
 * A fresh database for a service test file: the demo organisations, people and agreements, and no
 * disclosures unless asked for (synthetic ones, so many per submitting partner), seeded as of
 * `now`, with the services reaching it as the app role. The caller closes it in afterAll.
 */
export async function openDemoDatabase(now?: Date, { disclosuresPerPartner = 0 }: { disclosuresPerPartner?: number } = {}): Promise<TestDatabase> {
  const test = await createTestDatabase();
  await seedDemo(test.db, parseEnv({ SEED_DISCLOSURES_PER_PARTNER: String(disclosuresPerPartner) }), now);
  serveServicesFrom(await test.connectAsApp());
  return test;
}
