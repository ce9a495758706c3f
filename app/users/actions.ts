"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ROLES } from "@/lib/access/roles";
import { formAction } from "@/lib/actions";
import { changeRole, endSessionsOf, setUserStatus, unlockSecondFactor } from "@/lib/users/service";

const member = { userId: z.uuid("Choose a user"), orgId: z.uuid("Choose an organisation") };

export const changeRoleAction = formAction({
  schema: z.object({ ...member, role: z.enum(ROLES, "Choose a role") }),
  permission: "users.read_org",
  run: async (input, viewer) => {
    await changeRole(viewer, input);
    revalidatePath("/users");
    return undefined;
  },
});

export const endSessionsAction = formAction({
  schema: z.object(member),
  permission: "sessions.end_others",
  run: async (input, viewer) => {
    await endSessionsOf(viewer, input);
    revalidatePath("/users");
    return undefined;
  },
});

export const setUserStatusAction = formAction({
  schema: z.object({ userId: member.userId, status: z.enum(["active", "suspended"]) }),
  permission: "users.manage",
  run: async (input, viewer) => {
    await setUserStatus(viewer, input);
    revalidatePath("/users");
    return undefined;
  },
});

export const unlockSecondFactorAction = formAction({
  schema: z.object(member),
  permission: "users.read_org",
  run: async (input, viewer) => {
    await unlockSecondFactor(viewer, input);
    revalidatePath("/users");
    return undefined;
  },
});
