"use server";

import { z } from "zod";
import { formAction } from "@/lib/actions";
import { startSsoSignIn } from "@/lib/auth/sso-flow";

const ssoSchema = z.object({
  provider: z.uuid("Choose how to sign in"),
  next: z.string().optional(),
});

/** "Sign in with …": sends the browser to the organisation's identity provider. */
export const signInWithSsoAction = formAction({
  schema: ssoSchema,
  permission: null,
  run: async (input): Promise<undefined> => {
    await startSsoSignIn(input.provider, input.next);
  },
});
