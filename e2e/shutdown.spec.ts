import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { portalDatabase } from "./support/database";
import { spawnPortal, waitForExit, waitUntilUp } from "./support/portal";

// A portal process of its own (the built one, on the test database) is sent SIGTERM while a
// request is in flight: the request gets its real answer, new connections are refused, and the
// process exits 0 (lib/shutdown.ts).

/** An API token of the demo IDVA's partner lead, written straight into the database. */
async function apiToken(): Promise<string> {
  const db = portalDatabase();
  const token = `vawg_${randomBytes(30).toString("base64url")}`;
  const [lead] = await db<{ user_id: string; org_id: string }[]>`
    select m.user_id, m.org_id from memberships m join users u on u.id = m.user_id
    where u.email = 'manager@idva.example' and m.role = 'org_manager'`;
  await db`insert into api_tokens (org_id, name, token_hash, token_prefix, scopes, created_by, expires_at)
    values (${lead!.org_id}, ${`Shutdown test ${randomBytes(3).toString("hex")}`}, ${createHash("sha256").update(token).digest("hex")}, ${token.slice(0, 11)}, '{submit,read}', ${lead!.user_id}, now() + interval '1 day')`;
  return token;
}

async function refusesConnections(baseURL: string): Promise<boolean> {
  try {
    await fetch(`${baseURL}/api/health`);
    return false;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
  }
}

test("on SIGTERM the portal finishes the request in flight, refuses new connections and exits 0", async () => {
  test.setTimeout(120_000);
  const token = await apiToken();
  const portal = await spawnPortal({ SHUTDOWN_GRACE_SECONDS: "20" });
  try {
    await waitUntilUp(portal);
    const { hostname, port } = new URL(portal.baseURL);
    // A disclosure posted in two parts: the request is in flight until the second part arrives.
    const body = Buffer.from(JSON.stringify({ disclosure_month: "2026-05", context: "x".repeat(2000) }));
    const answered = new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      const request = http.request(
        { host: hostname, port, method: "POST", path: "/api/v1/disclosures", agent: false, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": body.length } },
        (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString()));
          response.on("end", () => resolve({ status: response.statusCode!, type: response.headers["content-type"], body: text }));
        },
      );
      request.on("error", reject);
      request.write(body.subarray(0, 100));
      // Once the portal is reading the body, it is sent SIGTERM; the rest follows only after new connections are refused.
      void (async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        portal.process.kill("SIGTERM");
        await expect.poll(() => refusesConnections(portal.baseURL), { timeout: 10_000 }).toBe(true);
        expect(portal.process.exitCode).toBeNull();
        request.end(body.subarray(100));
      })().catch(reject);
    });

    const response = await answered;
    // The real answer to that body: it is not a complete disclosure.
    expect(response.status).toBe(400);
    expect(response.type).toBe("application/problem+json");
    expect(JSON.parse(response.body)).toMatchObject({ status: 400, title: "Bad request" });
    expect(await waitForExit(portal, 30_000)).toBe(0);
  } finally {
    await portal.stop();
  }
});
