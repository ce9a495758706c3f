import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AgreementForm } from "@/components/agreements/agreement-form";
import { agreementFormOptions, formValuesOf } from "@/lib/agreements/options";
import { getAgreement, listPartyOptions } from "@/lib/agreements/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { updateAgreementAction } from "../../actions";

export const metadata: Metadata = { title: "Change the draft" };

export default async function EditAgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("agreements.manage", `/agreements/${id}/edit`);
  const agreement = await orNotFound(getAgreement(viewer, id));
  const draft = agreement.versions[0];
  if (!draft || !agreement.actions.includes("edit")) notFound();
  const options = agreementFormOptions(await listPartyOptions(viewer));
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-3xl font-bold">
        Change the draft of {agreement.reference}, version {draft.version}
      </h1>
      <AgreementForm action={updateAgreementAction} initial={formValuesOf(draft)} hidden={{ id: agreement.id }} submitLabel="Save the draft" {...options} />
    </div>
  );
}
