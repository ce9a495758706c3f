import { apiRoute, json } from "@/lib/api/route";
import { insightResource } from "@/lib/api/insights";
import { insightView, parseInsightFilters } from "@/lib/insights/service";

/** One intelligence-gap view, every figure under disclosure control, as the Insights pages show it. */
export const GET = apiRoute<{ view: string }>("shared_read", async (request, client, { view }) => {
  const filters = parseInsightFilters(new URL(request.url).searchParams);
  return json(insightResource(await insightView(client.viewer, view, filters)));
});
