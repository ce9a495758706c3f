import { withoutQueryParameters } from "@/db/errors";
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
};

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Response {
  const body: Problem = { type: `about:blank`, title: TITLES[status] ?? "Error", status, detail, ...extra };
  const headers: Record<string, string> = { "content-type": "application/problem+json", "cache-control": "no-store" };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="vawg-portal"';
  return new Response(JSON.stringify(body), { status, headers });
}

/** The problem for a thrown error: typed errors say what is wrong; anything else is logged with a reference. */
export function problemFrom(error: unknown): Response {
  if (error instanceof Invalid) {
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
  const reference = newReference();
  log.error({ reference, err: withoutQueryParameters(error) }, "Unexpected API error");
  return problem(500, "Something went wrong. Quote the reference to support.", { reference });
}
