import Link from "next/link";
import { DataTable } from "@/components/data-table";
import type { AgreementSummary } from "@/lib/agreements/service";

const ROLE_WORDS = { provider: "provides", recipient: "receives", both: "provides and receives" } as const;

/** Agreements in a table: reference, title, parties and their parts, state. */
export function AgreementList({ caption, agreements }: { caption: string; agreements: readonly AgreementSummary[] }) {
  return (
    <DataTable caption={caption} columns={["Reference", "Title", "Parties", "State"]}>
      {agreements.map((agreement) => (
        <tr key={agreement.id} className="border-b border-rule align-top">
          <td className="py-2 pr-4">
            <Link href={`/agreements/${agreement.id}`}>{agreement.reference}</Link>
          </td>
          <td className="py-2 pr-4">{agreement.title}</td>
          <td className="py-2 pr-4">
            <ul>
              {agreement.parties.map((party) => (
                <li key={party.orgId}>
                  {party.name} <span className="text-muted">({ROLE_WORDS[party.role]})</span>
                </li>
              ))}
            </ul>
          </td>
          <td className="py-2">{agreement.state}</td>
        </tr>
      ))}
    </DataTable>
  );
}
