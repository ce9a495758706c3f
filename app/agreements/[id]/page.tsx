import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { ReasonForm } from "@/components/agreements/reason-form";
import { VersionRecord } from "@/components/agreements/version-record";
import { TitledSection } from "@/components/titled-section";
import { getAgreement } from "@/lib/agreements/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import {
  amendAction,
  deleteDraftAction,
  reinstateAction,
  sendForSignatureAction,
  suspendAction,
  terminateAction,
  withdrawFromSignatureAction,
} from "../actions";

export const metadata: Metadata = { title: "Agreement" };

const DONE: Record<string, string> = {
  drafted: "The draft was saved.",
  saved: "The draft was saved.",
  parties_imported: "The draft's parties were replaced by those in the CSV file.",
  draft_deleted: "The draft version was deleted.",
  sent: "The agreement was sent to the parties' partner leads to sign.",
  withdrawn: "The version was withdrawn from signature. Change the new draft, then send it again.",
  suspended: "The agreement was suspended. Recipients have lost access.",
  reinstated: "The agreement was reinstated.",
  terminated: "The agreement was terminated. Recipients have lost access.",
  signed: "You signed the agreement.",
};

export default async function AgreementPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("agreements.read", `/agreements/${id}`);
  const agreement = await orNotFound(getAgreement(viewer, id));
  const done = DONE[String((await searchParams).done ?? "")];
  const can = (action: (typeof agreement.actions)[number]) => agreement.actions.includes(action);
  const fields = { id: agreement.id };
  return (
    <div className="max-w-4xl space-y-8">
      <div className="space-y-2">
        <p className="text-lg text-muted">{agreement.reference}</p>
        <h1 className="text-3xl font-bold">{agreement.title}</h1>
        <p className="text-xl">
          <strong>State:</strong> {agreement.state}
        </p>
        {agreement.statusReason ? (
          <p>
            <strong>Reason:</strong> {agreement.statusReason}
          </p>
        ) : null}
      </div>
      {done ? (
        <p role="status" className="border-l-4 border-success pl-4 font-bold">
          {done}
        </p>
      ) : null}
      {can("sign") ? (
        <p className="border-l-4 border-focus pl-4">
          <Link href={`/agreements/${agreement.id}/sign`} className="font-bold">
            Read the terms and sign for {viewer.organisation.name}
          </Link>
        </p>
      ) : null}
      <p>
        <Link href={`/agreements/${agreement.id}/print`}>Printable copy with the signature record</Link>
      </p>

      {agreement.actions.some((action) => action !== "sign") ? (
        <TitledSection id="manage" title="Manage the agreement" className="space-y-4 border-t border-rule pt-6">
          <div className="flex flex-wrap gap-4">
            {can("edit") ? (
              <Link href={`/agreements/${agreement.id}/edit`} className="bg-panel px-3 py-1.5 font-bold text-ink no-underline visited:text-ink hover:bg-rule">
                Change the draft
              </Link>
            ) : null}
            {can("send_for_signature") ? (
              <ActionForm action={sendForSignatureAction} fields={fields} label="Send for signature" variant="primary">
                Send for signature
              </ActionForm>
            ) : null}
            {can("withdraw_from_signature") ? (
              <ActionForm action={withdrawFromSignatureAction} fields={fields} label="Withdraw from signature">
                Withdraw from signature
              </ActionForm>
            ) : null}
            {can("amend") ? (
              <ActionForm action={amendAction} fields={fields} label="Amend the agreement">
                Amend the agreement
              </ActionForm>
            ) : null}
            {can("reinstate") ? (
              <ActionForm action={reinstateAction} fields={fields} label="Reinstate the agreement" variant="primary">
                Reinstate the agreement
              </ActionForm>
            ) : null}
            {can("delete") ? (
              <ActionForm action={deleteDraftAction} fields={fields} label="Delete the draft" variant="warning">
                Delete the draft
              </ActionForm>
            ) : null}
          </div>
          {can("suspend") ? (
            <ReasonForm action={suspendAction} agreementId={agreement.id} label="Suspend the agreement" hint="Recipients lose access at once; the reason is kept on record and shown to the parties." />
          ) : null}
          {can("terminate") ? (
            <ReasonForm action={terminateAction} agreementId={agreement.id} label="Terminate the agreement" hint="This cannot be undone. Recipients lose access at once." />
          ) : null}
        </TitledSection>
      ) : null}

      <TitledSection id="versions" title="Versions" className="space-y-8 border-t border-rule pt-6">
        {agreement.versions.map((version) => (
          <VersionRecord key={version.id} version={version} />
        ))}
      </TitledSection>
    </div>
  );
}
