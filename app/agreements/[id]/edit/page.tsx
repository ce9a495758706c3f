import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AgreementForm } from "@/components/agreements/agreement-form";
import { PartiesCsvForm } from "@/components/agreements/parties-csv-form";
import { TitledSection } from "@/components/titled-section";
import { agreementFormOptions, formValuesOf } from "@/lib/agreements/options";
import { PARTIES_CSV_MAX_BYTES } from "@/lib/agreements/schema";
import { getAgreement, listPartyOptions } from "@/lib/agreements/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { toCsv } from "@/lib/uploads/csv-write";
import { importPartiesAction, updateAgreementAction } from "../../actions";

export const metadata: Metadata = { title: "Change the draft" };

export default async function EditAgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("agreements.manage", `/agreements/${id}/edit`);
  const agreement = await orNotFound(getAgreement(viewer, id));
  const draft = agreement.versions[0];
  if (!draft || !agreement.actions.includes("edit")) notFound();
  const options = agreementFormOptions(await listPartyOptions(viewer));
  const example = toCsv([
    ["organisation", "role", "contact_name", "contact_email"],
    ...draft.parties.map((party) => [party.orgName, party.role, party.contactName, party.contactEmail]),
  ]);
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-3xl font-bold">
        Change the draft of {agreement.reference}, version {draft.version}
      </h1>
      <TitledSection id="parties-csv" title="Fill in the parties from a CSV file" className="space-y-4 border-b border-rule pb-6">
        <PartiesCsvForm action={importPartiesAction} agreementId={agreement.id} maxBytes={PARTIES_CSV_MAX_BYTES} example={example} />
      </TitledSection>
      <AgreementForm action={updateAgreementAction} initial={formValuesOf(draft)} hidden={{ id: agreement.id }} submitLabel="Save the draft" {...options} />
    </div>
  );
}
