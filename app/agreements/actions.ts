"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { agreementDraftForm } from "@/lib/agreements/schema";
import {
  amend,
  createDraft,
  deleteDraft,
  reinstate,
  sendForSignature,
  sign,
  signatureInput,
  suspend,
  terminate,
  updateDraft,
  withdrawFromSignature,
} from "@/lib/agreements/service";

const target = z.object({ id: z.uuid() });
const withReason = target.extend({ reason: z.string().default("") });

export const createAgreementAction = formAction({
  schema: agreementDraftForm,
  permission: "agreements.manage",
  run: async (input, viewer): Promise<undefined> => {
    const id = await createDraft(viewer, input);
    redirect(`/agreements/${id}?done=drafted`);
  },
});

export const updateAgreementAction = formAction({
  schema: agreementDraftForm.and(target),
  permission: "agreements.manage",
  run: async ({ id, ...input }, viewer): Promise<undefined> => {
    await updateDraft(viewer, id, input);
    redirect(`/agreements/${id}?done=saved`);
  },
});

export const deleteDraftAction = formAction({
  schema: target,
  permission: "agreements.manage",
  run: async ({ id }, viewer): Promise<undefined> => {
    const { agreementDeleted } = await deleteDraft(viewer, id);
    redirect(agreementDeleted ? "/agreements?done=deleted" : `/agreements/${id}?done=draft_deleted`);
  },
});

export const sendForSignatureAction = formAction({
  schema: target,
  permission: "agreements.manage",
  run: async ({ id }, viewer): Promise<undefined> => {
    await sendForSignature(viewer, id);
    redirect(`/agreements/${id}?done=sent`);
  },
});

export const withdrawFromSignatureAction = formAction({
  schema: target,
  permission: "agreements.manage",
  run: async ({ id }, viewer): Promise<undefined> => {
    await withdrawFromSignature(viewer, id);
    redirect(`/agreements/${id}?done=withdrawn`);
  },
});

export const amendAction = formAction({
  schema: target,
  permission: "agreements.manage",
  run: async ({ id }, viewer): Promise<undefined> => {
    await amend(viewer, id);
    redirect(`/agreements/${id}/edit`);
  },
});

export const suspendAction = formAction({
  schema: withReason,
  permission: "agreements.manage",
  run: async ({ id, reason }, viewer): Promise<undefined> => {
    await suspend(viewer, id, reason);
    redirect(`/agreements/${id}?done=suspended`);
  },
});

export const reinstateAction = formAction({
  schema: target,
  permission: "agreements.manage",
  run: async ({ id }, viewer): Promise<undefined> => {
    await reinstate(viewer, id);
    redirect(`/agreements/${id}?done=reinstated`);
  },
});

export const terminateAction = formAction({
  schema: withReason,
  permission: "agreements.manage",
  run: async ({ id, reason }, viewer): Promise<undefined> => {
    await terminate(viewer, id, reason);
    redirect(`/agreements/${id}?done=terminated`);
  },
});

export const signAction = formAction({
  schema: target.and(signatureInput),
  permission: "agreements.sign",
  run: async ({ id, ...input }, viewer): Promise<undefined> => {
    await sign(viewer, id, input);
    redirect(`/agreements/${id}?done=signed`);
  },
});
