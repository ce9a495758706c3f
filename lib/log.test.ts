import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { REDACTED, createLogger, isSensitiveKey } from "./log";

/** A logger writing into memory, and the lines it wrote, parsed. */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ level: "info", destination: { write: (line: string) => destination.write(line) } });
  return { logger, text: () => lines.join("\n"), entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const SECRETS = {
  password: "correct-horse-battery-staple-9f1",
  code: "492817",
  token: "vawg_4KpZr8mQ2wXy7Lb3",
  authorization: "Bearer vawg_9sdfj3kLmZq",
  cookie: "authjs.session-token=eyJhbGciOiJkaXIi",
  secret: "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD",
  totp: "JBSWY3DPEHPK3PXP",
  session: "s3ss10n-1d-b7c9e2",
  context: "She said her brother threatened her at the flat on Tuesday",
} as const;

describe("structured logs", () => {
  it.each(Object.entries(SECRETS))("redact the value of a %s key and never write it", (key, value) => {
    const { logger, text, entries } = capture();
    logger.info({ [key]: value, outcome: "kept" }, "Something happened");
    expect(entries()).toEqual([expect.objectContaining({ [key]: REDACTED, outcome: "kept", msg: "Something happened", level: "info" })]);
    expect(text()).not.toContain(value);
  });

  it("redact sensitive keys however deep and however spelt, in objects, arrays and headers", () => {
    const { logger, text, entries } = capture();
    logger.warn(
      {
        user: { id: "u-1", passwordHash: "$argon2id$v=19$m=19456", recoveryCodes: ["ab12-cd34"], totpSecret: "GEZDGNBVGY3TQOJQ" },
        request: { headers: new Headers({ authorization: "Bearer vawg_nested", cookie: "a=b", "x-api-token": "vawg_header" }) },
        disclosures: [{ id: "d-1", context: "free text about the victim" }],
        sessionId: "abc-session",
      },
      "Nested",
    );
    const [entry] = entries();
    expect(entry).toMatchObject({
      user: { id: "u-1", passwordHash: REDACTED, recoveryCodes: REDACTED, totpSecret: REDACTED },
      request: { headers: { authorization: REDACTED, cookie: REDACTED, "x-api-token": REDACTED } },
      disclosures: [{ id: "d-1", context: REDACTED }],
      sessionId: REDACTED,
    });
    for (const value of ["$argon2id$", "ab12-cd34", "GEZDGNBVGY3TQOJQ", "vawg_nested", "vawg_header", "free text about", "abc-session"]) {
      expect(text()).not.toContain(value);
    }
  });

  it("write an error's message and stack but not the query parameters it carries", () => {
    const { logger, text, entries } = capture();
    const error = Object.assign(new Error("insert failed"), { params: ["victim free text", "$argon2id$hash"] });
    logger.error({ reference: "ab12cd34", err: error }, "Unexpected API error");
    const [entry] = entries();
    expect(entry).toMatchObject({ reference: "ab12cd34", err: { type: "Error", message: "insert failed", params: REDACTED }, level: "error" });
    expect(String((entry!.err as { stack: string }).stack)).toMatch(/^Error: insert failed\n\s+at /);
    expect(text()).not.toContain("victim free text");
  });

  it("keep ordinary fields as they are", () => {
    expect(["reference", "path", "method", "status", "organisationId", "job", "summary", "outcome"].filter(isSensitiveKey)).toEqual([]);
    expect(["password", "newPassword", "code", "recoveryCode", "apiToken", "Authorization", "set-cookie", "clientSecret", "totp", "sessionToken", "context", "params"].filter((key) => !isSensitiveKey(key))).toEqual([]);
  });
});
