import type { Metadata } from "next";
import { VersionRecord } from "@/components/agreements/version-record";
import { getAgreement } from "@/lib/agreements/service";
import { orNotFound, requirePagePermission } from "@/lib/pages";

export const metadata: Metadata = { title: "Agreement, printable" };

const printed = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/London" });

/** A clean copy for a data protection officer to file: the terms in force (or latest), with every signature. */
export default async function PrintAgreementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requirePagePermission("agreements.read", `/agreements/${id}/print`);
  const agreement = await orNotFound(getAgreement(viewer, id));
  const version = agreement.versions.find((candidate) => candidate.id === agreement.currentVersionId) ?? agreement.versions[0]!;
  return (
    <article className="agreement-print max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold">
        {agreement.reference}: {agreement.title}
      </h1>
      <p>
        <strong>State:</strong> {agreement.state}. Printed {printed.format(new Date())} from the VAWG partner data-sharing portal.
      </p>
      <section aria-labelledby="terms-title" className="space-y-2">
        <h2 id="terms-title" className="text-2xl font-bold">
          Terms of version {version.version}
        </h2>
        <pre className="whitespace-pre-wrap font-sans">{version.text}</pre>
        <p className="break-all text-sm">SHA-256 of these terms: {version.sha256}</p>
      </section>
      <section aria-labelledby="signature-record" className="space-y-2">
        <h2 id="signature-record" className="text-2xl font-bold">
          Signature record
        </h2>
        <VersionRecord version={version} showTerms={false} />
      </section>
    </article>
  );
}
