import { inspect } from "node:util";
import { PgPreparedQuery } from "drizzle-orm/pg-core";

/** A unique-key violation (SQLSTATE 23505), however the driver wraps it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * SQLSTATEs and driver codes that say the server could not be reached or went away mid-request
 * (restarting, shutting down, the connection refused, reset or timed out): the request can be
 * tried again, and says nothing about the request itself.
 */
const CONNECTION_FAILURES = new Set([
  "57P01", // admin_shutdown: the server is stopping and ended the session
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or shutting down
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/** The database could not be reached, or dropped the connection: nothing wrong with the request. */
export function isConnectionFailure(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    // Class 08 is "connection exception" (08000, 08003, 08006, …).
    if (typeof code === "string" && (CONNECTION_FAILURES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (current instanceof AggregateError && current.errors.some((inner) => isConnectionFailure(inner))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A failed query's error quotes its parameters (password hashes, token hashes, disclosure
 * text), so it never reaches a log as it is: keep only the SQLSTATE and the constraint.
 */
export function withoutQueryParameters(error: unknown): unknown {
  if (!(error instanceof Error) || !("params" in error)) return error;
  // postgres.js names the constraint `constraint_name`, PGlite `constraint`.
  const cause = (error.cause ?? {}) as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
  const constraint = cause.constraint_name ?? cause.constraint;
  const facts = [
    typeof cause.code === "string" ? `SQLSTATE ${cause.code}` : null,
    typeof constraint === "string" ? `constraint ${constraint}` : null,
  ].filter(Boolean);
  return new Error(`A database query failed${facts.length > 0 ? ` (${facts.join(", ")})` : ""}.`);
}

/**
 * A failure in one line for a log message: a failed query as `withoutQueryParameters` says it,
 * never with its parameters (they may be personal data); anything else by its message. Whitespace
 * is collapsed and the line is at most 500 characters.
 */
export function describeFailure(error: unknown): string {
  const clean = withoutQueryParameters(error);
  const text = clean instanceof Error ? clean.message : String(clean);
  return text.replace(/\s+/g, " ").slice(0, 500);
}

/**
 * Rewrites a failed query's error in place so that nothing that logs it (Next.js printing an
 * error thrown while rendering a page, a console.error anywhere) shows the statement's parameters:
 * its message and stack say only what `withoutQueryParameters` says, its inspected form is that
 * stack, and the parameters become non-enumerable. The driver's error stays its cause, so code
 * can still read the SQLSTATE, the constraint and the message (`isUniqueViolation`, tests).
 */
function hideQueryParameters(error: unknown): unknown {
  if (!(error instanceof Error) || !("params" in error)) return error;
  const message = (withoutQueryParameters(error) as Error).message;
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  for (const key of ["query", "params"]) hide(error, key);
  for (let cause: unknown = error.cause, depth = 0; cause && typeof cause === "object" && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    for (const key of ["query", "params", "parameters", "detail", "where", "internalQuery", "stack"]) hide(cause, key);
  }
  error.message = message;
  error.stack = [`${error.name}: ${message}`, ...frames].join("\n");
  Object.defineProperty(error, inspect.custom, { value: () => error.stack, enumerable: false, configurable: true });
  return error;
}

function hide(target: object, key: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor?.enumerable) Object.defineProperty(target, key, { ...descriptor, enumerable: false });
}

type QueryWithCache = (this: unknown, ...args: unknown[]) => Promise<unknown>;
const INSTALLED = Symbol.for("vawg.hide-query-parameters");

/**
 * Every query drizzle runs (both drivers go through PgPreparedQuery) has its failure rewritten by
 * `hideQueryParameters` before anyone can catch or log it. Called where connections are opened.
 */
export function hideQueryParametersInErrors(): void {
  const prototype = PgPreparedQuery.prototype as unknown as { queryWithCache: QueryWithCache; [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  const queryWithCache = prototype.queryWithCache;
  prototype.queryWithCache = async function (this: unknown, ...args: unknown[]) {
    try {
      return await queryWithCache.apply(this, args);
    } catch (error) {
      throw hideQueryParameters(error);
    }
  };
  prototype[INSTALLED] = true;
}
