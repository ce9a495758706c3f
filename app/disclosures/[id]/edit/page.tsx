import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DisclosureForm } from "@/components/disclosures/disclosure-form";
import { inputToForm } from "@/lib/disclosures/form-data";
import { getDisclosure } from "@/lib/disclosures/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { saveDisclosureAction } from "../../actions";
import { latestMonth, localAuthorityGroups } from "../../form-options";

export const metadata: Metadata = { title: "Continue a draft disclosure" };

export default async function EditDraftPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("disclosures.create", `/disclosures/${id}/edit`);
  const disclosure = await orNotFound(getDisclosure(viewer, id));
  if (disclosure.status !== "draft") notFound();
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href={`/disclosures/${id}`}>Back to the draft</Link>
      </p>
      <h1 className="text-3xl font-bold">Continue a draft disclosure</h1>
      <DisclosureForm
        action={saveDisclosureAction}
        mode="draft"
        initial={inputToForm(disclosure.input)}
        fields={{ draft_id: disclosure.id }}
        maxMonth={latestMonth()}
        localAuthorities={localAuthorityGroups()}
      />
    </div>
  );
}
