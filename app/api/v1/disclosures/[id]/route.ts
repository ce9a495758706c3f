import { disclosureResource } from "@/lib/api/disclosures";
import { apiRoute, json } from "@/lib/api/route";
import { getDisclosure } from "@/lib/disclosures/service";

export const GET = apiRoute<{ id: string }>("read", async (_request, client, { id }) => {
  return json(disclosureResource(await getDisclosure(client.viewer, id)));
});
