import { describe, expect, it, vi } from "vitest";
import { DatabaseUnavailableError } from "@/db/connect";
import { isConnectionFailure } from "@/db/errors";
import { DATABASE_UNAVAILABLE, problemFrom } from "./problem";

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
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = problemFrom(error);
    log.mockRestore();
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ type: "about:blank", title: "Service unavailable", status: 503, detail: DATABASE_UNAVAILABLE });
  });

  it("is told apart from a failure of the request itself, which stays a 500 with a reference", async () => {
    const error = driverError("23502", 'null value in column "org_id" violates not-null constraint');
    expect(isConnectionFailure(error)).toBe(false);
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = problemFrom(error);
    log.mockRestore();
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ status: 500, reference: expect.stringMatching(/^[0-9a-f]{8}$/) });
  });
});
