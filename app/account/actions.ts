"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { endMySession, signOutEverywhere } from "@/lib/auth/account";

export const endSessionAction = formAction({
  schema: z.object({ handle: z.string().regex(/^[0-9a-f]{16}$/, "Choose a session to end") }),
  permission: "account.manage_own",
  run: async (input, viewer): Promise<undefined> => {
    await endMySession(viewer, input.handle);
    redirect("/account?ended=1");
  },
});

export const signOutEverywhereAction = formAction({
  schema: z.object({}),
  permission: "account.manage_own",
  run: async (_input, viewer): Promise<undefined> => {
    await signOutEverywhere(viewer);
    redirect("/sign-in?signed-out=1");
  },
});
