import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DisclosureAnswers } from "@/components/disclosures/disclosure-answers";
import { SubmitDraftForm } from "@/components/disclosures/submit-draft-form";
import { sectionSlug } from "@/lib/disclosures/sections";
import { getDisclosure } from "@/lib/disclosures/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { getLocalAuthority, getPoliceForceArea } from "@/lib/reference";
import { SECTIONS } from "@/lib/taxonomy";
import { submitDraftAction } from "../../actions";

export const metadata: Metadata = { title: "Check your answers before submitting the disclosure" };

/** GOV.UK "Check your answers": every answer of the draft, each with a link to change it, then Submit. */
export default async function CheckAnswersPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("disclosures.submit", `/disclosures/${id}/check`);
  const disclosure = await orNotFound(getDisclosure(viewer, id));
  if (disclosure.status !== "draft" || disclosure.corrects) notFound();
  const authority = disclosure.ladCode ? getLocalAuthority(disclosure.ladCode) : undefined;
  const forceArea = authority ? getPoliceForceArea(authority.forceAreaCode) : undefined;
  const last = SECTIONS[SECTIONS.length - 1]!;
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href={`/disclosures/${id}/edit/${sectionSlug(last)}`}>Back to {last.toLowerCase()}</Link>
      </p>
      <h1 className="text-3xl font-bold">Check your answers before submitting the disclosure</h1>
      <DisclosureAnswers
        input={disclosure.input}
        localAuthority={authority ? `${authority.name} (${authority.code})` : undefined}
        forceArea={forceArea ? forceArea.name : undefined}
        changeHref={(section, code) => `/disclosures/${id}/edit/${sectionSlug(section)}?return=check#${code}`}
      />
      <h2 className="text-2xl font-bold">Now send the disclosure</h2>
      <p>By submitting it you confirm the answers are right to the best of your knowledge. It then counts in your organisation’s figures and in what it shares under its agreements.</p>
      <SubmitDraftForm
        action={submitDraftAction}
        fields={{ draft_id: disclosure.id }}
        sectionsHref={`/disclosures/${id}/edit`}
        label="Submit the disclosure"
        submitLabel="Submit disclosure"
      />
    </div>
  );
}
