import { getViewer } from "@/lib/auth/viewer";
import { agreementDay } from "@/lib/access/visibility";
import { auditEventsCsv, exportAuditEvents, parseAuditQuery } from "@/lib/audit-log/service";
import { Forbidden, Invalid, NotFound, RateLimited } from "@/lib/errors";
import { csvDownload } from "@/lib/uploads/templates";

export const dynamic = "force-dynamic";

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store", ...headers } });

/**
 * The audit log as CSV for an auditor: every event the page's filters match, not only the page
 * shown (the paging cursor is ignored). Audited, and counted against the hourly export limits
 * (docs/security.md#rate-limits); beyond them the answer is 429 with Retry-After.
 */
export async function GET(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return text("Not found.", 404);
  try {
    const params = new URL(request.url).searchParams;
    params.delete("before");
    params.delete("after");
    const now = new Date();
    const rows = await exportAuditEvents(viewer, parseAuditQuery(params), now);
    return csvDownload(auditEventsCsv(rows), `audit-log-${agreementDay(now)}.csv`);
  } catch (error) {
    if (error instanceof Forbidden || error instanceof NotFound) return text("Not found.", 404);
    if (error instanceof Invalid) return text(error.message, 400);
    if (error instanceof RateLimited) return text(`${error.message}\n\nGo back to the audit log page to see the events in the meantime.`, 429, { "retry-after": String(error.retryAfterSeconds) });
    throw error;
  }
}
