"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { DisclosureResult } from "@/components/disclosures/disclosure-form";
import { formAction } from "@/lib/actions";
import { formToInput } from "@/lib/disclosures/form-data";
import { sectionAfter, sectionOfSlug, sectionSlug } from "@/lib/disclosures/sections";
import { DuplicateReference, saveCorrectionSection, saveDraftSection, submitCorrection, submitDraft, withdrawDisclosure, type SectionAnswers } from "@/lib/disclosures/service";
import { Invalid } from "@/lib/errors";

const formFields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const id = z.uuid().optional().catch(undefined);
const text = z.string().optional().catch(undefined);

/**
 * Saves one section of a new disclosure or of the viewer's draft. "Save and continue" needs the
 * section's required answers and goes on to the next section (or back to "Check your answers"
 * when the change came from there); "Save and come back later" keeps whatever is valid. A reused
 * partner reference comes back as an offer to correct the disclosure that already has it.
 */
export const saveSectionAction = formAction({
  schema: formFields,
  permission: "disclosures.create",
  run: async (form, viewer): Promise<DisclosureResult> => {
    const draftId = id.parse(form.draft_id);
    const answers = sectionAnswers(form);
    const section = answers.section;
    const intent = text.parse(form.intent);
    const saved = await offerCorrection(() => saveDraftSection(viewer, answers, draftId));
    if ("duplicateOf" in saved) return saved;
    if (Object.keys(saved.missing).length > 0) throw new Invalid("There is a problem with your answers.", saved.missing);
    const back = text.parse(form.return) === "check" ? "&return=check" : "";
    if (intent === "all_authorities") redirect(`/disclosures/${saved.id}/edit/${sectionSlug(section)}?all=1${back}#lad_code`);
    if (intent === "later") redirect(`/disclosures/${saved.id}?saved=draft`);
    const next = sectionAfter(section);
    if (back || !next) redirect(`/disclosures/${saved.id}/check`);
    redirect(`/disclosures/${saved.id}/edit/${sectionSlug(next)}`);
  },
});

/** Submits the viewer's draft once its answers have been checked: the one schema checks it whole. */
export const submitDraftAction = formAction({
  schema: z.object({ draft_id: z.string() }),
  permission: "disclosures.submit",
  run: async (input, viewer): Promise<DisclosureResult> => {
    const submitted = await offerCorrection(() => submitDraft(viewer, input.draft_id));
    if ("duplicateOf" in submitted) return submitted;
    redirect(`/disclosures/${submitted.id}?saved=submitted`);
  },
});

/**
 * Saves one section of the viewer's correction of a submitted disclosure (the first section
 * changed starts it), then goes back to checking the correction's answers.
 */
export const saveCorrectionSectionAction = formAction({
  schema: formFields,
  permission: "disclosures.correct",
  run: async (form, viewer): Promise<DisclosureResult> => {
    const correctId = id.parse(form.correct_id) ?? "";
    const saved = await offerCorrection(() => saveCorrectionSection(viewer, sectionAnswers(form), correctId));
    if ("duplicateOf" in saved) return saved;
    redirect(`/disclosures/${correctId}/correct`);
  },
});

/** Submits the viewer's correction once its answers have been checked: it becomes the disclosure's next version. */
export const submitCorrectionAction = formAction({
  schema: z.object({ correct_id: z.string() }),
  permission: "disclosures.correct",
  run: async (input, viewer): Promise<DisclosureResult> => {
    const corrected = await offerCorrection(() => submitCorrection(viewer, input.correct_id));
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

/** A section's answers as posted: which section, what was given, and whether the person asked to go on. */
function sectionAnswers(form: Record<string, string | string[]>): SectionAnswers {
  const section = sectionOfSlug(text.parse(form.section) ?? "");
  if (!section) throw new Invalid("This part of the disclosure form does not exist.");
  return { section, input: formToInput(form), complete: text.parse(form.intent) === "continue", confirmedLocalAuthority: text.parse(form.lad_code_confirmed) };
}

async function offerCorrection<T extends { id: string }>(save: () => Promise<T>): Promise<T | DisclosureResult> {
  try {
    return await save();
  } catch (error) {
    if (error instanceof DuplicateReference) return { duplicateOf: error.existingId };
    throw error;
  }
}
