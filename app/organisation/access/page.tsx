import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { ErrorSummary } from "@/components/form/error-summary";
import { listOrganisationAccess, parseAccessCursor, type AccessEvent, type AccessPage } from "@/lib/audit-log/organisation-access";
import { Invalid } from "@/lib/errors";
import { requirePagePermission } from "@/lib/pages";

export const metadata: Metadata = { title: "Who accessed your data" };

type SearchParams = Record<string, string | string[] | undefined>;

const ACTION_LABELS: Record<AccessEvent["action"], string> = {
  "shared_disclosure.viewed": "Opened a record",
  "shared_disclosures.listed": "Listed records",
  "shared_disclosures.exported": "Downloaded records",
};

export default async function OrganisationAccessPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("audit.read_org_access", "/organisation/access");
  const params = await searchParams;
  let before: number | undefined;
  let problem: Invalid | undefined;
  try {
    before = parseAccessCursor(params.before);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    problem = error;
  }
  const page: AccessPage | undefined = problem ? undefined : await listOrganisationAccess(viewer, before);
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Who accessed your data</h1>
      <p>
        Each time someone in a partner organisation opened, listed or downloaded records that {viewer.organisation.name} shares with them, newest first: who, for
        which organisation, when, how many of your records, and under which agreements. Only your organisation&apos;s records are counted.
      </p>
      {problem ? <ErrorSummary message={problem.message} fieldErrors={{}} /> : null}
      {page ? <Access page={page} /> : null}
    </div>
  );
}

function Access({ page }: { page: AccessPage }) {
  return (
    <>
      <p role="status">{page.items.length === 0 ? "Nobody in a partner organisation has read your organisation's records yet." : `Showing ${page.items.length} ${page.items.length === 1 ? "access" : "accesses"}.`}</p>
      {page.items.length > 0 ? (
        <DataTable caption="Reads of your organisation's records, newest first" columns={["When (UK time)", "Who", "Organisation", "What", "Your records", "Agreements"]}>
          {page.items.map((item) => (
            <tr key={item.seq} className="border-b border-rule align-top">
              <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(item.occurredAt)}</td>
              <td className="py-2 pr-4">{item.actor ? (item.actor.name ?? item.actor.id) : "Unknown"}</td>
              <td className="py-2 pr-4">{item.organisation ? (item.organisation.name ?? item.organisation.id) : "Unknown"}</td>
              <td className="py-2 pr-4">{ACTION_LABELS[item.action]}</td>
              <td className="py-2 pr-4">{item.records.toLocaleString("en-GB")}</td>
              <td className="py-2">
                {item.agreements.length === 0
                  ? "None recorded"
                  : item.agreements.map((agreement, index) => (
                      <span key={agreement.id}>
                        {index > 0 ? ", " : null}
                        <Link href={`/agreements/${agreement.id}`}>{agreement.reference ?? agreement.id}</Link>
                      </span>
                    ))}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {page.older ? (
        <nav aria-label="Pagination">
          <Link href={`/organisation/access?before=${page.older}`}>Older accesses</Link>
        </nav>
      ) : null}
    </>
  );
}

function formatDateTime(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(date);
}
