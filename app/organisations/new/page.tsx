import type { Metadata } from "next";
import { OrganisationForm } from "@/components/organisations/organisation-form";
import { requirePagePermission } from "@/lib/pages";
import { organisationFormOptions } from "@/lib/organisations/options";
import { createOrganisationAction } from "../actions";

export const metadata: Metadata = { title: "Add an organisation" };

export default async function NewOrganisationPage() {
  await requirePagePermission("organisations.manage", "/organisations/new");
  return (
    <div className="max-w-2xl space-y-6">
      <h1 className="text-3xl font-bold">Add an organisation</h1>
      <OrganisationForm action={createOrganisationAction} submitLabel="Add organisation" {...organisationFormOptions()} />
    </div>
  );
}
