import { DatabaseUnavailableError } from "@/db/connect";
import { isConnectionFailure, withoutQueryParameters } from "@/db/errors";
import { AppError, Invalid, RateLimited } from "@/lib/errors";
import { log, newReference } from "@/lib/log";

/** RFC 9457 problem details: every API error, with field paths for bad input. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  reference?: string;
};

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

/** How long a client is asked to wait when the database is out of reach (a restart takes seconds). */
const RETRY_AFTER_SECONDS = 5;

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Response {
  const body: Problem = { type: `about:blank`, title: TITLES[status] ?? "Error", status, detail, ...extra };
  const headers: Record<string, string> = { "content-type": "application/problem+json", "cache-control": "no-store, no-transform" };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="vawg-portal"';
  return new Response(JSON.stringify(body), { status, headers });
}

/**
 * A connection lost while a submission commits may leave it stored or not; the partner reference
 * settles which, as the same reference is never stored twice (409 names the stored one).
 */
export const DATABASE_UNAVAILABLE =
  "The portal cannot reach its database just now, so this request was not completed. Try again in a few seconds: " +
  "a disclosure sent again with the same partner reference is never stored twice.";

/** The problem for a thrown error: typed errors say what is wrong; anything else is logged with a reference. */
export function problemFrom(error: unknown): Response {
  if (error instanceof Invalid) {
    // The fields refused, never their values or messages' subjects: free text may hold personal data.
    log.info({ status: 400, fields: Object.keys(error.fieldErrors) }, "API request refused: invalid input");
    return problem(400, error.message, {
      errors: Object.entries(error.fieldErrors).map(([path, message]) => ({ path, message })),
    });
  }
  if (error instanceof RateLimited) {
    const response = problem(429, error.message);
    response.headers.set("retry-after", String(error.retryAfterSeconds));
    return response;
  }
  if (error instanceof AppError) return problem(error.status, error.message);
  if (error instanceof DatabaseUnavailableError || isConnectionFailure(error)) {
    log.warn({ err: withoutQueryParameters(error) }, "API request refused: the database is out of reach");
    const response = problem(503, DATABASE_UNAVAILABLE);
    response.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
    return response;
  }
  const reference = newReference();
  log.error({ reference, err: withoutQueryParameters(error) }, "Unexpected API error");
  return problem(500, "Something went wrong. Quote the reference to support.", { reference });
}
