import "server-only";
import { withoutQueryParameters } from "@/db/errors";
import { authorise } from "@/lib/access/authorise";
import type { Permission } from "@/lib/access/permissions";
import { getViewer, type Viewer } from "@/lib/auth/viewer";
import { getEnv } from "@/lib/env";
import { AppError, Forbidden } from "@/lib/errors";
import { isSameOrigin } from "@/lib/http/origin";
import { CsvRefused, formatBytes } from "./csv-stream";
import { UPLOAD_LIMITS, type UploadEvent } from "./events";
import { csvDownload } from "./templates";
import type { UploadOptions } from "./upload-file";
import { log, newReference } from "@/lib/log";

type Importer = (viewer: Viewer, stream: ReadableStream<Uint8Array>, options: UploadOptions) => Promise<UploadEvent>;

type Door = {
  /** The permission that opens this upload; lib/access decides and audits a refusal. */
  permission: Permission;
  run: Importer;
};

const NDJSON_HEADERS = {
  "content-type": "application/x-ndjson; charset=utf-8",
  // no-transform: compression would hold progress lines back until the end.
  "cache-control": "private, no-store, no-transform",
  "x-content-type-options": "nosniff",
};

/**
 * A CSV upload posted from the portal's own page (the file as the body, `text/csv`), answered with
 * NDJSON progress lines and a last line that is `done` or `failed`. Route handlers have no CSRF
 * protection, so the origin is checked here; the session and permission are asked afresh.
 */
export async function uploadResponse(request: Request, door: Door): Promise<Response> {
  if (!isSameOrigin(request.headers, getEnv().PORTAL_URL)) return refusal(403, "This upload was sent from another site, so it was refused.");
  const viewer = await getViewer();
  if (!viewer) return refusal(401, "Your session has ended. Sign in again, then upload the file.");
  if (!(await allowed(viewer, door.permission, request))) return refusal(403, "You do not have permission to upload this file.");
  if (!/^text\/csv\b/i.test(request.headers.get("content-type") ?? "")) return refusal(415, "Send the file as text/csv.");
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > UPLOAD_LIMITS.maxBytes) return refusal(413, `The file is larger than ${formatBytes(UPLOAD_LIMITS.maxBytes)}. Split it into smaller files.`);
  if (!request.body) return refusal(400, "Choose a CSV file to upload.");

  const upload = drainWhenCancelled(request.body, UPLOAD_LIMITS.maxBytes).pipeThrough(checkComplete(Number.isFinite(declared) ? declared : undefined));
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      open = false;
    },
  });
  let open = true;
  const send = (event: UploadEvent) => {
    // The browser may have gone away; the import still finishes (or fails) as one transaction.
    if (open) controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
  };
  void (async () => {
    try {
      send(await door.run(viewer, upload, { onProgress: send, fileName: fileNameOf(request) }));
    } catch (error) {
      send({ phase: "failed", message: describe(error), errors: [], errorCount: 0 });
    } finally {
      if (open) controller.close();
    }
  })();
  return new Response(body, { status: 200, headers: NDJSON_HEADERS });
}

/**
 * The request body, read on: when the importer stops early (a refused file), the rest is read and
 * dropped in the background, up to a bound, instead of cancelling Next's body stream while the
 * browser is still sending it (which throws an uncaught "stream already closed" in the server).
 */
function drainWhenCancelled(source: ReadableStream<Uint8Array>, bound: number): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel() {
      void (async () => {
        let dropped = 0;
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            dropped += value.byteLength;
            if (dropped > bound) return await reader.cancel();
          }
        } catch {
          // The browser went away: nothing left to drain.
        }
      })();
    },
  });
}

/** Refuses a body that ends before its declared length: a proxy may cut a large upload short. */
function checkComplete(declared: number | undefined): TransformStream<Uint8Array, Uint8Array> {
  let received = 0;
  return new TransformStream({
    transform(chunk, controller) {
      received += chunk.byteLength;
      controller.enqueue(chunk);
    },
    flush() {
      if (declared !== undefined && received < declared) {
        throw new CsvRefused(`Only part of the file arrived (${formatBytes(received)} of ${formatBytes(declared)}). Nothing was saved: upload it again, or split it into smaller files.`);
      }
    },
  });
}

/** The file's name, which the page sends URI-encoded in x-file-name (a header carries only Latin-1). */
function fileNameOf(request: Request): string | undefined {
  const raw = request.headers.get("x-file-name");
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (error instanceof AppError) return error.message;
  const reference = newReference();
  log.error({ reference, err: withoutQueryParameters(error) }, "Unexpected upload error");
  return `Something went wrong (ref ${reference}). Nothing was saved. Try again, or quote the reference to support.`;
}

function refusal(status: number, message: string): Response {
  const event: UploadEvent = { phase: "failed", message, errors: [], errorCount: 0 };
  return new Response(`${JSON.stringify(event)}\n`, { status, headers: NDJSON_HEADERS });
}

/** A template download for those who may upload it; anyone else is told it does not exist. */
export async function templateResponse(request: Request, door: Pick<Door, "permission">, csv: string, filename: string): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer || !(await allowed(viewer, door.permission, request))) return new Response("Not found.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });
  return csvDownload(csv, filename);
}

/** Whether the viewer holds the permission; a refusal is audited with the path asked for. */
async function allowed(viewer: Viewer, permission: Permission, request: Request): Promise<boolean> {
  try {
    await authorise(viewer, permission, { path: new URL(request.url).pathname });
    return true;
  } catch (error) {
    if (error instanceof Forbidden) return false;
    throw error;
  }
}
