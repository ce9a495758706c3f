"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { Invalid } from "@/lib/errors";
import { CsvRefused, formatBytes, readCsvText } from "@/lib/uploads/csv-stream";
import { agreementDraftForm, PARTIES_CSV_MAX_BYTES } from "@/lib/agreements/schema";
import {
  amend,
  createDraft,
  deleteDraft,
  importDraftParties,
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

/** The CSV of parties, as the edit page's file field `partiesCsv` sends it. */
const partiesCsv = z.instanceof(File, { error: "Choose a CSV file of parties" }).superRefine((file, context) => {
  const issue = (message: string) => context.addIssue({ code: "custom", message });
  if (file.size === 0) issue(file.name ? "The chosen file is empty" : "Choose a CSV file of parties");
  else if (file.size > PARTIES_CSV_MAX_BYTES) issue(`Choose a file of ${formatBytes(PARTIES_CSV_MAX_BYTES)} or less: a CSV of parties needs one short line for each organisation`);
});

export const importPartiesAction = formAction({
  schema: target.extend({ partiesCsv }),
  permission: "agreements.manage",
  run: async ({ id, partiesCsv: file }, viewer): Promise<undefined> => {
    try {
      await importDraftParties(viewer, id, await readCsvText(file.stream(), PARTIES_CSV_MAX_BYTES));
    } catch (error) {
      // Every problem with the file, from reading it to its rows, is shown against the file field.
      if (error instanceof CsvRefused) throw new Invalid("There is a problem with the CSV of parties.", { partiesCsv: error.message });
      if (error instanceof Invalid && error.fieldErrors.parties) throw new Invalid(error.message, { partiesCsv: error.fieldErrors.parties });
      throw error;
    }
    redirect(`/agreements/${id}?done=parties_imported`);
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
