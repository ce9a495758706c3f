"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { saveSsoSettings, setSsoEnabled } from "@/lib/identity-providers/admin";
import { identityProviderInput } from "@/lib/identity-providers/schema";

const organisation = z.uuid("There is no such organisation");

export const saveSsoAction = formAction({
  schema: identityProviderInput.extend({ organisation }),
  permission: "identity_providers.manage",
  secretFields: ["clientSecret"],
  run: async ({ organisation: orgId, ...input }, viewer): Promise<undefined> => {
    const { created } = await saveSsoSettings(viewer, orgId, input);
    redirect(`/admin/organisations/${orgId}/sso?saved=${created ? "created" : "updated"}`);
  },
});

export const setSsoEnabledAction = formAction({
  schema: z.object({ organisation, enabled: z.enum(["true", "false"]) }),
  permission: "identity_providers.manage",
  run: async ({ organisation: orgId, enabled }, viewer): Promise<undefined> => {
    await setSsoEnabled(viewer, orgId, enabled === "true");
    redirect(`/admin/organisations/${orgId}/sso?saved=${enabled === "true" ? "enabled" : "disabled"}`);
  },
});
