import { templateResponse } from "@/lib/uploads/stream-response";
import { recordedCrimeTemplateCsv } from "@/lib/uploads/templates";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return templateResponse(request, { permission: "recorded_crime.upload" }, recordedCrimeTemplateCsv(), "recorded-crime-template.csv");
}
