import type { Metadata } from "next";
import Link from "next/link";
import { DisclosureFilters } from "@/components/disclosures/disclosure-filters";
import { StatusTag } from "@/components/disclosures/status-tag";
import { can } from "@/lib/access/permissions";
import { listDisclosures, type DisclosureFilter } from "@/lib/disclosures/service";
import { requirePagePermission } from "@/lib/pages";
import { getLocalAuthority } from "@/lib/reference";
import { THREAT_AREAS, formatMonth } from "@/lib/taxonomy";
import { DataTable } from "@/components/data-table";
import { pageNumber } from "@/lib/http/page-number";

export const metadata: Metadata = { title: "Disclosures" };

type SearchParams = Record<string, string | string[] | undefined>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const STATUSES = ["draft", "submitted", "withdrawn"] as const;

export default async function DisclosuresPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("disclosures.read_own", "/disclosures");
  const params = await searchParams;
  const filter = filterOf(params);
  const { items, total, page, pageSize } = await listDisclosures(viewer, filter);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageHref = (target: number) => `/disclosures?${new URLSearchParams({ ...queryOf(filter), page: String(target) }).toString()}`;
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Disclosures</h1>
      <p>
        {can(viewer.role, "disclosures.read_org")
          ? "Your organisation's submitted disclosures and your own drafts."
          : "The disclosures you have submitted and your drafts. Drafts are visible only to you."}
      </p>
      {can(viewer.role, "disclosures.create") ? (
        <p>
          <Link href="/disclosures/new" className="inline-block bg-action px-4 py-2 text-lg font-bold text-white no-underline visited:text-white hover:bg-action-hover hover:text-white">
            Record a new disclosure
          </Link>
        </p>
      ) : null}
      <DisclosureFilters
        values={{ from: filter.fromMonth ?? "", to: filter.toMonth ?? "", area: filter.threatArea ?? "", status: filter.status ?? "" }}
        areas={THREAT_AREAS.options}
      />
      <p role="status" className={total === 0 ? "border-l-4 border-rule py-1 pl-4" : undefined}>
        {total > 0
          ? `${total.toLocaleString("en-GB")} ${total === 1 ? "disclosure" : "disclosures"}, page ${page} of ${pages}.`
          : Object.keys(queryOf(filter)).length > 0
            ? "No disclosures match these filters. Clear a filter to see more."
            : can(viewer.role, "disclosures.create")
              ? "There are no disclosures yet. Record one and it appears here."
              : "There are no disclosures yet."}
      </p>
      {items.length > 0 ? (
        <DataTable caption="Disclosures, newest first" columns={["Month", "Threat areas", "Local authority", "Status", "Recorded by", "Last changed"]}>
          {items.map((item) => (
            <tr key={item.id} className="border-b border-rule align-top">
              <td className="py-2 pr-4">
                <Link href={`/disclosures/${item.id}`}>{item.disclosureMonth ? formatMonth(item.disclosureMonth) : "No month yet"}</Link>
              </td>
              <td className="py-2 pr-4">{item.threatAreas.length > 0 ? item.threatAreas.map((area) => THREAT_AREAS.label(area)).join(", ") : "None yet"}</td>
              <td className="py-2 pr-4">{item.ladCode ? (getLocalAuthority(item.ladCode)?.name ?? item.ladCode) : "—"}</td>
              <td className="py-2 pr-4">
                <StatusTag status={item.status} />
                {item.version > 1 ? <span className="block text-muted">Version {item.version}</span> : null}
              </td>
              <td className="py-2 pr-4">{item.createdByName ?? "—"}</td>
              <td className="py-2">{formatDate(item.updatedAt)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="Pagination" className="flex flex-wrap gap-4">
          {page > 1 ? <Link href={pageHref(page - 1)}>Previous page</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link href={pageHref(page + 1)}>Next page</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Only well-formed filters are applied; anything else is ignored rather than refused. */
function filterOf(params: SearchParams): DisclosureFilter {
  const from = first(params.from);
  const to = first(params.to);
  const area = first(params.area);
  const status = first(params.status);
  return {
    ...(from && MONTH.test(from) ? { fromMonth: from } : {}),
    ...(to && MONTH.test(to) ? { toMonth: to } : {}),
    ...(THREAT_AREAS.has(area) ? { threatArea: area } : {}),
    ...(STATUSES.find((entry) => entry === status) ? { status: status as (typeof STATUSES)[number] } : {}),
    page: pageNumber(params.page),
  };
}

function queryOf(filter: DisclosureFilter): Record<string, string> {
  return {
    ...(filter.fromMonth ? { from: filter.fromMonth } : {}),
    ...(filter.toMonth ? { to: filter.toMonth } : {}),
    ...(filter.threatArea ? { area: filter.threatArea } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
}

function formatDate(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "short", year: "numeric" }).format(date);
}
