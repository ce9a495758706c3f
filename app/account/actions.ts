"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { changePassword, endMySession, signOutEverywhere } from "@/lib/auth/account";
import { finishAuthenticatorChange, startAuthenticatorChange } from "@/lib/auth/flow";
import { switchOrganisation } from "@/lib/organisations/service";

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

export const changePasswordAction = formAction({
  schema: z.object({
    currentPassword: z.string().min(1, "Enter your current password").max(1024, "Enter your current password"),
    newPassword: z.string().min(1, "Enter a new password").max(1024, "Enter a password of 128 characters or fewer"),
  }),
  permission: "account.manage_own",
  secretFields: ["currentPassword", "newPassword"],
  run: async (input, viewer): Promise<undefined> => {
    await changePassword(viewer, input);
    redirect("/account?password-changed=1");
  },
});

export const switchOrganisationAction = formAction({
  schema: z.object({ orgId: z.uuid("Choose an organisation") }),
  permission: "account.manage_own",
  run: async (input, viewer): Promise<undefined> => {
    await switchOrganisation(viewer, input.orgId);
    redirect("/");
  },
});

export const reauthenticateForAuthenticatorAction = formAction({
  schema: z.object({ password: z.string().min(1, "Enter your current password").max(1024, "Enter your current password") }),
  permission: "account.manage_own",
  secretFields: ["password"],
  run: async (input, viewer): Promise<undefined> => {
    await startAuthenticatorChange(viewer, input.password);
    redirect("/account/authenticator");
  },
});

export const confirmAuthenticatorAction = formAction({
  schema: z.object({
    code: z.string().trim().min(1, "Enter the code from your authenticator app").max(64, "Enter the code from your authenticator app"),
    next: z.string().optional(),
  }),
  permission: "account.manage_own",
  secretFields: ["code"],
  run: (input, viewer) => finishAuthenticatorChange(viewer, input.code),
});
