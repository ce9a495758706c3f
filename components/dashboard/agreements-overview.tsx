import Link from "next/link";
import { TitledSection } from "@/components/titled-section";
import type { AgreementSummary } from "@/lib/agreements/service";

const SHOWN = 5;

/** Where the agreements the viewer can read stand: each one's state, the first few listed. */
export function AgreementsOverview({ agreements, title }: { agreements: readonly AgreementSummary[]; title: string }) {
  return (
    <TitledSection id="agreements-overview" title={title} className="space-y-3">
      {agreements.length === 0 ? (
        <p>There are no data-sharing agreements yet.</p>
      ) : (
        <>
          <ul className="divide-y divide-rule border-y border-rule">
            {agreements.slice(0, SHOWN).map((agreement) => (
              <li key={agreement.id} className="py-2">
                <Link href={`/agreements/${agreement.id}`}>
                  {agreement.reference}: {agreement.title}
                </Link>
                <span className="block text-muted">{agreement.state}</span>
              </li>
            ))}
          </ul>
          <p>
            <Link href="/agreements">{agreements.length > SHOWN ? `All ${agreements.length} agreements` : "Data-sharing agreements"}</Link>
          </p>
        </>
      )}
    </TitledSection>
  );
}
