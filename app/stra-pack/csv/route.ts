import { agreementDay } from "@/lib/access/visibility";
import { getViewer } from "@/lib/auth/viewer";
import { Forbidden, Invalid, NotFound, RateLimited } from "@/lib/errors";
import { enforceExportLimits } from "@/lib/http/rate-limit";
import { parseInsightFilters } from "@/lib/insights/service";
import { straPackArchive } from "@/lib/insights/stra-pack-service";

export const dynamic = "force-dynamic";

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store", ...headers } });

/**
 * The CSV files behind the STRA input pack, with a README, as one zip: the same filters as the
 * pack's page, every figure under disclosure control and every cell formula-safe. A download counts
 * against the person's and the organisation's hourly export limits, as Partner data's does.
 */
export async function GET(request: Request): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer) return text("Not found.", 404);
  try {
    const filters = parseInsightFilters(new URL(request.url).searchParams);
    const now = new Date();
    await enforceExportLimits(viewer, now);
    const archive = await straPackArchive(viewer, filters);
    return new Response(Buffer.from(archive), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="stra-pack-${filters.period.code}-${agreementDay(now)}.zip"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof Forbidden || error instanceof NotFound) return text("Not found.", 404);
    if (error instanceof Invalid) return text(error.message, 400);
    if (error instanceof RateLimited) return text(`${error.message}\n\nGo back to the STRA input pack page to read it in the meantime.`, 429, { "retry-after": String(error.retryAfterSeconds) });
    throw error;
  }
}
