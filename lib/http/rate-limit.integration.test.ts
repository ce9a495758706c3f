import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as collection from "@/app/api/v1/disclosures/route";
import type { TestDatabase } from "@/db/testing";
import { createApiToken } from "@/lib/api-tokens/service";
import type { Viewer } from "@/lib/auth/viewer";
import { getEnv } from "@/lib/env";
import { RateLimited } from "@/lib/errors";
import { openDemoDatabase } from "@/lib/testing/demo-database";
import { viewerFor } from "@/lib/testing/viewers";
import { enforceRateLimits, exportRules, type RateRule } from "./rate-limit";

// Small limits, set before anything reads the configuration (getEnv caches it).
vi.hoisted(() => {
  vi.stubEnv("API_RATE_LIMIT_PER_TOKEN", "3");
  vi.stubEnv("API_RATE_LIMIT_PER_ORGANISATION", "5");
  vi.stubEnv("EXPORT_RATE_LIMIT_PER_USER", "2");
  vi.stubEnv("EXPORT_RATE_LIMIT_PER_ORGANISATION", "3");
});

let test: TestDatabase;
let manager: Viewer;
let analyst: Viewer;
let otherAnalyst: Viewer;
let policeManager: Viewer;

beforeAll(async () => {
  test = await openDemoDatabase();
  manager = await viewerFor(test.db, "manager@idva.example");
  analyst = await viewerFor(test.db, "analyst@police.example");
  policeManager = await viewerFor(test.db, "manager@police.example");
  otherAnalyst = { ...analyst, userId: policeManager.userId, email: policeManager.email };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await test?.close();
});

/** The limits count in windows aligned to the clock: start a test that uses the real clock well inside one. */
async function awayFromMinuteEdge() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
}

async function refusal(promise: Promise<unknown>): Promise<RateLimited> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(RateLimited);
  return outcome as RateLimited;
}

describe("counting against a limit", () => {
  const rule = (key: string): RateRule => ({ key: `rate:test:${key}`, limit: 3, windowSeconds: 60, refusal: "Three a minute." });
  const at = (time: string) => new Date(`2026-06-01T${time}Z`);

  it("allows the limit, refuses the next request with the seconds until the window ends", async () => {
    for (let request = 0; request < 3; request++) await enforceRateLimits(test.db, [rule("a")], at("10:00:05"));
    const refused = await refusal(enforceRateLimits(test.db, [rule("a")], at("10:00:15")));
    expect(refused.message).toBe("Three a minute. Try again in 45 seconds.");
    expect(refused.retryAfterSeconds).toBe(45);
    expect(refused.status).toBe(429);
  });

  it("keeps refusing while the window lasts, and allows again once the next window begins", async () => {
    for (let request = 0; request < 3; request++) await enforceRateLimits(test.db, [rule("b")], at("10:01:00"));
    await refusal(enforceRateLimits(test.db, [rule("b")], at("10:01:30")));
    await refusal(enforceRateLimits(test.db, [rule("b")], at("10:01:59.900")));
    await expect(enforceRateLimits(test.db, [rule("b")], at("10:02:00"))).resolves.toBeUndefined();
  });

  it("counts each key apart: one exhausted key leaves another alone", async () => {
    for (let request = 0; request < 3; request++) await enforceRateLimits(test.db, [rule("c")], at("10:03:00"));
    await refusal(enforceRateLimits(test.db, [rule("c")], at("10:03:01")));
    await expect(enforceRateLimits(test.db, [rule("d")], at("10:03:01"))).resolves.toBeUndefined();
  });

  it("counts every concurrent request once", async () => {
    const many = { ...rule("e"), limit: 20 };
    const outcomes = await Promise.allSettled(Array.from({ length: 25 }, () => enforceRateLimits(test.db, [many], at("10:04:00"))));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(20);
    expect(outcomes.filter((outcome) => outcome.status === "rejected" && outcome.reason instanceof RateLimited)).toHaveLength(5);
  });
});

describe("exports, per person and per organisation an hour", () => {
  const at = new Date("2026-06-01T11:20:00Z");

  it("refuses a person's third export in the hour, saying when the hour ends", async () => {
    await enforceRateLimits(test.db, exportRules(analyst, getEnv()), at);
    await enforceRateLimits(test.db, exportRules(analyst, getEnv()), at);
    const refused = await refusal(enforceRateLimits(test.db, exportRules(analyst, getEnv()), at));
    expect(refused.message).toBe("You have downloaded 2 exports this hour, the limit. Try again in 40 minutes.");
    expect(refused.retryAfterSeconds).toBe(40 * 60);
  });

  it("refuses another person of the same organisation once the organisation's limit is reached", async () => {
    // The analyst's three attempts above all counted against the police force's limit of 3.
    const refused = await refusal(enforceRateLimits(test.db, exportRules(otherAnalyst, getEnv()), at));
    expect(refused.message).toMatch(/^People in your organisation have downloaded 3 exports this hour, its limit\./);
  });

  it("leaves a person of another organisation alone", async () => {
    await expect(enforceRateLimits(test.db, exportRules(manager, getEnv()), at)).resolves.toBeUndefined();
  });

  it("allows the person again in the next hour", async () => {
    await expect(enforceRateLimits(test.db, exportRules(analyst, getEnv()), new Date("2026-06-01T12:00:00Z"))).resolves.toBeUndefined();
  });
});

describe("the API", () => {
  let tokens: { first: string; second: string; otherOrg: string };

  beforeAll(async () => {
    const make = async (viewer: Viewer) => (await createApiToken(viewer, { name: "Case system", scopes: ["read"], expiresInDays: 30 })).token;
    tokens = { first: await make(manager), second: await make(manager), otherOrg: await make(policeManager) };
  });

  const list = (token: string, headers: Record<string, string> = {}) =>
    collection.GET(new Request("http://portal.test/api/v1/disclosures", { headers: { authorization: `Bearer ${token}`, ...headers } }), { params: Promise.resolve({}) });

  it("answers a token's requests beyond its limit with 429, Retry-After and problem details; other tokens and organisations are unaffected, and a forged X-Forwarded-For changes nothing", async () => {
    await awayFromMinuteEdge();
    for (let request = 0; request < 3; request++) expect((await list(tokens.first)).status).toBe(200);

    const refused = await list(tokens.first);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ status: 429, title: "Too many requests", detail: expect.stringMatching(/^This token has made 3 requests this minute, its limit\. Try again in (\d+ seconds?|1 minute)\.$/) });

    for (const forged of ["203.0.113.9", "198.51.100.1, 127.0.0.1", "unknown"]) {
      expect((await list(tokens.first, { "x-forwarded-for": forged, "x-real-ip": forged })).status).toBe(429);
    }

    // The organisation has made 3 + 3 refused requests, past its limit of 5: its other token is refused too…
    const organisation = await list(tokens.second);
    expect(organisation.status).toBe(429);
    expect(((await organisation.json()) as { detail: string }).detail).toMatch(/^Your organisation's tokens have made 5 requests this minute, its limit\./);
    // …and another organisation's token is not.
    expect((await list(tokens.otherOrg)).status).toBe(200);
  });
});
