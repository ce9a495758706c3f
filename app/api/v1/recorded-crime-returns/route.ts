import { apiRoute, json, readJson } from "@/lib/api/route";
import { submitRecordedCrimeReturns } from "@/lib/uploads/recorded-crime";

/**
 * A police force's monthly recorded-crime returns, `{ "returns": [{ force_area_code, month,
 * threat_area, count }, …] }`, saved all or nothing; a return for a key already held replaces it.
 */
/** Room for the largest batch a force may send (MAX_API_RETURNS returns of about 100 bytes each). */
const MAX_BYTES = 1024 * 1024;

export const POST = apiRoute("submit", async (request, client) => {
  const body = await readJson(request, { maxBytes: MAX_BYTES });
  const saved = await submitRecordedCrimeReturns(client.viewer, body);
  return json(saved);
});
