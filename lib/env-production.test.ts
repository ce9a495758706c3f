import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const STRONG = {
  AUTH_SECRET: randomBytes(32).toString("base64"),
  PARTNER_REFERENCE_SECRET: randomBytes(32).toString("hex"),
  SECRETS_KEY: randomBytes(32).toString("base64"),
  PORTAL_URL: "https://vawg-portal.example",
};

function production(overrides: Record<string, string>) {
  return () => parseEnv({ NODE_ENV: "production", ...STRONG, ...overrides });
}

/** Every secret or password `.env.example` publishes, commented out or not. */
async function exampleSecrets(): Promise<string[]> {
  const text = await readFile(new URL("../.env.example", import.meta.url), "utf8");
  return [...text.matchAll(/^#?\s*[A-Z_]*(?:SECRET|PASSWORD|KEY)[A-Z_]*=(.+)$/gm)].map((match) => match[1]!.trim());
}

describe("parseEnv in production", () => {
  it("accepts random secrets as openssl prints them, and an https PORTAL_URL", () => {
    expect(production({})()).toMatchObject({ NODE_ENV: "production", PORTAL_URL: "https://vawg-portal.example" });
  });

  it("accepts any random secret, in base64 or hex (a thousand tries)", () => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const bytes = randomBytes(32);
      expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: bytes.toString("base64"), PARTNER_REFERENCE_SECRET: bytes.toString("hex"), SECRETS_KEY: bytes.toString("base64") })).not.toThrow();
    }
  });

  it.each([
    ["32 spaces", " ".repeat(32)],
    ["one character repeated", "x".repeat(48)],
    ["two characters alternating", "ab".repeat(24)],
    ["a short alphabet", "01234567".repeat(3) + "76543210".repeat(3)],
    ["a sentence with spaces", "this is my very secret session key ok"],
    ["a keyboard run repeated", "qwertyuiop".repeat(4)],
    ["a word repeated", "password1234567890".repeat(2)],
    ["the ten digits repeated", "0123456789".repeat(4)],
  ])("refuses an AUTH_SECRET that is guessable (%s), naming it without echoing it", (_name, value) => {
    const refuse = production({ AUTH_SECRET: value });
    expect(refuse).toThrow(EnvError);
    expect(refuse).toThrow(/^Invalid configuration: AUTH_SECRET is too easy to guess[^\n]*openssl rand -base64 32/);
    if (value.trim()) expect(refuse).not.toThrow(value);
  });

  it("refuses the development stand-in and every value .env.example publishes, as any secret", async () => {
    const published = [...(await exampleSecrets()), "development-only-secret-never-used-in-production"];
    expect(published.length).toBe(3);
    for (const value of published) {
      expect(production({ AUTH_SECRET: value })).toThrow(/AUTH_SECRET (is a published development value|is too easy to guess)/);
      expect(production({ PARTNER_REFERENCE_SECRET: value })).toThrow(
        /PARTNER_REFERENCE_SECRET (is a published development value|is too easy to guess)/,
      );
    }
    expect(production({ AUTH_SECRET: "development-only-secret-never-used-in-production" })).toThrow(
      /AUTH_SECRET is a published development value/,
    );
  });

  it("refuses a guessable PARTNER_REFERENCE_SECRET", () => {
    expect(production({ PARTNER_REFERENCE_SECRET: "-".repeat(40) })).toThrow(/PARTNER_REFERENCE_SECRET is too easy to guess/);
  });

  it("refuses the development SECRETS_KEY and a key of repeated bytes", () => {
    expect(production({ SECRETS_KEY: "ZGV2ZWxvcG1lbnQtb25seS1rZXktbmV2ZXItcHJvZC0=" })).toThrow(
      /SECRETS_KEY is a published development value/,
    );
    expect(production({ SECRETS_KEY: Buffer.alloc(32).toString("base64") })).toThrow(/SECRETS_KEY is too easy to guess/);
    expect(production({ SECRETS_KEY: Buffer.alloc(32, "ab").toString("base64") })).toThrow(/SECRETS_KEY is too easy to guess/);
  });

  it("refuses to start without SECRETS_KEY, which seals authenticator secrets", () => {
    const { SECRETS_KEY: _key, ...withoutKey } = STRONG;
    expect(() => parseEnv({ NODE_ENV: "production", ...withoutKey })).toThrow(/SECRETS_KEY must be set in production: authenticator and single sign-on secrets/);
  });

  it("refuses a PORTAL_URL over plain http, so that session cookies are always Secure", () => {
    expect(production({ PORTAL_URL: "http://vawg-portal.example" })).toThrow(/^Invalid configuration: PORTAL_URL must be https in production/);
  });

  it("lets a production build be tried on this machine over http on loopback only", () => {
    expect(production({ PORTAL_URL: "http://127.0.0.1:3000" })().PORTAL_URL).toBe("http://127.0.0.1:3000");
    expect(production({ PORTAL_URL: "http://localhost:3000" })().PORTAL_URL).toBe("http://localhost:3000");
  });

  it("names every problem at once", () => {
    expect(production({ AUTH_SECRET: " ".repeat(32), PORTAL_URL: "http://vawg-portal.example" })).toThrow(
      /AUTH_SECRET is too easy to guess.*; PORTAL_URL must be https/,
    );
  });

  it("leaves development and tests free to use stand-ins", () => {
    expect(parseEnv({ NODE_ENV: "development", AUTH_SECRET: " ".repeat(32), PORTAL_URL: "http://vawg-portal.example" }).AUTH_SECRET).toBe(
      " ".repeat(32),
    );
  });
});
