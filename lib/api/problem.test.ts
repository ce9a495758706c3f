import { afterEach, describe, expect, it } from "vitest";
import { createLogger, replaceLogger } from "@/lib/log";
import { DatabaseUnavailableError } from "@/db/connect";
import { isConnectionFailure } from "@/db/errors";
import { DATABASE_UNAVAILABLE, problemFrom } from "./problem";

describe("an unexpected API error", () => {
  afterEach(() => replaceLogger(createLogger({ level: "silent" })));

  it("answers 500 with a reference that is also in the log line, and no stack trace or message", async () => {
    const lines: string[] = [];
    replaceLogger(createLogger({ destination: { write: (line: string) => void lines.push(line) } }));
    const response = problemFrom(new TypeError("Cannot read properties of undefined (reading 'orgId')"));
    expect(response.status).toBe(500);
    const text = await response.text();
    const body = JSON.parse(text) as { reference: string; detail: string };
    expect(body.reference).toMatch(/^[0-9a-f]{8}$/);
    expect(body.detail).toBe("Something went wrong. Quote the reference to support.");
    expect(text).not.toMatch(/orgId|TypeError|\bat /);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "error", reference: body.reference, msg: "Unexpected API error", err: { type: "TypeError" } });
  });
});


/** An error as postgres.js raises it, wrapped the way drizzle wraps a failed query. */
function driverError(code: string, message: string): Error {
  const cause = Object.assign(new Error(message), { code });
  return Object.assign(new Error("Failed query: insert into disclosures …", { cause }), { query: "insert …", params: ["secret"] });
}

describe("an API request that meets a database out of reach", () => {
  it.each([
    ["the server ending the session as it stops (57P01)", driverError("57P01", "terminating connection due to administrator command")],
    ["the server starting up (57P03)", driverError("57P03", "the database system is starting up")],
    ["a refused connection", driverError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["a connection closed mid-query", driverError("CONNECTION_CLOSED", "write CONNECTION_CLOSED 127.0.0.1:5432")],
    ["a connection exception (08006)", driverError("08006", "connection failure")],
    ["every address refused", new AggregateError([Object.assign(new Error("connect ECONNREFUSED ::1:5432"), { code: "ECONNREFUSED" })])],
    ["the portal unable to open its database", new DatabaseUnavailableError("Cannot reach the database server at 127.0.0.1:5432/vawg")],
  ])("is answered 503 with a problem saying to try again, for %s", async (_name, error) => {
    const response = problemFrom(error);
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ type: "about:blank", title: "Service unavailable", status: 503, detail: DATABASE_UNAVAILABLE });
  });

  it("is told apart from a failure of the request itself, which stays a 500 with a reference", async () => {
    const error = driverError("23502", 'null value in column "org_id" violates not-null constraint');
    expect(isConnectionFailure(error)).toBe(false);
    const response = problemFrom(error);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ status: 500, reference: expect.stringMatching(/^[0-9a-f]{8}$/) });
  });
});
