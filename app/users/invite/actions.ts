"use server";

import { formAction } from "@/lib/actions";
import { sendInvitation } from "@/lib/invitations/service";
import { invitationInput } from "@/lib/invitations/schema";

export const inviteAction = formAction({
  schema: invitationInput,
  permission: "users.invite_org",
  run: (input, viewer) => sendInvitation(viewer, input),
});
