import { generateSync } from "otplib";
import { describe, expect, it } from "vitest";
import { base32Decode } from "@/lib/auth/totp";
import { DEMO_DEFAULTS, parseEnv } from "@/lib/env";
import { DemoCodeRefusedError, demoCodeReport } from "./demo-code-report";

const AT = new Date("2026-11-02T10:15:47Z");

describe("demo:code", () => {
  it("prints the code otplib gives for the demo secret at that moment, and how long it stays current", () => {
    const expected = generateSync({
      strategy: "totp",
      secret: base32Decode(DEMO_DEFAULTS.DEMO_TOTP_SECRET),
      epoch: AT.getTime() / 1000,
      period: 30,
      digits: 6,
      algorithm: "sha1",
    });
    expect(expected).toMatch(/^\d{6}$/);
    expect(demoCodeReport("development", () => parseEnv({ NODE_ENV: "development" }), AT)).toBe(
      `${expected}  (security code for the demo accounts; current for 13 more seconds)`,
    );
  });

  it("uses DEMO_TOTP_SECRET when it is set", () => {
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const expected = generateSync({ strategy: "totp", secret: base32Decode(secret), epoch: AT.getTime() / 1000, period: 30, digits: 6, algorithm: "sha1" });
    expect(demoCodeReport("development", () => parseEnv({ NODE_ENV: "development", DEMO_TOTP_SECRET: secret }), AT)).toMatch(new RegExp(`^${expected} `));
  });

  it("refuses with NODE_ENV=production, saying why, before reading any other setting", () => {
    let read = false;
    const run = () =>
      demoCodeReport("production", () => {
        read = true;
        return { DEMO_TOTP_SECRET: DEMO_DEFAULTS.DEMO_TOTP_SECRET };
      }, AT);
    expect(run).toThrow(DemoCodeRefusedError);
    expect(run).toThrow("demo:code refuses to run with NODE_ENV=production");
    expect(read).toBe(false);
  });
});
