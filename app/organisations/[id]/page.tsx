import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/form/action-form";
import { OrganisationForm } from "@/components/organisations/organisation-form";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { getOrganisation } from "@/lib/organisations/service";
import { organisationFormOptions } from "@/lib/organisations/options";
import { setOrganisationStatusAction, updateOrganisationAction } from "../actions";
import { TitledSection } from "@/components/titled-section";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const viewer = await requirePagePermission("organisations.manage", `/organisations/${id}`);
  const organisation = await orNotFound(getOrganisation(viewer, id));
  const saved = Boolean((await searchParams).saved);
  const forceAreaCode = organisation.coverage[0]?.forceAreaCode ?? "";
  const ladCodes = organisation.coverage.flatMap((area) => (area.ladCode ? [area.ladCode] : []));
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">{organisation.name}</h1>
      {saved ? (
        <p role="status" className="border-l-4 border-success pl-4 font-bold">
          Saved.
        </p>
      ) : null}
      <OrganisationForm
        action={updateOrganisationAction}
        submitLabel="Save changes"
        initial={{ id: organisation.id, name: organisation.name, type: organisation.type, forceAreaCode, ladCodes }}
        {...organisationFormOptions()}
      />
      <TitledSection id="sso-title" title="Single sign-on" className="space-y-2 border-t border-rule pt-6">
        <p>
          <Link href={`/admin/organisations/${organisation.id}/sso`}>Set up or change the organisation&apos;s OpenID Connect provider</Link>
        </p>
      </TitledSection>
      <TitledSection id="status-title" title={<>Status: {organisation.status === "active" ? "active" : "suspended"}</>} className="space-y-2 border-t border-rule pt-6">
        <p>
          {organisation.status === "active"
            ? "Suspending the organisation signs its members out at once; they cannot act for it until it is reinstated."
            : "Reinstating lets its members sign in and act for it again."}
        </p>
        <ActionForm
          action={setOrganisationStatusAction}
          fields={{ id: organisation.id, status: organisation.status === "active" ? "suspended" : "active" }}
          label={organisation.status === "active" ? "Suspend organisation" : "Reinstate organisation"}
          variant={organisation.status === "active" ? "warning" : "primary"}
        >
          {organisation.status === "active" ? "Suspend organisation" : "Reinstate organisation"}
        </ActionForm>
      </TitledSection>
    </div>
  );
}
