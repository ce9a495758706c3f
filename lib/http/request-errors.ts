import { withoutQueryParameters } from "@/db/errors";

type ErrorRequest = { path: string; method: string };
type ErrorContext = { routerKind?: string; routePath?: string; routeType?: string };

/**
 * What the log says about an error Next.js caught while serving a page, an action or a route
 * (instrumentation.ts's onRequestError). The reference is the error's digest: the same id the
 * error pages show (app/error.tsx, app/global-error.tsx), so support finds the line a person
 * quotes. The path loses its query string (filters and cursors may describe records), the error
 * its query parameters; no headers are written.
 */
export function requestErrorFields(error: unknown, request: ErrorRequest, context: ErrorContext): Record<string, unknown> {
  const digest = typeof error === "object" && error !== null && "digest" in error ? (error as { digest: unknown }).digest : undefined;
  return {
    reference: typeof digest === "string" ? digest : undefined,
    method: request.method,
    path: request.path.split("?")[0],
    route: context.routePath,
    routeType: context.routeType,
    err: withoutQueryParameters(error),
  };
}
