import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError, connectServer, describeServer, reconnectDelaySeconds } from "./connect";

describe("connecting to a server", () => {
  it("describes a server by host, port and database, never by its credentials", () => {
    expect(describeServer("postgres://app:s3cret@db.internal:6543/vawg")).toBe("db.internal:6543/vawg");
    expect(describeServer("postgres://app:s3cret@db.internal/vawg")).toBe("db.internal:5432/vawg");
  });

  it("fails with one line naming the server when nothing listens there", async () => {
    const attempt = connectServer("postgres://app:s3cret@127.0.0.1:1/vawg");
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(/^Cannot reach the database server at 127\.0\.0\.1:1\/vawg: .*ECONNREFUSED/);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it("waits at most a second before connecting again, however many attempts have failed", () => {
    expect(reconnectDelaySeconds(0)).toBe(0.05);
    expect(reconnectDelaySeconds(2)).toBe(0.2);
    expect(reconnectDelaySeconds(30)).toBe(1);
  });
});
