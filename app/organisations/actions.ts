"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { createOrganisation, setOrganisationStatus, updateOrganisation } from "@/lib/organisations/service";
import { organisationInput } from "@/lib/organisations/schema";

export const createOrganisationAction = formAction({
  schema: organisationInput,
  permission: "organisations.manage",
  run: async (input, viewer): Promise<undefined> => {
    const id = await createOrganisation(viewer, input);
    redirect(`/organisations/${id}?saved=1`);
  },
});

export const updateOrganisationAction = formAction({
  schema: organisationInput.and(z.object({ id: z.uuid() })),
  permission: "organisations.manage",
  run: async ({ id, ...input }, viewer): Promise<undefined> => {
    await updateOrganisation(viewer, id, input);
    redirect(`/organisations/${id}?saved=1`);
  },
});

export const setOrganisationStatusAction = formAction({
  schema: z.object({ id: z.uuid(), status: z.enum(["active", "suspended"]) }),
  permission: "organisations.manage",
  run: async (input, viewer): Promise<undefined> => {
    await setOrganisationStatus(viewer, input.id, input.status);
    redirect(`/organisations/${input.id}?saved=1`);
  },
});
