import { describe, expect, it } from "vitest";
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  hotp,
  type OtpAlgorithm,
  otpauthUri,
  totpCode,
  totpStep,
  verifyTotp,
} from "./totp";

const ascii = (text: string) => new Uint8Array(Buffer.from(text, "ascii"));

// RFC 6238 Appendix B: each algorithm has its own seed, "1234567890" repeated to the hash's length.
const RFC6238_SEEDS: Record<OtpAlgorithm, Uint8Array> = {
  SHA1: ascii("12345678901234567890"),
  SHA256: ascii("12345678901234567890123456789012"),
  SHA512: ascii("1234567890123456789012345678901234567890123456789012345678901234"),
};

const RFC6238_VECTORS: [seconds: number, algorithm: OtpAlgorithm, step: number, code: string][] = [
  [59, "SHA1", 0x1, "94287082"],
  [59, "SHA256", 0x1, "46119246"],
  [59, "SHA512", 0x1, "90693936"],
  [1111111109, "SHA1", 0x23523ec, "07081804"],
  [1111111109, "SHA256", 0x23523ec, "68084774"],
  [1111111109, "SHA512", 0x23523ec, "25091201"],
  [1111111111, "SHA1", 0x23523ed, "14050471"],
  [1111111111, "SHA256", 0x23523ed, "67062674"],
  [1111111111, "SHA512", 0x23523ed, "99943326"],
  [1234567890, "SHA1", 0x273ef07, "89005924"],
  [1234567890, "SHA256", 0x273ef07, "91819424"],
  [1234567890, "SHA512", 0x273ef07, "93441116"],
  [2000000000, "SHA1", 0x3f940aa, "69279037"],
  [2000000000, "SHA256", 0x3f940aa, "90698825"],
  [2000000000, "SHA512", 0x3f940aa, "38618901"],
  [20000000000, "SHA1", 0x27bc86aa, "65353130"],
  [20000000000, "SHA256", 0x27bc86aa, "77737706"],
  [20000000000, "SHA512", 0x27bc86aa, "47863826"],
];

// RFC 4226 Appendix D: counter, truncated 31-bit value, 6-digit HOTP.
const RFC4226_VECTORS: [counter: number, truncated: string, code: string][] = [
  [0, "1284755224", "755224"],
  [1, "1094287082", "287082"],
  [2, "0137359152", "359152"],
  [3, "1726969429", "969429"],
  [4, "1640338314", "338314"],
  [5, "0868254676", "254676"],
  [6, "1918287922", "287922"],
  [7, "0082162583", "162583"],
  [8, "0673399871", "399871"],
  [9, "0645520489", "520489"],
];

/** Mulberry32: a small seeded generator, so the "random" cases are the same on every run. */
function seededBytes(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return (length: number) => Uint8Array.from({ length }, () => Math.floor(next() * 256));
}

describe("RFC 6238 test vectors", () => {
  it.each(RFC6238_VECTORS)("gives the appendix B code at %i s with %s", (seconds, algorithm, step, code) => {
    const time = new Date(seconds * 1000);
    expect(totpStep(time)).toBe(step);
    expect(totpCode(RFC6238_SEEDS[algorithm], time, { algorithm, digits: 8 })).toBe(code);
  });
});

describe("RFC 4226 test vectors", () => {
  it.each(RFC4226_VECTORS)("gives the appendix D values for counter %i", (counter, truncated, code) => {
    const secret = ascii("12345678901234567890");
    expect(hotp(secret, counter, { digits: 6, algorithm: "SHA1" })).toBe(code);
    // The truncated value is below 2^31, so ten digits show it whole.
    expect(hotp(secret, counter, { digits: 10, algorithm: "SHA1" })).toBe(truncated);
  });

  it("refuses negative or fractional counters and unsupported lengths", () => {
    const secret = ascii("12345678901234567890");
    // otplib's own refusals.
    expect(() => hotp(secret, -1, { digits: 6, algorithm: "SHA1" })).toThrow("Counter must be non-negative");
    expect(() => hotp(secret, 1.5, { digits: 6, algorithm: "SHA1" })).toThrow("Counter must be a finite integer");
    expect(() => hotp(secret, 1, { digits: 5, algorithm: "SHA1" })).toThrow("HOTP digits must be 6 to 10.");
    expect(() => hotp(secret, 1, { digits: 11, algorithm: "SHA1" })).toThrow("HOTP digits must be 6 to 10.");
  });
});

describe("totpStep", () => {
  it("counts whole periods since the epoch", () => {
    expect(totpStep(new Date(0))).toBe(0);
    expect(totpStep(new Date(29_999))).toBe(0);
    expect(totpStep(new Date(30_000))).toBe(1);
    expect(totpStep(new Date(59_999), 60)).toBe(0);
  });

  it("refuses invalid dates, times before 1970 and bad periods", () => {
    expect(() => totpStep(new Date(Number.NaN))).toThrow("TOTP time must be a valid date after 1970.");
    expect(() => totpStep(new Date(-1000))).toThrow("TOTP time must be a valid date after 1970.");
    expect(() => totpStep(new Date(0), 0)).toThrow("TOTP period must be a positive integer.");
  });
});

describe("verifyTotp", () => {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const now = new Date("2026-03-01T12:00:10Z");
  const codeAt = (offsetSeconds: number) => totpCode(base32Decode(secret), new Date(now.getTime() + offsetSeconds * 1000));

  it("accepts the current code and returns its step", () => {
    expect(verifyTotp(secret, codeAt(0), now)).toEqual({ valid: true, step: totpStep(now) });
  });

  it("accepts the previous and the next step, returning the step the code belongs to", () => {
    expect(verifyTotp(secret, codeAt(-30), now)).toEqual({ valid: true, step: totpStep(now) - 1 });
    expect(verifyTotp(secret, codeAt(30), now)).toEqual({ valid: true, step: totpStep(now) + 1 });
  });

  it("refuses codes two steps away", () => {
    expect(codeAt(-60)).not.toBe(codeAt(0));
    expect(verifyTotp(secret, codeAt(-60), now)).toEqual({ valid: false });
    expect(verifyTotp(secret, codeAt(60), now)).toEqual({ valid: false });
  });

  it("accepts only the current step with a window of 0", () => {
    expect(verifyTotp(secret, codeAt(0), now, { window: 0 }).valid).toBe(true);
    expect(verifyTotp(secret, codeAt(-30), now, { window: 0 }).valid).toBe(false);
    expect(verifyTotp(secret, codeAt(30), now, { window: 0 }).valid).toBe(false);
  });

  it("accepts a code typed with spaces around or in the middle", () => {
    const code = codeAt(0);
    expect(verifyTotp(secret, ` ${code} `, now).valid).toBe(true);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now).valid).toBe(true);
  });

  it("accepts a lower-case secret with spaces", () => {
    const spaced = secret.toLowerCase().replace(/(.{4})/g, "$1 ");
    expect(verifyTotp(spaced, codeAt(0), now).valid).toBe(true);
  });

  it.each(["", "12345", "1234567", "12345a", "abcdef", "+12345", "-12345", "12345.", "1e5000", "０１２３４５", "123\n456", "12345678"])(
    "refuses the malformed code %j",
    (code) => {
      expect(verifyTotp(secret, code, now)).toEqual({ valid: false });
    },
  );

  it("refuses the current code in its 8-digit form", () => {
    expect(verifyTotp(secret, totpCode(base32Decode(secret), now, { digits: 8 }), now)).toEqual({ valid: false });
  });

  it("refuses a code made with another secret", () => {
    const other = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    for (const offset of [-30, 0, 30]) {
      expect(codeAt(0)).not.toBe(totpCode(base32Decode(other), new Date(now.getTime() + offset * 1000)));
    }
    expect(verifyTotp(other, codeAt(0), now)).toEqual({ valid: false });
  });

  it("refuses secrets shorter than 128 bits and unreasonable windows", () => {
    expect(() => verifyTotp("JBSWY3DPEHPK3PXP", "123456", now)).toThrow("TOTP secret must be at least 128 bits.");
    expect(() => verifyTotp(secret, "123456", now, { window: -1 })).toThrow("TOTP window must be 0 to 10.");
    expect(() => verifyTotp(secret, "123456", now, { window: 11 })).toThrow("TOTP window must be 0 to 10.");
    expect(() => verifyTotp(secret, "123456", now, { window: 0.5 })).toThrow("TOTP window must be 0 to 10.");
  });

  it("refuses a secret that is not base32", () => {
    expect(() => verifyTotp("JBSWY3DPEHPK3PXP!BSWY3DPEHPK3PXP", "123456", now)).toThrow('Invalid Base32 string: Unknown letter "!"');
  });
});

describe("generateTotpSecret", () => {
  it("returns 160 random bits as 32 base32 characters without padding", () => {
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
  });

  it("returns a different secret each time", () => {
    const secrets = new Set(Array.from({ length: 50 }, generateTotpSecret));
    expect(secrets.size).toBe(50);
  });
});

describe("base32", () => {
  it.each([
    ["", ""],
    ["f", "MY"],
    ["fo", "MZXQ"],
    ["foo", "MZXW6"],
    ["foob", "MZXW6YQ"],
    ["fooba", "MZXW6YTB"],
    ["foobar", "MZXW6YTBOI"],
  ])("encodes the RFC 4648 vector %j as %j without padding", (text, encoded) => {
    expect(base32Encode(ascii(text))).toBe(encoded);
    expect(Buffer.from(base32Decode(encoded)).toString("ascii")).toBe(text);
  });

  it("decodes case-insensitively, ignoring spaces and trailing padding", () => {
    expect(Buffer.from(base32Decode("mzxw 6ytb oi======")).toString("ascii")).toBe("foobar");
  });

  it.each(["MZXW6YTB0I", "MZXW1", "MZ-XW", "MZXW6YTB8I", "MZ=XW", "MZXW6YTBÖI"])("refuses the invalid character in %j", (input) => {
    expect(() => base32Decode(input)).toThrow(Error);
  });

  it.each(["M", "MZX", "MZXW6Y"])("refuses %j, a length no whole number of bytes encodes to", (input) => {
    expect(() => base32Decode(input)).toThrow(Error);
  });

  it("round-trips 500 seeded random buffers of 0 to 64 bytes", () => {
    const bytes = seededBytes(6238);
    for (let run = 0; run < 500; run++) {
      const original = bytes(run % 65);
      const encoded = base32Encode(original);
      expect(encoded).toMatch(/^[A-Z2-7]*$/);
      expect(base32Decode(encoded)).toEqual(original);
      expect(base32Decode(encoded.toLowerCase())).toEqual(original);
    }
  });
});

describe("otpauthUri", () => {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  it("builds a key URI with the issuer in label and query and the parameters the portal uses", () => {
    expect(otpauthUri({ secret, accountName: "alice@police.example", issuer: "VAWG Portal" })).toBe(
      "otpauth://totp/VAWG%20Portal:alice%40police.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" +
        "&issuer=VAWG%20Portal&algorithm=SHA1&digits=6&period=30",
    );
  });

  it("encodes characters that would break the URI", () => {
    const uri = new URL(otpauthUri({ secret, accountName: "a&b?c#d/e", issuer: "A&B=C" }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/A&B=C:a&b?c#d/e");
    expect(uri.searchParams.get("issuer")).toBe("A&B=C");
    expect(uri.searchParams.get("secret")).toBe(secret);
    expect(uri.hash).toBe("");
  });

  it("writes the secret in canonical upper-case form", () => {
    expect(otpauthUri({ secret: "jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp", accountName: "a", issuer: "B" })).toContain(`secret=${secret}&`);
  });

  it("refuses colons in the issuer or account name and empty values", () => {
    expect(() => otpauthUri({ secret, accountName: "a:b", issuer: "VAWG" })).toThrow("may not contain a colon");
    expect(() => otpauthUri({ secret, accountName: "a", issuer: "VA:WG" })).toThrow("may not contain a colon");
    expect(() => otpauthUri({ secret, accountName: " ", issuer: "VAWG" })).toThrow("Issuer and account name are required.");
  });
});
