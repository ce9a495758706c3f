import { can } from "@/lib/access/permissions";
import { templateResponse } from "@/lib/uploads/stream-response";
import { disclosureTemplateCsv } from "@/lib/uploads/templates";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  return templateResponse({ allowed: (viewer) => can(viewer.role, "disclosures.upload") }, disclosureTemplateCsv(), "disclosures-template.csv");
}
