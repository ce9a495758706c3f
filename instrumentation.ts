import type { Instrumentation } from "next";

// Next.js calls register() once per server process before it serves requests.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startPortal } = await import("./lib/startup");
  await startPortal();
}

// Every error Next.js catches while serving a request, in the structured log with the reference
// (the digest) the error page shows the person (lib/http/request-errors.ts).
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ log }, { requestErrorFields }] = await Promise.all([import("./lib/log"), import("./lib/http/request-errors")]);
  log.error(requestErrorFields(error, request, context), "Unexpected error serving a request");
};
