import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { ActionForm } from "@/components/form/action-form";
import { ErrorSummary } from "@/components/form/error-summary";
import { AuditFilters } from "@/components/audit/audit-filters";
import { TitledSection } from "@/components/titled-section";
import { permits } from "@/lib/access/permissions";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from "@/lib/audit/events";
import {
  AUDIT_EXPORT_MAX_ROWS,
  AUDIT_PAGE_SIZE,
  auditChainStatus,
  auditQueryString,
  listAuditEvents,
  listAuditOrganisations,
  parseAuditQuery,
  type AuditPage,
  type AuditQuery,
  type ChainStatus,
} from "@/lib/audit-log/service";
import { Invalid } from "@/lib/errors";
import { requirePagePermission } from "@/lib/pages";
import { verifyAuditChainAction } from "./actions";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;

const OUTCOME_LABELS = { success: "Succeeded", failure: "Failed", denied: "Refused" } as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("audit.read", "/audit");
  const params = await searchParams;
  let query: AuditQuery | undefined;
  let problem: Invalid | undefined;
  try {
    query = parseAuditQuery(params);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    problem = error;
  }
  const [page, organisations, status] = await Promise.all([
    query ? listAuditEvents(viewer, query) : undefined,
    listAuditOrganisations(viewer),
    permits(viewer, "audit.verify") ? auditChainStatus(viewer) : undefined,
  ]);
  const value = (name: string) => {
    const raw = params[name];
    return (Array.isArray(raw) ? raw[0] : raw) ?? "";
  };
  const { cursor: cursorError, ...fieldErrors } = problem?.fieldErrors ?? {};
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Audit log</h1>
      <p>
        Every sign-in, refusal, change and record-level read in the portal, newest first. Events are never changed or removed, and each is sealed into a hash chain
        when it is committed, so that any later change shows when the chain is verified.
      </p>
      {status ? <ChainStatusSection status={status} /> : null}
      <TitledSection id="events-title" title="Events" className="space-y-4">
        {problem ? <ErrorSummary message={cursorError ?? problem.message} fieldErrors={fieldErrors} /> : null}
        <AuditFilters
          values={{ from: value("from"), to: value("to"), actor: value("actor"), organisation: value("organisation"), action: value("action"), outcome: value("outcome") }}
          options={{
            organisations: organisations.map((organisation) => ({ value: organisation.id, label: organisation.name })),
            actions: [...AUDIT_ACTIONS].sort().map((action) => ({ value: action, label: action })),
            outcomes: AUDIT_OUTCOMES.map((outcome) => ({ value: outcome, label: OUTCOME_LABELS[outcome] })),
          }}
          errors={fieldErrors}
        />
        {page && query ? <Events page={page} query={query} /> : null}
      </TitledSection>
    </div>
  );
}

function ChainStatusSection({ status }: { status: ChainStatus }) {
  const last = status.lastVerification;
  return (
    <TitledSection id="chain-title" title="Hash chain" className="space-y-4">
      <p>
        The chain has {status.head.position.toLocaleString("en-GB")} {status.head.position === 1 ? "link" : "links"}. Its last hash is{" "}
        <code className="break-all">{status.head.hash}</code>.
      </p>
      {last === null ? (
        <p>The chain has not been verified yet.</p>
      ) : last.intact ? (
        <p role="status">
          <strong>Intact</strong> when last verified {last.byScheduler ? "by the daily check" : "by an auditor"} on {formatDateTime(last.at)}: {last.checked.toLocaleString("en-GB")}{" "}
          {last.checked === 1 ? "link" : "links"} checked.
        </p>
      ) : (
        <div role="alert" className="border-l-4 border-error pl-4">
          <p>
            <strong>Broken</strong> when last verified {last.byScheduler ? "by the daily check" : "by an auditor"} on {formatDateTime(last.at)}.
          </p>
          {last.broken ? (
            <>
              <p>{last.broken.message}</p>
              <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4">
                <dt className="font-bold">Link</dt>
                <dd>{last.broken.position}</dd>
                <dt className="font-bold">Audit event</dt>
                <dd>{last.broken.eventSeq ?? "None"}</dd>
                <dt className="font-bold">Expected</dt>
                <dd className="break-all">{last.broken.expected}</dd>
                <dt className="font-bold">Found</dt>
                <dd className="break-all">{last.broken.found}</dd>
              </dl>
            </>
          ) : null}
        </div>
      )}
      <ActionForm action={verifyAuditChainAction} label="Verify the hash chain" variant="primary">
        Verify now
      </ActionForm>
    </TitledSection>
  );
}

function Events({ page, query }: { page: AuditPage; query: AuditQuery }) {
  const href = (cursor: AuditQuery["cursor"]) => {
    const search = auditQueryString(query, cursor);
    return `/audit${search ? `?${search}` : ""}`;
  };
  const exportQuery = auditQueryString(query);
  return (
    <>
      <p role="status">
        {page.items.length === 0
          ? "No audit events match these filters."
          : `Showing ${page.items.length.toLocaleString("en-GB")} ${page.items.length === 1 ? "event" : "events"}${page.older || page.newer ? `, ${AUDIT_PAGE_SIZE} to a page` : ""}.`}
      </p>
      {page.items.length > 0 ? (
        <p>
          {/* No `download` attribute: the CSV comes as an attachment, and a refusal (the hourly export limit) shows as a page. */}
          <a href={`/audit/export${exportQuery ? `?${exportQuery}` : ""}`}>Download these events as CSV</a>{" "}
          <span className="text-muted">
            (every event that matches the filters, on this page and the others, up to {AUDIT_EXPORT_MAX_ROWS.toLocaleString("en-GB")}; the download is itself recorded in
            the log)
          </span>
        </p>
      ) : null}
      {page.items.length > 0 ? (
        <div className="overflow-x-auto">
          <DataTable caption="Audit events, newest first" columns={["Event", "When (UK time)", "Action", "Outcome", "Actor", "Target", "Client address and request", "Details"]}>
            {page.items.map((item) => (
              <tr key={item.seq} className="border-b border-rule align-top">
                <td className="py-2 pr-4">
                  {item.seq}
                  <span className="block text-muted">{item.position === null ? "not sealed" : `link ${item.position}`}</span>
                </td>
                <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(item.occurredAt)}</td>
                <td className="py-2 pr-4">
                  <code>{item.action}</code>
                </td>
                <td className="py-2 pr-4">{OUTCOME_LABELS[item.outcome]}</td>
                <td className="py-2 pr-4">
                  {item.actor ? (item.actor.email ?? item.actor.id) : "Nobody signed in"}
                  {item.organisation ? <span className="block text-muted">{item.organisation.name ?? item.organisation.id}</span> : null}
                </td>
                <td className="py-2 pr-4 break-all">{item.subject ? `${item.subject.type} ${item.subject.id}` : "None"}</td>
                <td className="py-2 pr-4">
                  {item.ipAddress ?? "Unknown"}
                  {item.requestId ? <span className="block text-muted break-all">request {item.requestId}</span> : null}
                </td>
                <td className="py-2">
                  {Object.keys(item.details).length === 0 ? (
                    "None"
                  ) : (
                    <details>
                      <summary>
                        Details<span className="sr-only"> of event {item.seq}</span>
                      </summary>
                      <pre className="max-w-md overflow-x-auto text-sm whitespace-pre-wrap break-all">{JSON.stringify(item.details, null, 2)}</pre>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      ) : null}
      {page.newer || page.older ? (
        <nav aria-label="Pagination" className="flex flex-wrap gap-4">
          {page.newer ? <Link href={href({ direction: "after", seq: page.newer })}>Newer events</Link> : null}
          {page.older ? <Link href={href({ direction: "before", seq: page.older })}>Older events</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

function formatDateTime(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(
    date,
  );
}
