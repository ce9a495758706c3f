import Link from "next/link";
import { TitledSection } from "@/components/titled-section";
import type { AgreementSummary } from "@/lib/agreements/service";

/** A partner lead's reminder: the agreements waiting for their organisation's signature. */
export function AwaitingSignature({ agreements }: { agreements: readonly AgreementSummary[] }) {
  const waiting = agreements.filter((agreement) => agreement.awaitingYourSignature);
  if (waiting.length === 0) return null;
  return (
    <TitledSection id="awaiting-signature" title="Agreements waiting for your signature" className="space-y-3 border-l-4 border-focus pl-4">
      <ul className="list-disc space-y-1 pl-6">
        {waiting.map((agreement) => (
          <li key={agreement.id}>
            <Link href={`/agreements/${agreement.id}/sign`}>
              Read and sign {agreement.reference}: {agreement.title}
            </Link>
          </li>
        ))}
      </ul>
    </TitledSection>
  );
}
