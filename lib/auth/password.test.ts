import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores argon2id with at least 19 MiB, two passes and one lane", async () => {
    const stored = await hashPassword("a long enough passphrase");
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
    expect(match).not.toBeNull();
    const [, memory, passes, lanes] = match!.map(Number);
    expect(memory).toBeGreaterThanOrEqual(19_456);
    expect(passes).toBeGreaterThanOrEqual(2);
    expect(lanes).toBe(1);
  });

  it("salts each hash, so the same password hashes differently", async () => {
    expect(await hashPassword("same passphrase here")).not.toBe(await hashPassword("same passphrase here"));
  });

  it("verifies the right password and rejects a wrong one or a malformed hash", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword(stored, "correct horse battery")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery!")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything at all")).toBe(false);
  });
});
