import Link from "next/link";
import { TitledSection } from "@/components/titled-section";

/** For an analyst: the partners whose records an agreement in force shares with their organisation today. */
export function SharingProviders({ providers, organisationName }: { providers: readonly { id: string; name: string }[]; organisationName: string }) {
  return (
    <TitledSection id="sharing-providers" title={`Shared with ${organisationName} today`} className="space-y-3">
      {providers.length === 0 ? (
        <p>No agreement in force shares record-level data with your organisation today.</p>
      ) : (
        <>
          <p>
            {providers.length === 1 ? "One partner shares" : `${providers.length} partners share`} their records with you under agreements in force:
          </p>
          <ul className="list-disc space-y-1 pl-6">
            {providers.map((provider) => (
              <li key={provider.id}>{provider.name}</li>
            ))}
          </ul>
          <p>
            <Link href="/partner-data">See the shared records</Link>
          </p>
        </>
      )}
    </TitledSection>
  );
}
