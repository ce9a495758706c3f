import { templateResponse } from "@/lib/uploads/stream-response";
import { disclosureTemplateCsv } from "@/lib/uploads/templates";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return templateResponse(request, { permission: "disclosures.upload" }, disclosureTemplateCsv(), "disclosures-template.csv");
}
