import { getViewer } from "@/lib/auth/viewer";
import { NotFound } from "@/lib/errors";
import { rejectionReportCsv } from "@/lib/uploads/rejected";
import { csvDownload } from "@/lib/uploads/templates";
import { isUuid } from "@/lib/uuid";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });

/** A refused upload's kept error report as CSV, for those who may see it; anyone else is told it does not exist. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer || !isUuid(id)) return notFound();
  try {
    const report = await rejectionReportCsv(viewer, id);
    return csvDownload(report.csv, report.fileName);
  } catch (error) {
    if (error instanceof NotFound) return notFound();
    throw error;
  }
}
