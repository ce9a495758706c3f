import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkPassword, PASSWORD_REASONS } from "./password-policy";

const refused = (reason: string) => ({ ok: false, reason });

describe("checkPassword length", () => {
  it("refuses 11 characters and accepts 12", () => {
    expect(checkPassword("tdk7vnq2hwm")).toEqual(refused(PASSWORD_REASONS.tooShort));
    expect(checkPassword("tdk7vnq2hwmz")).toEqual({ ok: true });
  });

  it("accepts 128 characters and refuses 129", () => {
    const base = "river kettle ".repeat(10).slice(0, 127);
    expect(checkPassword(`${base}x`)).toEqual({ ok: true });
    expect(checkPassword(`${base}xy`)).toEqual(refused(PASSWORD_REASONS.tooLong));
  });

  it("counts a multi-byte character once", () => {
    // "ü" is two UTF-8 bytes and "𝄞" two UTF-16 code units; each is one character.
    expect(checkPassword("grün𝄞wald7kq")).toEqual({ ok: true });
    expect(checkPassword("grün𝄞wald7k")).toEqual(refused(PASSWORD_REASONS.tooShort));
    expect(checkPassword(`${"𝄞a".repeat(64)}`)).toEqual({ ok: true });
    expect(checkPassword(`${"𝄞a".repeat(64)}b`)).toEqual(refused(PASSWORD_REASONS.tooLong));
  });

  it("counts a decomposed accent with its letter after NFC normalisation", () => {
    expect([..."cafe\u0301tdk7vnq2"]).toHaveLength(13);
    expect(checkPassword("cafe\u0301tdk7vnq2")).toEqual({ ok: true });
    // 12 code points as typed, 11 once "e" and the combining accent become "é".
    expect(checkPassword("cafe\u0301tdk7vnq")).toEqual(refused(PASSWORD_REASONS.tooShort));
  });

  it("asks for no particular kinds of character", () => {
    expect(checkPassword("all lower case words here")).toEqual({ ok: true });
    expect(checkPassword("851 097 326 447")).toEqual({ ok: true });
  });
});

describe("checkPassword common passwords", () => {
  it.each(["qwertyuiopasdfghjkl", "1q2w3e4r5t6y7u8i", "passwordpassword", "1qaz2wsx3edc4rfv", "123qweasdzxc"])(
    "refuses %j in lower, upper and mixed case",
    (password) => {
      for (const variant of [password, password.toUpperCase(), password[0]!.toUpperCase() + password.slice(1)]) {
        expect(checkPassword(variant)).toEqual(refused(PASSWORD_REASONS.common));
      }
    },
  );

  it.each(["Password123456", "iloveyou123456", "Sunshine!!!!2024", "baseball12345", "1234football!!"])(
    "refuses %j, a common password padded with digits or symbols",
    (password) => {
      expect(checkPassword(password)).toEqual(refused(PASSWORD_REASONS.common));
    },
  );

  it("accepts a random passphrase", () => {
    expect(checkPassword("marble orbit tangerine lattice")).toEqual({ ok: true });
  });

  it("accepts a common word as part of a longer passphrase", () => {
    expect(checkPassword("football under the viaduct")).toEqual({ ok: true });
  });
});

describe("checkPassword repeated characters", () => {
  it.each(["aaaaaaaaaaaa", "111111111111111", "            ", "éééééééééééé"])("refuses %j", (password) => {
    expect(checkPassword(password)).toEqual(refused(PASSWORD_REASONS.repeated));
  });
});

describe("checkPassword service words", () => {
  it.each(["Vawg2026202620", "vawgportal2026", "PORTAL-1234567", "V@wgP0rt@l-2026", "!!police999999", "partner 0000 0000"])(
    "refuses %j, service words padded with digits or symbols",
    (password) => {
      expect(checkPassword(password)).toEqual(refused(PASSWORD_REASONS.serviceWord));
    },
  );

  it("accepts a service word inside a longer passphrase", () => {
    expect(checkPassword("my portal has a blue door")).toEqual({ ok: true });
  });
});

describe("checkPassword personal details", () => {
  const context = { email: "Jane.Smith+vawg@police.example", displayName: "Jane Smith" };

  it.each(["xxjane.smithxx42", "JANE.SMITH.2026", "my janesmith passphrase", "jane_smith rides bikes"])(
    "refuses %j, which contains the e-mail local part",
    (password) => {
      expect(checkPassword(password, context)).toEqual(refused(PASSWORD_REASONS.email));
    },
  );

  it.each(["SmithJane2026!!", "jane jane 1990!", "Sm1th 12345678"])("refuses %j, which is only the person's name and padding", (password) => {
    expect(checkPassword(password, context)).toEqual(refused(PASSWORD_REASONS.name));
  });

  it("accepts a passphrase that merely mentions the person's name", () => {
    expect(checkPassword("jane walks to the lighthouse", context)).toEqual({ ok: true });
  });

  it("ignores local parts too short to mean anything", () => {
    expect(checkPassword("a quiet evening by the sea", { email: "a@police.example" })).toEqual({ ok: true });
  });
});

describe("common-passwords.txt", () => {
  const lines = readFileSync("lib/auth/data/common-passwords.txt", "utf8").split("\n");

  it("is lower-case, deduplicated, sorted, 8 characters or longer, one per line", () => {
    expect(lines.pop()).toBe("");
    expect(lines.length).toBeGreaterThan(10_000);
    expect(new Set(lines).size).toBe(lines.length);
    expect([...lines].sort()).toEqual(lines);
    for (const line of lines) {
      expect(line).toBe(line.trim().toLowerCase().normalize("NFC"));
      expect([...line].length).toBeGreaterThanOrEqual(8);
    }
  });
});
