import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DisclosureForm } from "@/components/disclosures/disclosure-form";
import { inputToForm } from "@/lib/disclosures/form-data";
import { getDisclosure, listCoveredLocalAuthorities } from "@/lib/disclosures/service";
import { SECTIONS } from "@/lib/taxonomy";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { correctDisclosureAction } from "../../actions";
import { latestMonth, localAuthorityChoice } from "../../form-options";

export const metadata: Metadata = { title: "Correct a disclosure" };

export default async function CorrectDisclosurePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("disclosures.correct", `/disclosures/${id}/correct`);
  const disclosure = await orNotFound(getDisclosure(viewer, id));
  if (!disclosure.current) notFound();
  // Every district is offered, the organisation's own first; a correction is not asked to confirm one.
  const authorities = { ...localAuthorityChoice(await listCoveredLocalAuthorities(viewer), { all: true }), covered: [] };
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href={`/disclosures/${id}`}>Back to the disclosure</Link>
      </p>
      <h1 className="text-3xl font-bold">Correct a disclosure</h1>
      <p>
        Your correction becomes version {disclosure.version + 1} and replaces version {disclosure.version}, which stays in the history. Leave the partner reference empty to keep
        the one it already has.
      </p>
      <DisclosureForm
        action={correctDisclosureAction}
        mode="correct"
        sections={SECTIONS}
        initial={inputToForm(disclosure.input)}
        fields={{ correct_id: disclosure.id }}
        maxMonth={latestMonth()}
        localAuthorities={authorities}
      />
    </div>
  );
}
