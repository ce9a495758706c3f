import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/database";
import * as t from "@/db/schema";
import { createTestDatabase } from "@/db/testing";
import { auditEvent, recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { verifyPasswordStep } from "@/lib/auth/sign-in";
import { AppError } from "@/lib/errors";
import { clientAddressFromStamp, installClientAddressStamp } from "./client-address";

const PASSWORD = "a long and unremarkable passphrase";

let handle: DatabaseHandle;
let server: Server;
let base: string;
let email: string;
let userId: string;

/**
 * A real HTTP server with the portal's stamp installed, whose one route is the password step of
 * sign-in with the client address the portal's code would read (lib/http/request.ts).
 */
beforeAll(async () => {
  handle = await createTestDatabase();
  const [org] = await handle.db.insert(t.organisations).values({ name: "Address test partner", type: "third_sector" }).returning();
  email = "address-test@partner.example";
  const [user] = await handle.db
    .insert(t.users)
    .values({ email, displayName: "Address test", passwordHash: await hashPassword(PASSWORD), totpSecret: "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD", mfaEnrolledAt: new Date() })
    .returning();
  userId = user!.id;
  await handle.db.insert(t.memberships).values({ userId, orgId: org!.id, role: "submitter" });
  installClientAddressStamp(0);
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const client = { ipAddress: clientAddressFromStamp(request.headers["x-portal-client-address"] as string | undefined), userAgent: null };
      verifyPasswordStep(handle.db, { email, password: body }, client).then(
        () => response.writeHead(200).end(client.ipAddress),
        (error: unknown) => response.writeHead(error instanceof AppError ? error.status : 500).end(client.ipAddress),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await handle?.close();
});

function attempt(password: string, forwardedFor: string) {
  return fetch(base, { method: "POST", body: password, headers: { "x-forwarded-for": forwardedFor } });
}

describe("sign-in from one address", () => {
  it("is throttled however the caller varies X-Forwarded-For, and its audit rows hold the socket's address", async () => {
    for (let index = 1; index <= 5; index++) {
      const answer = await attempt("wrong wrong wrong", `198.51.100.${index}`);
      expect(answer.status).toBe(400);
      expect(await answer.text()).toBe("127.0.0.1");
    }
    const sixth = await attempt(PASSWORD, "198.51.100.99");
    expect(sixth.status).toBe(429);
    const rows = await handle.db.select({ ipAddress: t.auditEvents.ipAddress }).from(t.auditEvents).where(eq(t.auditEvents.actorUserId, userId));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((row) => row.ipAddress))).toEqual(new Set(["127.0.0.1"]));
  });
});

describe("the audit trail", () => {
  it.each(["<script>alert(1)</script>", "unknown", "203.0.113.9:4431", "x".repeat(60)])(
    "stores no address rather than the malformed %j",
    async (forged) => {
      await recordAudit(handle.db, auditEvent({ userId }, "sign_in.failed", { outcome: "denied", client: { ipAddress: forged } }));
      const [row] = await handle.db.select({ ipAddress: t.auditEvents.ipAddress, details: t.auditEvents.details }).from(t.auditEvents).orderBy(desc(t.auditEvents.seq)).limit(1);
      expect(row!.ipAddress).toBeNull();
      expect(JSON.stringify(row!.details)).not.toContain(forged);
    },
  );
});
