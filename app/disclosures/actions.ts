"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { DisclosureResult } from "@/components/disclosures/disclosure-form";
import { formAction } from "@/lib/actions";
import { formToInput } from "@/lib/disclosures/form-data";
import { correctDisclosure, DuplicateReference, saveDraft, submitDisclosure, withdrawDisclosure } from "@/lib/disclosures/service";

const formFields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const id = z.uuid().optional().catch(undefined);

/**
 * Saves a new disclosure or the viewer's draft: "Save as draft" keeps it private to its author,
 * "Submit" makes it count. A reused partner reference comes back as an offer to correct the
 * disclosure that already has it.
 */
export const saveDisclosureAction = formAction({
  schema: formFields,
  permission: "disclosures.create",
  run: async (form, viewer): Promise<DisclosureResult> => {
    const draftId = id.parse(form.draft_id);
    const input = formToInput(form);
    if (form.intent === "draft") {
      const saved = await offerCorrection(() => saveDraft(viewer, input, draftId));
      if ("duplicateOf" in saved) return saved;
      redirect(`/disclosures/${saved.id}?saved=draft`);
    }
    const submitted = await offerCorrection(() => submitDisclosure(viewer, input, draftId));
    if ("duplicateOf" in submitted) return submitted;
    redirect(`/disclosures/${submitted.id}?saved=submitted`);
  },
});

/** Corrects a submitted disclosure: a new version supersedes it. */
export const correctDisclosureAction = formAction({
  schema: formFields,
  permission: "disclosures.correct",
  run: async (form, viewer): Promise<DisclosureResult> => {
    const correctId = id.parse(form.correct_id) ?? "";
    const corrected = await offerCorrection(() => correctDisclosure(viewer, correctId, formToInput(form)));
    if ("duplicateOf" in corrected) return corrected;
    redirect(`/disclosures/${corrected.id}?saved=corrected`);
  },
});

/** Withdraws a submitted disclosure with the reason given. */
export const withdrawDisclosureAction = formAction({
  schema: z.object({ id: z.string(), reason: z.string().default("") }),
  permission: "disclosures.withdraw",
  run: async (input, viewer): Promise<undefined> => {
    await withdrawDisclosure(viewer, input.id, input.reason);
    redirect(`/disclosures/${input.id}?saved=withdrawn`);
  },
});

async function offerCorrection(save: () => Promise<{ id: string }>): Promise<{ id: string } | DisclosureResult> {
  try {
    return await save();
  } catch (error) {
    if (error instanceof DuplicateReference) return { duplicateOf: error.existingId };
    throw error;
  }
}
