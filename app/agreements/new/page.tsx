import type { Metadata } from "next";
import { AgreementForm } from "@/components/agreements/agreement-form";
import { EMPTY_AGREEMENT, agreementFormOptions } from "@/lib/agreements/options";
import { listPartyOptions } from "@/lib/agreements/service";
import { requirePagePermission } from "@/lib/pages";
import { createAgreementAction } from "../actions";

export const metadata: Metadata = { title: "Create an agreement" };

export default async function NewAgreementPage() {
  const viewer = await requirePagePermission("agreements.manage", "/agreements/new");
  const options = agreementFormOptions(await listPartyOptions(viewer));
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-3xl font-bold">Create an agreement</h1>
      <p>The agreement is saved as a draft. Nobody but administrators sees it until you send it for signature.</p>
      <AgreementForm action={createAgreementAction} initial={EMPTY_AGREEMENT} submitLabel="Save the draft" {...options} />
    </div>
  );
}
