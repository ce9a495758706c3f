"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { apiTokenInput, createApiToken, revokeApiToken } from "@/lib/api-tokens/service";

export const createApiTokenAction = formAction({
  schema: apiTokenInput,
  permission: "api_tokens.manage",
  run: async (input, viewer) => {
    const { token } = await createApiToken(viewer, input);
    revalidatePath("/api-tokens");
    return { token, name: input.name };
  },
});

export const revokeApiTokenAction = formAction({
  schema: z.object({ id: z.uuid("Choose a token") }),
  permission: "api_tokens.manage",
  run: async (input, viewer) => {
    await revokeApiToken(viewer, input.id);
    revalidatePath("/api-tokens");
    return undefined;
  },
});
