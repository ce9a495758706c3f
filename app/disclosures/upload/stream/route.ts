import { importDisclosures } from "@/lib/uploads/disclosure-import";
import { uploadResponse } from "@/lib/uploads/stream-response";

export const dynamic = "force-dynamic";

/** The upload page posts the CSV here and reads NDJSON progress back. */
export async function POST(request: Request): Promise<Response> {
  return uploadResponse(request, { permission: "disclosures.upload", run: importDisclosures });
}
