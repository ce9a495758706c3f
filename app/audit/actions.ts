"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { verifyAuditChainNow } from "@/lib/audit-log/service";

export const verifyAuditChainAction = formAction({
  schema: z.object({}),
  permission: "audit.verify",
  run: async (_input, viewer) => {
    await verifyAuditChainNow(viewer);
    revalidatePath("/audit");
    return undefined;
  },
});
