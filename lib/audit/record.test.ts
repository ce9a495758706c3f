import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/database";
import { CLIENT_ADDRESS_HEADER, stampClientAddress } from "@/lib/http/client-address";
import { auditEvent, recordAudits } from "./record";

// The request being served, as next/headers would give it to the writer inside a request.
const served = vi.hoisted(() => ({ stamp: null as string | null }));
vi.mock("next/headers", () => ({
  headers: async () => {
    if (served.stamp === null) throw new Error("`headers` was called outside a request scope.");
    return new Headers({ "x-portal-client-address": served.stamp });
  },
}));

// The rows the writer inserts, as it hands them to the one-statement insert.
const inserted = vi.hoisted(() => ({ rows: [] as Record<string, unknown>[] }));
vi.mock("@/db/bulk-insert", () => ({
  insertRows: async (_db: unknown, _table: unknown, rows: Record<string, unknown>[]) => void inserted.rows.push(...rows),
}));

/** A database that keeps the rows the writer inserts. */
function capturing() {
  inserted.rows = [];
  return { db: {} as Database, rows: inserted.rows };
}

function stampRequest(headers: Record<string, string> = {}, remoteAddress = "192.0.2.10") {
  const request = { headers: { ...headers } as Record<string, string | string[] | undefined>, socket: { remoteAddress } };
  stampClientAddress(request, 0);
  served.stamp = request.headers[CLIENT_ADDRESS_HEADER] as string;
  return served.stamp.split(" ")[2];
}

describe("the audit writer", () => {
  beforeEach(() => {
    served.stamp = null;
  });

  it("records the id of the request being served in every event that does not carry one", async () => {
    const requestId = stampRequest();
    const { db, rows } = capturing();
    await recordAudits(db, [auditEvent(null, "session.signed_out"), auditEvent({ userId: randomUUID() }, "user.created")]);
    expect(rows.map((row) => row.requestId)).toEqual([requestId, requestId]);
  });

  it("keeps an event's own request id, and stores none outside a request", async () => {
    const own = randomUUID();
    const { db, rows } = capturing();
    await recordAudits(db, [auditEvent(null, "session.signed_in", { client: { ipAddress: "192.0.2.1", requestId: own } }), auditEvent(null, "audit.verified")]);
    expect(rows.map((row) => row.requestId)).toEqual([own, null]);
  });

  it("stores only a real IP address and a real request id, never what a caller forged", async () => {
    stampRequest({ "x-portal-client-address": "0123456789abcdef0123456789abcdef 6.6.6.6 11111111-2222-4333-8444-555555555555" });
    const { db, rows } = capturing();
    await recordAudits(db, [
      auditEvent(null, "sign_in.failed", { client: { ipAddress: "203.0.113.9, 6.6.6.6", requestId: "not-a-uuid' or 1=1" } }),
      auditEvent(null, "sign_in.failed", { client: { ipAddress: "<script>" } }),
    ]);
    expect(rows.map((row) => row.ipAddress)).toEqual([null, null]);
    expect(rows.map((row) => row.requestId)).not.toContain("11111111-2222-4333-8444-555555555555");
    expect(rows[0]?.requestId).toBe(served.stamp?.split(" ")[2]);
  });
});
