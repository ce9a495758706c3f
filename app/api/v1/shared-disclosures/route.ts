import { apiRoute, json } from "@/lib/api/route";
import { sharedDisclosureResource } from "@/lib/api/shared-disclosures";
import { listSharedDisclosures, parseSharedQuery } from "@/lib/shared-disclosures/service";

/** The partner data shared with the token's organisation, 50 rows a page, as the Partner data page lists it. */
export const GET = apiRoute("shared_read", async (request, client) => {
  const page = await listSharedDisclosures(client.viewer, parseSharedQuery(new URL(request.url).searchParams));
  return json({
    record_access: page.recordAccess,
    data: page.items.map(sharedDisclosureResource),
    next: page.next,
    previous: page.previous,
  });
});
