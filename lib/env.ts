import { z } from "zod";
import { OperatorError } from "./operator-error";

/**
 * Every environment variable the portal reads, validated once. Nothing else reads `process.env`.
 * Demo defaults match `.env.example`; they exist so the portal starts on a bare machine, and the
 * seed that uses them refuses to run in production.
 */
export const DEMO_DEFAULTS = {
  DEMO_PASSWORD: "correct-horse-battery-staple-demo",
  DEMO_TOTP_SECRET: "KVKFKRCPNZQUYMLXOVYDSQKJKZDTSRLD",
} as const;

/** A stand-in secret for development and tests only; production refuses to start without AUTH_SECRET. */
const DEVELOPMENT_AUTH_SECRET = "development-only-secret-never-used-in-production";

/** A stand-in key for development and tests only; never used when NODE_ENV=production. */
const DEVELOPMENT_SECRETS_KEY = "ZGV2ZWxvcG1lbnQtb25seS1rZXktbmV2ZXItcHJvZC0=";

/** Secret values anyone can read in this repository; production refuses them. */
const PUBLISHED_VALUES = new Set<string>([DEVELOPMENT_AUTH_SECRET, DEVELOPMENT_SECRETS_KEY, ...Object.values(DEMO_DEFAULTS)]);

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a URL of the form postgres://user:password@host:5432/database");

const base32Secret = z
  .string()
  .trim()
  .transform((value) => value.replace(/\s+/g, "").toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z2-7]+=*$/, "must be base32 (letters A–Z and digits 2–7)")
      .min(26, "must be at least 26 base32 characters (128 bits)"),
  );

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const smtpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a URL of the form smtp://user:password@host:587 or smtps://user:password@host:465");

export const DEFAULT_MAIL_FROM = "VAWG partner portal <no-reply@vawg-portal.example>";

/** An address, optionally with a display name ("Name <address>"), on one line. */
const mailFrom = z
  .string()
  .trim()
  .max(320, "must be at most 320 characters")
  .regex(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, "must be an address such as no-reply@example.org, or Name <no-reply@example.org>");

/** A 256-bit key written in base64 (standard or URL-safe), as `openssl rand -base64 32` prints one. */
const base64Key = z
  .string()
  .trim()
  .refine((value) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && Buffer.from(value, "base64").length === 32, {
    message: "must be 32 random bytes in base64 (openssl rand -base64 32)",
  });

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Set by Next.js while it builds; the database must never be opened then. */
  NEXT_PHASE: z.string().optional(),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  /** The owner role that migrates and seeds (`npm run db:migrate`, `npm run db:seed`); DATABASE_URL when unset. */
  DATABASE_MIGRATION_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  PGLITE_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data/pglite")),
  DEMO_PASSWORD: z.preprocess(
    emptyAsUndefined,
    z.string().min(12, "must be 12 to 128 characters").max(128, "must be 12 to 128 characters").default(DEMO_DEFAULTS.DEMO_PASSWORD),
  ),
  DEMO_TOTP_SECRET: z.preprocess(emptyAsUndefined, base32Secret.default(DEMO_DEFAULTS.DEMO_TOTP_SECRET)),
  SEED_DISCLOSURES_PER_PARTNER: z.coerce.number().int().min(0).max(100_000).default(300),
  /** Keys the HMAC of partners' own references; falls back to a key derived from AUTH_SECRET. */
  PARTNER_REFERENCE_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "must be at least 32 characters").optional()),
  /** Signs and encrypts session cookies. Required in production; development has a fixed stand-in. */
  AUTH_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, "must be at least 32 characters").optional()),
  /**
   * Encrypts secrets the portal stores, such as identity providers' client secrets (AES-256-GCM).
   * Required in production before single sign-on can be configured or used; development has a
   * fixed stand-in. Changing it makes stored secrets unreadable: enter them again.
   */
  SECRETS_KEY: z.preprocess(emptyAsUndefined, base64Key.optional()),
  /**
   * Earlier SECRETS_KEY values, comma-separated, while secrets sealed under them are still stored:
   * they only open; everything is sealed under SECRETS_KEY (docs/security.md#key-rotation).
   */
  SECRETS_KEY_PREVIOUS: z.preprocess(emptyAsUndefined, z.string().transform((value) => value.split(",").map((key) => key.trim()).filter(Boolean)).pipe(z.array(base64Key)).optional()),
  /** The portal's public address; https here makes every cookie Secure. */
  PORTAL_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  /** Reverse proxies in front of the portal whose X-Forwarded-For entries are trusted; 0 trusts none. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /**
   * Mail server for invitations, as smtp://user:password@host:587 (STARTTLS when offered) or
   * smtps://…:465. Unset: nothing is e-mailed and the inviter is shown the link once instead.
   */
  SMTP_URL: z.preprocess(emptyAsUndefined, smtpUrl.optional()),
  /** The sender of the portal's e-mails. */
  MAIL_FROM: z.preprocess(emptyAsUndefined, mailFrom.default(DEFAULT_MAIL_FROM)),
  /**
   * Whether the portal process runs the scheduled jobs itself (docs/architecture.md#scheduled-jobs).
   * "false" when `npm run worker` runs them instead; the embedded database always runs them in-process.
   */
  JOBS_IN_PROCESS: z.preprocess(emptyAsUndefined, z.enum(["true", "false"], { error: 'must be "true" or "false"' }).default("true").transform((value) => value === "true")),
  /** How long, in months after their month, disclosures no data-sharing agreement covers are kept. */
  RETENTION_DEFAULT_MONTHS: z.coerce.number().int().min(1).max(1200).default(84),
  /** API requests a token may make in a minute (docs/security.md#rate-limits). */
  API_RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).max(100_000).default(300),
  /** API requests all of an organisation's tokens together may make in a minute. */
  API_RATE_LIMIT_PER_ORGANISATION: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  /** Record exports (CSV downloads) a person may make in an hour. */
  EXPORT_RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Record exports everyone in an organisation together may make in an hour. */
  EXPORT_RATE_LIMIT_PER_ORGANISATION: z.coerce.number().int().min(1).max(100_000).default(200),
  /** The least important log lines written (pino levels); "silent" writes none. */
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  /** On SIGTERM or SIGINT, how long requests in flight and a running job get to finish before the process stops. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
}).superRefine((env, context) => {
  if (env.NODE_ENV !== "production") return;
  if (!env.AUTH_SECRET) {
    context.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "must be set in production (at least 32 characters)" });
  }
  if (!env.SECRETS_KEY) {
    context.addIssue({ code: "custom", path: ["SECRETS_KEY"], message: "must be set in production: authenticator and single sign-on secrets are sealed with it (32 random bytes, base64)" });
  }
  for (const key of ["AUTH_SECRET", "PARTNER_REFERENCE_SECRET", "SECRETS_KEY"] as const) {
    const value = env[key];
    if (!value) continue;
    const problem = secretProblem(value, key === "SECRETS_KEY" ? Buffer.from(value, "base64") : Buffer.from(value, "utf8"));
    if (problem) context.addIssue({ code: "custom", path: [key], message: problem });
  }
  if (env.PORTAL_URL && !isHttpsOrLoopback(env.PORTAL_URL)) {
    context.addIssue({ code: "custom", path: ["PORTAL_URL"], message: "must be https in production, so that every cookie is Secure" });
  }
});

/**
 * Why a production secret is unfit, or null. Values published in this repository (the
 * development stand-ins, `.env.example`) are known to everyone; a secret with whitespace, fewer
 * than 10 distinct characters (a random hex secret may lack a few of its 16), under 128 bits by a
 * per-character entropy estimate, or a shorter string repeated is guessable (32 spaces and
 * "x" × 32 both pass a length check).
 */
function secretProblem(value: string, bytes: Buffer): string | null {
  if (PUBLISHED_VALUES.has(value.trim())) return "is a published development value: generate a new one with `openssl rand -base64 32`";
  const counts = new Map<number, number>();
  for (const byte of bytes) counts.set(byte, (counts.get(byte) ?? 0) + 1);
  const bitsPerByte = [...counts.values()].reduce((sum, count) => sum - (count / bytes.length) * Math.log2(count / bytes.length), 0);
  if (/\s/.test(value) || counts.size < 10 || bitsPerByte * bytes.length < 128 || isRepetition(bytes)) {
    return "is too easy to guess: use 32 random bytes, such as the output of `openssl rand -base64 32`";
  }
  return null;
}

function isRepetition(bytes: Buffer): boolean {
  for (let period = 1; period <= bytes.length / 2; period++) {
    if (bytes.subarray(period).equals(bytes.subarray(0, bytes.length - period))) return true;
  }
  return false;
}

function isHttpsOrLoopback(portalUrl: string): boolean {
  const url = new URL(portalUrl);
  // A production build tried out on this machine: no cookie leaves it.
  return url.protocol === "https:" || ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

export type Env = z.infer<typeof schema>;

/** A configuration problem, described in one line without echoing any value (values may be secrets). */
export class EnvError extends OperatorError {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  throw new EnvError(`Invalid configuration: ${problems.join("; ")}`);
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function authSecret(env: Env = getEnv()): string {
  return env.AUTH_SECRET ?? DEVELOPMENT_AUTH_SECRET;
}

/**
 * The key that encrypts stored secrets (authenticator and single sign-on secrets). Production
 * refuses to start without one; the development stand-in serves everywhere else.
 */
export function secretsKey(env: Env = getEnv()): Buffer {
  if (env.SECRETS_KEY) return Buffer.from(env.SECRETS_KEY, "base64");
  if (env.NODE_ENV === "production") {
    throw new EnvError("Invalid configuration: SECRETS_KEY must be set in production to store or use authenticator and identity provider secrets");
  }
  return Buffer.from(DEVELOPMENT_SECRETS_KEY, "base64");
}

/**
 * NODE_ENV as set, unvalidated: for a development-only command that must refuse production before
 * anything else is checked (production's full validation would fail first, on other variables).
 */
export function declaredNodeEnv(): string | undefined {
  return process.env.NODE_ENV;
}

/** True while `next build` runs: code that would open the database must not run then. */
export function isBuildPhase(): boolean {
  // Read directly: the build runs without production secrets, so full validation would fail.
  return process.env.NEXT_PHASE === "phase-production-build";
}

/** Every key a stored secret may be sealed under: the current one first, then SECRETS_KEY_PREVIOUS. */
export function secretsKeyring(env: Env = getEnv()): Buffer[] {
  return [secretsKey(env), ...(env.SECRETS_KEY_PREVIOUS ?? []).map((key) => Buffer.from(key, "base64"))];
}
