"use server";

import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions";
import { acceptInvitationWithNewAccount, joinWithInvitation } from "@/lib/invitations/service";
import { joinInput, newAccountInput } from "@/lib/invitations/schema";

export const createAccountAction = formAction({
  schema: newAccountInput,
  permission: null,
  secretFields: ["token", "password", "confirmPassword", "username"],
  run: async (input): Promise<undefined> => {
    await acceptInvitationWithNewAccount(input);
    // First sign-in sets up the authenticator app.
    redirect("/sign-in?invitation=accepted");
  },
});

export const joinAction = formAction({
  schema: joinInput,
  permission: "account.manage_own",
  secretFields: ["token"],
  run: (input, viewer) => joinWithInvitation(viewer, input.token),
});
