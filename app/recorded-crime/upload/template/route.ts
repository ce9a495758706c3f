import { canUploadRecordedCrime } from "@/lib/uploads/recorded-crime";
import { templateResponse } from "@/lib/uploads/stream-response";
import { recordedCrimeTemplateCsv } from "@/lib/uploads/templates";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return templateResponse({ allowed: canUploadRecordedCrime }, recordedCrimeTemplateCsv(), "recorded-crime-template.csv");
}
