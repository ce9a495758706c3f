import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/db/testing";
import { agreementDay } from "@/lib/access/visibility";
import { parseEnv } from "@/lib/env";
import { portalJobs } from "@/lib/jobs/portal-jobs";
import { insertActiveAgreement } from "@/lib/testing/agreements";
import { expireAgreements } from "./expiry";

// The daily `agreements.expire` job records as expired, as the scheduler, the agreements whose end
// date has come, and audits each in the same transaction.

let handle: TestDatabase;
let app: DatabaseHandle;
const ids: Record<"endsToday" | "endsTomorrow", string> = {} as never;

function day(offset: number): string {
  const date = new Date(`${agreementDay(new Date())}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  app = await handle.connectAsApp();
  const [provider, recipient] = await handle.db
    .insert(t.organisations)
    .values([
      { name: "Expiry provider", type: "isva_service" },
      { name: "Expiry police", type: "police_force" },
    ])
    .returning({ id: t.organisations.id });
  const [place] = await handle.db.select({ code: t.policeForceAreas.code }).from(t.policeForceAreas).limit(1);
  const terms = (reference: string, endDate: string) => ({
    reference,
    providers: [provider!.id],
    recipients: [recipient!.id],
    threatAreas: { rasso: "aggregate" as const },
    geography: [{ forceAreaCode: place!.code }],
    startDate: day(-200),
    endDate,
  });
  ids.endsToday = await insertActiveAgreement(handle.db, terms("DSA-EXPIRY-TODAY", day(0)));
  ids.endsTomorrow = await insertActiveAgreement(handle.db, terms("DSA-EXPIRY-TOMORROW", day(1)));
});
afterAll(async () => {
  await handle?.close();
});

describe("agreement expiry", () => {
  it("expires the agreements whose end date has come, each audited, and leaves the others active", async () => {
    expect(await expireAgreements(app.db)).toEqual([{ agreementId: ids.endsToday, reference: "DSA-EXPIRY-TODAY" }]);

    const statuses = await handle.db.select({ id: t.agreements.id, status: t.agreements.status }).from(t.agreements).where(inArray(t.agreements.id, Object.values(ids)));
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({ [ids.endsToday]: "expired", [ids.endsTomorrow]: "active" });
    const audited = await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "agreement.expired"));
    expect(audited).toMatchObject([{ outcome: "success", actorUserId: null, subjectType: "agreement", subjectId: ids.endsToday, details: { reference: "DSA-EXPIRY-TODAY", by: "scheduler" } }]);
  });

  it("finds nothing more to expire on the next run, as the scheduled job reports", async () => {
    const job = portalJobs(parseEnv({}), null).find((candidate) => candidate.name === "agreements.expire")!;
    expect(await job.run(app.db, new Date())).toBe("no agreement expired");
    expect(await handle.db.select().from(t.auditEvents).where(eq(t.auditEvents.action, "agreement.expired"))).toHaveLength(1);
  });
});
