import "server-only";
import { getDatabase } from "@/db/client";
import { authenticateBearer, type ApiClient, type ApiTokenScope } from "@/lib/api-tokens/service";
import { getEnv } from "@/lib/env";
import { apiRules, enforceRateLimits } from "@/lib/http/rate-limit";
import { AppError, Forbidden } from "@/lib/errors";
import { problem, problemFrom } from "./problem";

const REFUSALS: Record<ApiTokenScope, string> = {
  submit: "This token may not submit disclosures.",
  read: "This token may not read disclosures.",
  shared_read: "This token may not read partner data shared with the organisation.",
};

/** Request bodies larger than this are refused before they are read in full. */
const MAX_BODY_BYTES = 64 * 1024;

type Handler<P> = (request: Request, client: ApiClient, params: P) => Promise<Response>;

/**
 * Every /api/v1 route handler goes through here: the bearer token is checked, the request counts
 * against the token's and the organisation's rate limits (429 with Retry-After beyond them), its
 * scope must allow the operation, and any failure becomes RFC 9457 problem+json — never a stack trace.
 */
export function apiRoute<P = Record<string, string>>(scope: ApiTokenScope, handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<unknown> }): Promise<Response> => {
    try {
      const client = await authenticateBearer(request.headers.get("authorization"));
      await enforceRateLimits(await getDatabase(), apiRules({ tokenId: client.tokenId, organisationId: client.viewer.organisation.id }, getEnv()));
      if (!client.scopes.includes(scope)) throw new Forbidden(REFUSALS[scope]);
      return await handler(request, client, (await context.params) as P);
    } catch (error) {
      return problemFrom(error);
    }
  };
}

class BodyProblem extends AppError {
  override name = "BodyProblem";
}

/** The JSON body of a request: application/json only, within the size limit, and well-formed. */
export async function readJson(request: Request, { maxBytes = MAX_BODY_BYTES }: { maxBytes?: number } = {}): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(problem\+)?json\b/i.test(type)) throw new BodyProblem("Send the body as application/json.", 415);
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () => new BodyProblem(`The body is larger than ${Math.round(maxBytes / 1024)} KB.`, 413);
  if (declared > maxBytes) throw tooLarge();
  const text = await readText(request, maxBytes, tooLarge);
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyProblem("The body is not valid JSON.", 400);
  }
}

/**
 * The body as text, read chunk by chunk so that a chunked body (no Content-Length) is cut off as
 * soon as it passes the limit: the rest is never pulled from the client.
 */
async function readText(request: Request, maxBytes: number, tooLarge: () => Error): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Cache-Control for short answers (a created id, a problem, the health check): `no-transform`
 * keeps the portal's gzip off them, which costs more CPU than a few hundred bytes can save.
 * Lists and documents stay compressible.
 */
export const SHORT_ANSWER_CACHE_CONTROL = "no-store, no-transform";

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}

export { problem };
