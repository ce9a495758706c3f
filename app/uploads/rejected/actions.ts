"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { Unauthenticated } from "@/lib/errors";
import { dismissRejection } from "@/lib/uploads/rejected";

/** The person says a refused upload is dealt with: it leaves their dashboard. */
export const dismissRejectionAction = formAction({
  schema: z.object({ id: z.uuid() }),
  // Anyone who can see the refused upload may dismiss it; row-level security decides who that is.
  permission: null,
  run: async ({ id }, viewer): Promise<undefined> => {
    if (!viewer) throw new Unauthenticated();
    await dismissRejection(viewer, id);
    revalidatePath("/");
  },
});
