import type { Metadata } from "next";
import Link from "next/link";
import { DisclosureAnswers } from "@/components/disclosures/disclosure-answers";
import { SubmitDraftForm } from "@/components/disclosures/submit-draft-form";
import { sectionSlug } from "@/lib/disclosures/sections";
import { getCorrection } from "@/lib/disclosures/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { getLocalAuthority, getPoliceForceArea } from "@/lib/reference";
import { submitCorrectionAction } from "../../actions";

export const metadata: Metadata = { title: "Correct a disclosure: check your answers" };

/**
 * A correction starts as GOV.UK "Check your answers" over the disclosure's answers: each has a
 * link to change it on its section's page, which comes back here; then the correction is submitted.
 */
export default async function CorrectDisclosurePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("disclosures.correct", `/disclosures/${id}/correct`);
  const { disclosure, draft } = await orNotFound(getCorrection(viewer, id));
  const input = (draft ?? disclosure).input;
  const authority = typeof input.lad_code === "string" ? getLocalAuthority(input.lad_code) : undefined;
  const forceArea = authority ? getPoliceForceArea(authority.forceAreaCode) : undefined;
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href={`/disclosures/${id}`}>Back to the disclosure</Link>
      </p>
      <h1 className="text-3xl font-bold">Correct a disclosure: check your answers</h1>
      <p>
        Change any answer that is wrong, then submit the correction. It becomes version {disclosure.version + 1} and replaces version {disclosure.version}, which stays in the
        history. The partner reference is kept unless you give a new one.
      </p>
      {draft ? (
        <p className="border-l-4 border-focus pl-4">Your changes so far are saved. Only you can see them until you submit the correction.</p>
      ) : null}
      <DisclosureAnswers
        input={input}
        localAuthority={authority ? `${authority.name} (${authority.code})` : undefined}
        forceArea={forceArea ? forceArea.name : undefined}
        changeHref={(section, code) => `/disclosures/${id}/correct/${sectionSlug(section)}#${code}`}
      />
      <h2 className="text-2xl font-bold">Now send the correction</h2>
      <p>By submitting it you confirm the answers are right to the best of your knowledge. From then on it counts in place of the version it replaces.</p>
      <SubmitDraftForm
        action={submitCorrectionAction}
        fields={{ correct_id: disclosure.id }}
        sectionsHref={`/disclosures/${id}/correct`}
        label="Submit the correction"
        submitLabel="Submit correction"
      />
    </div>
  );
}
