import { z } from "zod";
import { apiRoute, json, readJson } from "@/lib/api/route";
import { withdrawDisclosure } from "@/lib/disclosures/service";
import { Invalid } from "@/lib/errors";

const withdrawal = z.strictObject({ reason: z.string() });

export const POST = apiRoute<{ id: string }>("submit", async (request, client, { id }) => {
  const parsed = withdrawal.safeParse(await readJson(request));
  if (!parsed.success) throw new Invalid("Give the reason for withdrawing.", { reason: "Send a JSON body with a reason" });
  await withdrawDisclosure(client.viewer, id, parsed.data.reason);
  return json({ id, status: "withdrawn" });
});
