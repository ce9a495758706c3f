import { importRecordedCrime } from "@/lib/uploads/recorded-crime";
import { uploadResponse } from "@/lib/uploads/stream-response";

export const dynamic = "force-dynamic";

/** The recorded-crime upload page posts the CSV here and reads NDJSON progress back. */
export async function POST(request: Request): Promise<Response> {
  return uploadResponse(request, { permission: "recorded_crime.upload", run: importRecordedCrime });
}
