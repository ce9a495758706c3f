import { getViewer } from "@/lib/auth/viewer";
import { Forbidden, Invalid, NotFound, RateLimited } from "@/lib/errors";
import { enforceExportLimits } from "@/lib/http/rate-limit";
import { agreementDay } from "@/lib/access/visibility";
import { sharedDisclosuresCsv } from "@/lib/shared-disclosures/csv";
import { exportSharedDisclosures, parseSharedQuery } from "@/lib/shared-disclosures/service";
import { csvDownload } from "@/lib/uploads/templates";

export const dynamic = "force-dynamic";

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store", ...headers } });

/**
 * The Partner data page's rows as CSV: every row its filters match, not only the page shown.
 * Each download counts against the person's and the organisation's hourly export limits
 * (docs/security.md#rate-limits); beyond them the answer is 429 with Retry-After and a sentence
 * that says when to try again.
 */
export async function GET(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return text("Not found.", 404);
  try {
    const { filter, sort } = parseSharedQuery(new URL(request.url).searchParams);
    const now = new Date();
    await enforceExportLimits(viewer, now);
    const exported = await exportSharedDisclosures(viewer, { filter, sort }, now);
    return csvDownload(sharedDisclosuresCsv(exported.fields, exported.threatAreas, exported.items), `partner-data-${agreementDay(now)}.csv`);
  } catch (error) {
    if (error instanceof Forbidden || error instanceof NotFound) return text("Not found.", 404);
    if (error instanceof Invalid) return text(error.message, 400);
    if (error instanceof RateLimited) return text(`${error.message}\n\nGo back to the Partner data page to see the rows in the meantime.`, 429, { "retry-after": String(error.retryAfterSeconds) });
    throw error;
  }
}
