import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/access/permissions";
import { requirePagePermission } from "@/lib/pages";
import { listOrganisations } from "@/lib/organisations/service";
import { ORGANISATION_TYPE_LABELS } from "@/lib/access/organisation-types";
import { getLocalAuthority, getPoliceForceArea } from "@/lib/reference";
import { DataTable } from "@/components/data-table";

export const metadata: Metadata = { title: "Organisations" };

export default async function OrganisationsPage() {
  const viewer = await requirePagePermission("organisations.read", "/organisations");
  const organisations = await listOrganisations(viewer);
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Organisations</h1>
      {can(viewer.role, "organisations.manage") ? (
        <p>
          <Link href="/organisations/new" className="font-bold">
            Add an organisation
          </Link>
        </p>
      ) : null}
      <DataTable
        caption="Organisations, their type, coverage and status"
        columns={["Name", "Type", "Works in", "Status"]}
        empty={<p className="font-bold">There are no organisations yet.</p>}
      >
        {organisations.map((organisation) => (
          <tr key={organisation.id} className="border-b border-rule align-top">
            <td className="py-2 pr-4">
              {can(viewer.role, "organisations.manage") ? <Link href={`/organisations/${organisation.id}`}>{organisation.name}</Link> : organisation.name}
            </td>
            <td className="py-2 pr-4">{ORGANISATION_TYPE_LABELS[organisation.type]}</td>
            <td className="py-2 pr-4">
              {organisation.coverage.length === 0
                ? "England and Wales"
                : organisation.coverage
                    .map((area) => (area.ladCode ? getLocalAuthority(area.ladCode)?.name : getPoliceForceArea(area.forceAreaCode)?.name) ?? area.forceAreaCode)
                    .join(", ")}
            </td>
            <td className="py-2">{organisation.status === "active" ? "Active" : <strong>Suspended</strong>}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
