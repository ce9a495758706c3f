import { describe, expect, it } from "vitest";
import { requestErrorFields } from "./request-errors";

describe("the log line for an error Next.js caught", () => {
  it("carries the digest the error page shows as its reference, and the path without its query", () => {
    const error = Object.assign(new Error("boom"), { digest: "3106942123" });
    const fields = requestErrorFields(error, { path: "/partner-data?provider=refuge&cursor=abc", method: "GET" }, { routePath: "/partner-data", routeType: "render" });
    expect(fields).toMatchObject({ reference: "3106942123", method: "GET", path: "/partner-data", route: "/partner-data", routeType: "render" });
    expect(JSON.stringify(fields)).not.toContain("refuge");
  });

  it("drops a failed query's parameters", () => {
    const error = Object.assign(new Error("insert into disclosures failed: params: secret text"), { params: ["secret text"], digest: "42" });
    const fields = requestErrorFields(error, { path: "/", method: "POST" }, {});
    expect((fields.err as Error).message).toBe("A database query failed.");
  });
});
