import { DataTable } from "@/components/data-table";
import type { VersionDetail } from "@/lib/agreements/service";

const VERSION_STATUS: Record<VersionDetail["status"], string> = {
  draft: "Draft",
  awaiting_signatures: "Awaiting signatures",
  signed: "Signed — these terms are the ones in force",
  superseded: "Superseded by a later version",
  withdrawn: "Withdrawn from signature",
};

const ROLE_WORDS = { provider: "Provides data", recipient: "Receives data", both: "Provides and receives data" } as const;

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/London" });

/** One version: its status, who has signed it and when, and (optionally) its full terms. */
export function VersionRecord({ version, headingLevel = 3, showTerms = true }: { version: VersionDetail; headingLevel?: 2 | 3; showTerms?: boolean }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="space-y-3">
      <Heading className={headingLevel === 2 ? "text-2xl font-bold" : "text-xl font-bold"}>
        Version {version.version}: {VERSION_STATUS[version.status]}
      </Heading>
      <DataTable caption={`Parties and signatures, version ${version.version}`} columns={["Party", "Part", "Contact", "Signature"]}>
        {version.parties.map((party) => (
          <tr key={party.orgId} className="border-b border-rule align-top">
            <td className="py-2 pr-4">{party.orgName}</td>
            <td className="py-2 pr-4">{ROLE_WORDS[party.role]}</td>
            <td className="py-2 pr-4">
              {party.contactName}, {party.contactEmail}
            </td>
            <td className="py-2">
              {party.signature ? (
                <>
                  Signed by {party.signature.signerName}, {party.signature.signerTitle}, on {dateTime.format(party.signature.signedAt)}
                  {party.signature.termsSha256 ? <span className="block break-all text-sm text-muted">Terms SHA-256 {party.signature.termsSha256}</span> : null}
                </>
              ) : version.status === "awaiting_signatures" ? (
                "Not signed yet"
              ) : (
                "Not signed"
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {showTerms ? (
        <details>
          <summary className="cursor-pointer text-link underline">The full terms of version {version.version}</summary>
          <pre className="mt-2 max-w-3xl whitespace-pre-wrap border-l-4 border-rule pl-4 font-sans">{version.text}</pre>
          <p className="break-all text-sm text-muted">SHA-256 of these terms: {version.sha256}</p>
        </details>
      ) : null}
    </div>
  );
}
