import type { Metadata } from "next";
import Link from "next/link";
import { DisclosureAnswers } from "@/components/disclosures/disclosure-answers";
import { TitledSection } from "@/components/titled-section";
import { ORGANISATION_TYPE_LABELS } from "@/lib/access/organisation-types";
import type { DisclosureInput } from "@/lib/disclosures/schema";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { getLocalAuthority, getPoliceForceArea } from "@/lib/reference";
import { getSharedDisclosure } from "@/lib/shared-disclosures/service";
import { THREAT_AREAS } from "@/lib/taxonomy";

export const metadata: Metadata = { title: "Shared disclosure" };

export default async function SharedDisclosurePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("records.read", `/partner-data/${id}`);
  const record = await orNotFound(getSharedDisclosure(viewer, id));
  const lad = record.answers.lad_code;
  const forceArea = record.answers.force_area_code;
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href="/partner-data">Back to partner data</Link>
      </p>
      <h1 className="text-3xl font-bold">Shared disclosure from {record.provider.name}</h1>
      <dl className="divide-y divide-rule border-y border-rule">
        <div className="grid gap-1 py-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-4">
          <dt className="font-bold">Provider</dt>
          <dd>
            {record.provider.name} ({ORGANISATION_TYPE_LABELS[record.provider.type]})
          </dd>
        </div>
        <div className="grid gap-1 py-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-4">
          <dt className="font-bold">Submitted</dt>
          <dd>{new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "long", timeStyle: "short" }).format(record.submittedAt)}</dd>
        </div>
        <div className="grid gap-1 py-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-4">
          <dt className="font-bold">Threat areas in scope</dt>
          <dd>{record.threatAreas.map((area) => THREAT_AREAS.label(area)).join(", ")}</dd>
        </div>
        <div className="grid gap-1 py-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-4">
          <dt className="font-bold">Shared under</dt>
          <dd>
            <ul>
              {record.agreements.map((agreement) => (
                <li key={agreement.id}>
                  {agreement.reference}: {agreement.title}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <p>Only the answers the agreement shares are shown. Opening this record is recorded in the audit log.</p>
      {record.fields.length > 0 ? (
        <DisclosureAnswers
          input={record.answers as DisclosureInput}
          only={record.fields}
          localAuthority={typeof lad === "string" ? getLocalAuthority(lad)?.name : undefined}
          forceArea={typeof forceArea === "string" ? getPoliceForceArea(forceArea)?.name : undefined}
        />
      ) : (
        <TitledSection id="answers" title="Answers" className="space-y-2">
          <p>The agreement shares no answers beyond the provider, the date and the threat areas.</p>
        </TitledSection>
      )}
    </div>
  );
}
