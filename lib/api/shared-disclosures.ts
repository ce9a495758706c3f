import "server-only";
import type { SharedDisclosure } from "@/lib/shared-disclosures/service";

/** A shared disclosure as the API returns it: snake_case, only the fields its agreements share. */
export function sharedDisclosureResource(item: SharedDisclosure) {
  return {
    id: item.id,
    provider: { id: item.provider.id, name: item.provider.name, type: item.provider.type },
    submitted_at: item.submittedAt.toISOString(),
    threat_areas: item.threatAreas,
    fields: item.fields,
    answers: item.answers,
    agreement_ids: item.agreementIds,
  };
}
