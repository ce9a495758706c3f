import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// RFC 6238 TOTP over RFC 4226 HOTP. Replay protection lives in the database: the caller stores the
// step verifyTotp returns and atomically refuses the same or an earlier step for that user.

export type OtpAlgorithm = "SHA1" | "SHA256" | "SHA512";

export interface HotpOptions {
  digits: number;
  algorithm: OtpAlgorithm;
}

export interface TotpOptions extends HotpOptions {
  period: number;
}

/** What the portal issues and what authenticator apps assume when the URI says nothing. */
export const TOTP_DEFAULTS: TotpOptions = { digits: 6, algorithm: "SHA1", period: 30 };

const BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HMAC_NAMES: Record<OtpAlgorithm, string> = { SHA1: "sha1", SHA256: "sha256", SHA512: "sha512" };
// RFC 4226 section 4 requires at least 128 bits of shared secret.
const MIN_SECRET_BYTES = 16;
const MAX_WINDOW = 10;

export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function base32Encode(bytes: Uint8Array): string {
  let output = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      output += BASE32_ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return output;
}

export function base32Decode(input: string): Uint8Array {
  const text = input.replace(/ /g, "").toUpperCase().replace(/=+$/, "");
  // 1, 3 or 6 trailing characters cannot come from whole bytes.
  if ([1, 3, 6].includes(text.length % 8)) throw new Error("Invalid base32 length.");
  const output = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const character of text) {
    const value = BASE32_ALPHABET.indexOf(character);
    if (value === -1) throw new Error("Invalid base32 character.");
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      output[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return output;
}

export function hotp(secretBytes: Uint8Array, counter: number, { digits, algorithm }: HotpOptions): string {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new Error("HOTP counter must be a non-negative integer.");
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) throw new Error("HOTP digits must be 6 to 10.");
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(HMAC_NAMES[algorithm], secretBytes).update(message).digest();
  return String(dynamicTruncate(mac) % 10 ** digits).padStart(digits, "0");
}

/** RFC 4226 section 5.3: 31 bits read at the offset named by the last nibble. */
function dynamicTruncate(mac: Buffer): number {
  const offset = mac[mac.length - 1]! & 0x0f;
  return mac.readUInt32BE(offset) & 0x7fffffff;
}

export function totpStep(time: Date, period = TOTP_DEFAULTS.period): number {
  const milliseconds = time.getTime();
  if (!Number.isFinite(milliseconds) || milliseconds < 0) throw new Error("TOTP time must be a valid date after 1970.");
  if (!Number.isInteger(period) || period <= 0) throw new Error("TOTP period must be a positive integer.");
  return Math.floor(Math.floor(milliseconds / 1000) / period);
}

/** The code for `time`; the secret is raw bytes (decode a stored base32 secret first). */
export function totpCode(secret: Uint8Array, time: Date, options: Partial<TotpOptions> = {}): string {
  const { period, ...hotpOptions } = { ...TOTP_DEFAULTS, ...options };
  return hotp(secret, totpStep(time, period), hotpOptions);
}

export type TotpVerification = { valid: true; step: number } | { valid: false };

/**
 * Accepts a 6-digit SHA-1 code for the current 30 s step ±window. Every candidate step is compared
 * in constant time and none returns early, so timing does not tell which step was close.
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  now: Date,
  { window = 1 }: { window?: number } = {},
): TotpVerification {
  if (!Number.isInteger(window) || window < 0 || window > MAX_WINDOW) throw new Error("TOTP window must be 0 to 10.");
  const secret = base32Decode(secretBase32);
  if (secret.length < MIN_SECRET_BYTES) throw new Error("TOTP secret must be at least 128 bits.");

  const candidate = code.replace(/ /g, "");
  if (!/^[0-9]{6}$/.test(candidate)) return { valid: false };
  const given = Buffer.from(candidate, "ascii");

  const current = totpStep(now, TOTP_DEFAULTS.period);
  let matched: number | undefined;
  for (let step = Math.max(0, current - window); step <= current + window; step++) {
    const expected = Buffer.from(hotp(secret, step, TOTP_DEFAULTS), "ascii");
    // The latest matching step wins, so a stored step is never lower than the code deserves.
    if (timingSafeEqual(expected, given)) matched = step;
  }
  return matched === undefined ? { valid: false } : { valid: true, step: matched };
}

export function otpauthUri({ secret, accountName, issuer }: { secret: string; accountName: string; issuer: string }): string {
  // Key URI format: the label's issuer and account are separated by a colon, so neither may hold one.
  if (issuer.includes(":") || accountName.includes(":")) throw new Error("Issuer and account name may not contain a colon.");
  if (issuer.trim() === "" || accountName.trim() === "") throw new Error("Issuer and account name are required.");
  const canonicalSecret = base32Encode(base32Decode(secret));
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const parameters: [string, string][] = [
    ["secret", canonicalSecret],
    ["issuer", issuer],
    ["algorithm", TOTP_DEFAULTS.algorithm],
    ["digits", String(TOTP_DEFAULTS.digits)],
    ["period", String(TOTP_DEFAULTS.period)],
  ];
  const query = parameters.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join("&");
  return `otpauth://totp/${label}?${query}`;
}
