import type { Metadata } from "next";
import Link from "next/link";
import { DisclosureAnswers } from "@/components/disclosures/disclosure-answers";
import { StatusTag } from "@/components/disclosures/status-tag";
import { can } from "@/lib/access/permissions";
import { getDisclosure } from "@/lib/disclosures/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";
import { getLocalAuthority, getPoliceForceArea } from "@/lib/reference";
import { formatMonth } from "@/lib/taxonomy";
import { TitledSection } from "@/components/titled-section";
import { DataTable } from "@/components/data-table";

export const metadata: Metadata = { title: "Disclosure" };

const SAVED: Record<string, string> = {
  draft: "Draft saved. Only you can see it until it is submitted.",
  submitted: "Disclosure submitted.",
  corrected: "Correction submitted. It replaces the earlier version.",
  withdrawn: "Disclosure withdrawn.",
};

export default async function DisclosurePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const viewer = await requirePagePermission("disclosures.read_own", `/disclosures/${id}`);
  const disclosure = await orNotFound(getDisclosure(viewer, id));
  const savedKey = (await searchParams).saved;
  const saved = typeof savedKey === "string" ? SAVED[savedKey] : undefined;
  const authority = disclosure.ladCode ? getLocalAuthority(disclosure.ladCode) : undefined;
  const forceArea = authority ? getPoliceForceArea(authority.forceAreaCode) : undefined;
  const isDraft = disclosure.status === "draft";
  return (
    <div className="max-w-3xl space-y-6">
      <p>
        <Link href="/disclosures">Back to disclosures</Link>
      </p>
      {saved ? (
        <p role="status" className="border-l-4 border-success pl-4 font-bold">
          {saved}
        </p>
      ) : null}
      <h1 className="text-3xl font-bold">
        {isDraft ? "Draft disclosure" : "Disclosure"}
        {disclosure.disclosureMonth ? `, ${formatMonth(disclosure.disclosureMonth)}` : ""}
      </h1>
      <p className="flex flex-wrap items-center gap-3">
        <StatusTag status={disclosure.status} />
        {isDraft ? null : <span>Version {disclosure.version}</span>}
        {disclosure.createdByName ? <span className="text-muted">Recorded by {disclosure.createdByName}</span> : null}
      </p>
      {disclosure.status === "withdrawn" && disclosure.withdrawnReason ? (
        <p>
          <strong>Reason for withdrawal:</strong> {disclosure.withdrawnReason}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-4">
        {isDraft && disclosure.corrects && can(viewer.role, "disclosures.correct") ? (
          <Link href={`/disclosures/${disclosure.corrects}/correct`} className="font-bold">
            Continue the correction
          </Link>
        ) : null}
        {isDraft && !disclosure.corrects && can(viewer.role, "disclosures.create") ? (
          <Link href={`/disclosures/${disclosure.id}/edit`} className="font-bold">
            Continue the draft
          </Link>
        ) : null}
        {disclosure.current && can(viewer.role, "disclosures.correct") ? (
          <Link href={`/disclosures/${disclosure.id}/correct`} className="font-bold">
            Correct this disclosure
          </Link>
        ) : null}
        {disclosure.current && can(viewer.role, "disclosures.withdraw") ? (
          <Link href={`/disclosures/${disclosure.id}/withdraw`} className="font-bold">
            Withdraw this disclosure
          </Link>
        ) : null}
      </div>
      <DisclosureAnswers
        input={disclosure.input}
        localAuthority={authority ? `${authority.name} (${authority.code})` : undefined}
        forceArea={forceArea ? forceArea.name : undefined}
      />
      {disclosure.versions.length > 0 ? (
        <TitledSection id="history-title" title="Version history" className="space-y-2">
          <DataTable caption="Versions of this disclosure, newest first" columns={["Version", "Status", "Submitted", "Withdrawal reason"]}>
            {disclosure.versions.map((version) => (
              <tr key={version.id} className="border-b border-rule align-top">
                <td className="py-2 pr-4">
                  {version.id === disclosure.id ? (
                    <span>Version {version.version} (this one)</span>
                  ) : (
                    <Link href={`/disclosures/${version.id}`}>Version {version.version}</Link>
                  )}
                </td>
                <td className="py-2 pr-4">
                  <StatusTag status={version.status} />
                </td>
                <td className="py-2 pr-4">{version.submittedAt ? formatDateTime(version.submittedAt) : "—"}</td>
                <td className="py-2">{version.withdrawnReason ?? "—"}</td>
              </tr>
            ))}
          </DataTable>
        </TitledSection>
      ) : null}
    </div>
  );
}

function formatDateTime(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" }).format(date);
}
