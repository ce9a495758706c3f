import { type HashAlgorithm, ScureBase32Plugin, generateSecret, generateSync, generateURI, verifySync } from "otplib";

// Time-based one-time codes (RFC 6238 over RFC 4226 HOTP), computed by otplib. This module fixes the
// portal's parameters and input rules around it. Replay protection lives in the database: the caller
// stores the step verifyTotp returns and atomically refuses the same or an earlier step for that user.

export type OtpAlgorithm = "SHA1" | "SHA256" | "SHA512";

export interface HotpOptions {
  digits: number;
  algorithm: OtpAlgorithm;
}

export interface TotpOptions extends HotpOptions {
  period: number;
}

/** What the portal issues and what authenticator apps assume when the URI says nothing. */
const TOTP_DEFAULTS: TotpOptions = { digits: 6, algorithm: "SHA1", period: 30 };

const OTPLIB_ALGORITHMS: Record<OtpAlgorithm, HashAlgorithm> = { SHA1: "sha1", SHA256: "sha256", SHA512: "sha512" };
// RFC 4226 section 4 requires at least 128 bits of shared secret.
const MIN_SECRET_BYTES = 16;
const SECRET_BYTES = 20;
const MAX_WINDOW = 10;

const base32 = new ScureBase32Plugin();

/** 160 random bits, base32 without padding: what the enrolment QR code carries. */
export function generateTotpSecret(): string {
  return generateSecret({ length: SECRET_BYTES });
}

/** RFC 4648 base32 in upper case, without padding. */
export function base32Encode(bytes: Uint8Array): string {
  return base32.encode(bytes);
}

/** Accepts what people type or paste: any case, spaces between groups, trailing padding or none. */
export function base32Decode(input: string): Uint8Array {
  return base32.decode(input.replace(/ /g, "").replace(/=+$/, ""));
}

export function hotp(secretBytes: Uint8Array, counter: number, { digits, algorithm }: HotpOptions): string {
  // otplib truncates to any length; codes shorter than 6 or longer than 10 digits are not HOTP codes.
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) throw new Error("HOTP digits must be 6 to 10.");
  return generateSync({ strategy: "hotp", secret: secretBytes, counter, digits, algorithm: OTPLIB_ALGORITHMS[algorithm] });
}

export function totpStep(time: Date, period = TOTP_DEFAULTS.period): number {
  const milliseconds = time.getTime();
  if (!Number.isFinite(milliseconds) || milliseconds < 0) throw new Error("TOTP time must be a valid date after 1970.");
  if (!Number.isInteger(period) || period <= 0) throw new Error("TOTP period must be a positive integer.");
  return Math.floor(Math.floor(milliseconds / 1000) / period);
}

/** The code for `time`; the secret is raw bytes (decode a stored base32 secret first). */
export function totpCode(secret: Uint8Array, time: Date, options: Partial<TotpOptions> = {}): string {
  const { period, digits, algorithm } = { ...TOTP_DEFAULTS, ...options };
  return hotp(secret, totpStep(time, period), { digits, algorithm });
}

export type TotpVerification = { valid: true; step: number } | { valid: false };

/**
 * Accepts a 6-digit SHA-1 code for the current 30 s step ±window and says which step it matched.
 * Every candidate step is checked (otplib compares in constant time) and none returns early, so
 * timing does not tell which step was close.
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

  const token = code.replace(/ /g, "");
  if (!/^[0-9]{6}$/.test(token)) return { valid: false };

  const { period, digits, algorithm } = TOTP_DEFAULTS;
  const current = totpStep(now, period);
  let matched: number | undefined;
  for (let step = Math.max(0, current - window); step <= current + window; step++) {
    const result = verifySync({ secret, token, epoch: step * period, period, digits, algorithm: OTPLIB_ALGORITHMS[algorithm] });
    // The latest matching step wins, so a stored step is never lower than the code deserves.
    if (result.valid) matched = step;
  }
  return matched === undefined ? { valid: false } : { valid: true, step: matched };
}

export function otpauthUri({ secret, accountName, issuer }: { secret: string; accountName: string; issuer: string }): string {
  // Key URI format: the label's issuer and account are separated by a colon, so neither may hold one.
  if (issuer.includes(":") || accountName.includes(":")) throw new Error("Issuer and account name may not contain a colon.");
  if (issuer.trim() === "" || accountName.trim() === "") throw new Error("Issuer and account name are required.");
  const uri = generateURI({ issuer, label: accountName, secret: base32Encode(base32Decode(secret)) });
  // otplib leaves out parameters equal to the Key URI defaults; the portal states all three, so an
  // app that assumes other defaults still agrees with the server.
  const { algorithm, digits, period } = TOTP_DEFAULTS;
  return `${uri}&algorithm=${algorithm}&digits=${digits}&period=${period}`;
}
