/**
 * The reference an error page shows: the error's digest, which Next.js gives every error it
 * catches on the server and which the log line carries too (lib/http/request-errors.ts). Never the
 * message or the stack.
 */
export function referenceOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  const { digest } = error;
  return typeof digest === "string" && digest.length > 0 ? digest : undefined;
}
