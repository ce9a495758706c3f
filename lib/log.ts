import pino, { type DestinationStream, type Level, type Logger } from "pino";
import { getEnv } from "./env";

/**
 * The portal's one logger (docs/security.md#logs): JSON lines on standard output, one object a
 * line, with every sensitive key's value replaced wherever it appears in what is logged, however
 * deep. Sensitive means what docs/security.md says never reaches a log — passwords, codes, tokens,
 * the Authorization header, cookies, secrets, TOTP, session ids, disclosure free text (`context`),
 * request bodies and query parameters — matched on the key's name, so `passwordHash`,
 * `recoveryCodes`, `sessionId` and `x-api-token` are caught as well as `password`. A message
 * string is written as it is: put values in fields, never in the message.
 *
 * Command-line tools keep writing their answers to people with console (scripts/command-line.ts).
 */

export const REDACTED = "[redacted]";

const SENSITIVE_KEY = /pass(word|phrase|code)|(^|[_-]|[a-z])codes?$|^code|token|authori[sz]ation|cookie|secret|totp|otp$|session|^context$|^body$|^params$|^parameters$/i;

/** Whether a key's value is never logged. */
export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

const MAX_DEPTH = 8;

/** A copy of `value` with every sensitive key's value replaced; errors become plain objects first. */
function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (value instanceof Error) return redact(pino.stdSerializers.err(value), depth);
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Headers) return redact(Object.fromEntries(value.entries()), depth);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSensitiveKey(key) && item !== undefined && item !== null ? REDACTED : redact(item, depth + 1);
  }
  return copy;
}

/** A logger writing to `destination` (standard output unless given): how tests read what it writes. */
export function createLogger({ level = "info", destination }: { level?: Level | "silent"; destination?: DestinationStream } = {}): Logger {
  const options = {
    level,
    base: { service: "vawg-portal" },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Errors are serialised, then redacted, by the log formatter below: keep pino's from redoing it.
    serializers: { err: (value: unknown) => value },
    formatters: {
      level: (label: string) => ({ level: label }),
      log: (object: Record<string, unknown>) => redact(object) as Record<string, unknown>,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const KEY = Symbol.for("vawg-portal.logger");

/** The process's logger, made on first use at LOG_LEVEL: one for every bundle Next.js loads in the process. */
function logger(): Logger {
  const holder = globalThis as { [KEY]?: Logger };
  if (!holder[KEY]) {
    let level: Level | "silent" = "info";
    try {
      level = getEnv().LOG_LEVEL;
    } catch {
      // A configuration problem is reported by lib/startup.ts; logging it needs a logger meanwhile.
    }
    holder[KEY] = createLogger({ level });
  }
  return holder[KEY];
}

/** Makes `logger` the process's logger: how a test reads what the portal logs. */
export function replaceLogger(replacement: Logger): void {
  (globalThis as { [KEY]?: Logger })[KEY] = replacement;
}

type LogFunction = (fieldsOrMessage: Record<string, unknown> | string, message?: string) => void;

function at(level: "info" | "warn" | "error"): LogFunction {
  return (fieldsOrMessage, message) => {
    if (typeof fieldsOrMessage === "string") logger()[level](fieldsOrMessage);
    else logger()[level](fieldsOrMessage, message);
  };
}

/** `log.error({ reference, err }, "Unexpected API error")`: fields first, then a fixed message. */
export const log = { info: at("info"), warn: at("warn"), error: at("error") };

/** A short id quoted to a person and written in the log line, so support can find one from the other. */
export function newReference(): string {
  return crypto.randomUUID().slice(0, 8);
}
