import { describe, expect, it } from "vitest";
import { DEMO_DEFAULTS, EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("uses the embedded database and the demo defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DATA_DIR).toBe(".data/pglite");
    expect(env.NODE_ENV).toBe("development");
    expect(env.DEMO_PASSWORD).toBe(DEMO_DEFAULTS.DEMO_PASSWORD);
    expect(env.DEMO_TOTP_SECRET).toBe(DEMO_DEFAULTS.DEMO_TOTP_SECRET);
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseEnv({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("accepts postgres and postgresql URLs", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://app@127.0.0.1:5432/vawg" }).DATABASE_URL).toBe(
      "postgres://app@127.0.0.1:5432/vawg",
    );
    expect(parseEnv({ DATABASE_URL: "postgresql://db.internal/vawg" }).DATABASE_URL).toBe("postgresql://db.internal/vawg");
  });

  it.each(["not a url", "mysql://localhost/vawg", "http://localhost:5432/vawg", "postgres://"])(
    "refuses the malformed DATABASE_URL %j with one line naming the variable",
    (value) => {
      expect(() => parseEnv({ DATABASE_URL: value })).toThrow(EnvError);
      expect(() => parseEnv({ DATABASE_URL: value })).toThrow(/^Invalid configuration: DATABASE_URL must be a URL/);
    },
  );

  it("never echoes the value it refuses, which may hold a password", () => {
    const refuse = () => parseEnv({ DATABASE_URL: "postgres-but-wrong://admin:hunter2-secret@db/vawg" });
    // One line (no newline anywhere in the message), naming the variable, without the value.
    expect(refuse).toThrow(/^Invalid configuration: DATABASE_URL must be a URL[^\n]*$/);
    expect(refuse).not.toThrow(/hunter2/);
  });

  it("takes the migration owner's DATABASE_MIGRATION_URL apart from the app's DATABASE_URL, unset when empty", () => {
    const env = parseEnv({ DATABASE_URL: "postgres://vawg_app:a@db/vawg", DATABASE_MIGRATION_URL: "postgres://vawg_owner:b@db/vawg" });
    expect(env.DATABASE_MIGRATION_URL).toBe("postgres://vawg_owner:b@db/vawg");
    expect(parseEnv({ DATABASE_MIGRATION_URL: "" }).DATABASE_MIGRATION_URL).toBeUndefined();
    expect(() => parseEnv({ DATABASE_MIGRATION_URL: "mysql://owner:secret@db/vawg" })).toThrow(
      /^Invalid configuration: DATABASE_MIGRATION_URL must be a URL/,
    );
  });

  it("refuses a demo password shorter than 12 characters", () => {
    expect(() => parseEnv({ DEMO_PASSWORD: "short" })).toThrow(/DEMO_PASSWORD must be 12 to 128 characters/);
  });

  it("normalises a TOTP secret written in lower case with spaces, and refuses one that is not base32", () => {
    expect(parseEnv({ DEMO_TOTP_SECRET: "kvkf krcp nzqu ymlx ovyd sqkj kzdt srld" }).DEMO_TOTP_SECRET).toBe(
      "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD",
    );
    expect(() => parseEnv({ DEMO_TOTP_SECRET: "KVKFKRCPNZQUYMLX" })).toThrow(/at least 26 base32 characters/);
    expect(() => parseEnv({ DEMO_TOTP_SECRET: "NOT-BASE32-0189!" })).toThrow(/DEMO_TOTP_SECRET must be base32/);
  });

  it("refuses an unknown NODE_ENV and a pool size out of range, naming both", () => {
    expect(() => parseEnv({ NODE_ENV: "staging", DATABASE_POOL_MAX: "0" })).toThrow(/NODE_ENV.*; DATABASE_POOL_MAX/);
  });
});

describe(".env.example", () => {
  it("documents the same demo defaults the portal uses when nothing is set", async () => {
    const { readFileSync } = await import("node:fs");
    const example = readFileSync(".env.example", "utf8");
    const documented = Object.fromEntries(
      [...example.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((match) => [match[1], match[2]]),
    );
    expect(documented.DEMO_PASSWORD).toBe(DEMO_DEFAULTS.DEMO_PASSWORD);
    expect(documented.DEMO_TOTP_SECRET).toBe(DEMO_DEFAULTS.DEMO_TOTP_SECRET);
    expect(parseEnv(documented)).toEqual(parseEnv({}));
  });
});
