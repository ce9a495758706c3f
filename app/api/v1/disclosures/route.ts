import { decodeCursor, disclosureResource, encodeCursor, pageLimit } from "@/lib/api/disclosures";
import { apiRoute, json, problem, readJson, SHORT_ANSWER_CACHE_CONTROL } from "@/lib/api/route";
import { DuplicateReference, listDisclosureRecords, submitDisclosure } from "@/lib/disclosures/service";

export const POST = apiRoute("submit", async (request, client) => {
  const body = await readJson(request);
  try {
    const { id } = await submitDisclosure(client.viewer, body);
    return new Response(JSON.stringify({ id }), {
      status: 201,
      headers: { "content-type": "application/json", location: `/api/v1/disclosures/${id}`, "cache-control": SHORT_ANSWER_CACHE_CONTROL },
    });
  } catch (error) {
    if (error instanceof DuplicateReference) {
      return problem(409, error.message, { type: "about:blank", detail: `${error.message} Existing disclosure: ${error.existingId}.` });
    }
    throw error;
  }
});

export const GET = apiRoute("read", async (request, client) => {
  const url = new URL(request.url);
  const limit = pageLimit(url.searchParams.get("limit"));
  const records = await listDisclosureRecords(client.viewer, { after: decodeCursor(url.searchParams.get("cursor")), limit });
  const last = records.at(-1);
  return json({
    data: records.map(disclosureResource),
    next_cursor: records.length === limit && last ? encodeCursor(last) : null,
  });
});
