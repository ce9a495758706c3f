import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table";
import { ErrorSummary } from "@/components/form/error-summary";
import { PartnerDataFilters } from "@/components/partner-data/partner-data-filters";
import { ORGANISATION_TYPE_LABELS } from "@/lib/access/organisation-types";
import { Invalid } from "@/lib/errors";
import { requirePagePermission } from "@/lib/pages";
import { getLocalAuthority } from "@/lib/reference";
import {
  SHARED_EXPORT_LIMIT,
  SHARED_SORTS,
  SHARED_SORT_LABELS,
  getSharedScope,
  listSharedDisclosures,
  parseSharedQuery,
  queryStringOf,
  type SharedPage,
  type SharedQuery,
} from "@/lib/shared-disclosures/service";
import { THREAT_AREAS, formatMonth } from "@/lib/taxonomy";

export const metadata: Metadata = { title: "Partner data" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function PartnerDataPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("records.read", "/partner-data");
  const params = await searchParams;
  let query: SharedQuery | undefined;
  let problem: Invalid | undefined;
  try {
    query = parseSharedQuery(params);
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    problem = error;
  }
  const page: SharedPage | undefined = query ? await listSharedDisclosures(viewer, query) : undefined;
  const scope = page?.scope ?? (await getSharedScope(viewer));
  const recordAccess = page ? page.recordAccess : scope.providers.length > 0;
  const value = (name: string) => {
    const raw = params[name];
    return (Array.isArray(raw) ? raw[0] : raw) ?? "";
  };
  const { cursor: cursorError, ...fieldErrors } = problem?.fieldErrors ?? {};
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Partner data</h1>
      <p>
        Disclosures that partner organisations share with {viewer.organisation.name} record by record, under data-sharing agreements in force today. Each record
        shows only the fields and threat areas its agreement shares.
      </p>
      {problem ? <ErrorSummary message={cursorError ?? problem.message} fieldErrors={fieldErrors} /> : null}
      {!recordAccess ? (
        <div className="border-l-4 border-rule pl-4">
          <h2 className="text-2xl font-bold">No record-level data is shared with your organisation</h2>
          <p className="mt-2">
            {page?.aggregateAccess
              ? "The agreements in force with your organisation share aggregate figures only. This page lists record-level data only, so it has no rows for you; aggregate figures are not listed here."
              : "No data-sharing agreement in force shares record-level data with your organisation. This page lists record-level data only."}
          </p>
        </div>
      ) : (
        <>
          <PartnerDataFilters
            values={{ provider: value("provider"), partner_type: value("partner_type"), area: value("area"), from: value("from"), to: value("to"), lad: value("lad"), sort: value("sort") || "newest" }}
            options={{
              providers: scope.providers.map((provider) => ({ value: provider.id, label: provider.name })),
              partnerTypes: [...new Set(scope.providers.map((provider) => provider.type))].map((type) => ({ value: type, label: ORGANISATION_TYPE_LABELS[type] })),
              areas: scope.threatAreas.map((area) => ({ value: area, label: THREAT_AREAS.label(area) })),
              localAuthorities: scope.localAuthorityCodes
                .map((code) => ({ value: code, label: getLocalAuthority(code)?.name ?? code }))
                .sort((a, b) => a.label.localeCompare(b.label, "en-GB")),
              sorts: SHARED_SORTS.map((sort) => ({ value: sort, label: SHARED_SORT_LABELS[sort] })),
            }}
            errors={fieldErrors}
          />
          {page && query ? <Results page={page} query={query} /> : null}
        </>
      )}
    </div>
  );
}

function Results({ page, query }: { page: SharedPage; query: SharedQuery }) {
  const pageHref = (cursor: string) => `/partner-data?${queryStringOf(query, { cursor })}`;
  const exportQuery = queryStringOf(query);
  return (
    <>
      <p role="status">
        {page.items.length === 0
          ? "No shared disclosures match these filters."
          : `Showing ${page.items.length.toLocaleString("en-GB")} ${page.items.length === 1 ? "row" : "rows"}${page.previous || page.next ? ", 50 to a page" : ""}.`}
      </p>
      {page.items.length > 0 ? (
        <>
          <p>
            {/* No `download` attribute: the CSV comes as an attachment, and a refusal (the hourly export limit) shows as a page. */}
            <a href={`/partner-data/export${exportQuery ? `?${exportQuery}` : ""}`}>
              Download these rows as CSV
            </a>{" "}
            <span className="text-muted">
              (every row that matches the filters, on this page and the others, up to {SHARED_EXPORT_LIMIT.toLocaleString("en-GB")}; the download is recorded in the audit
              log)
            </span>
          </p>
          <DataTable caption={`Shared disclosures, ${SHARED_SORT_LABELS[query.sort].toLowerCase()}`} columns={["Submitted", "Provider", "Month", "Threat areas in scope", "Local authority"]}>
            {page.items.map((item) => {
              const month = item.answers.disclosure_month;
              const lad = item.answers.lad_code;
              return (
                <tr key={item.id} className="border-b border-rule align-top">
                  <td className="py-2 pr-4">
                    <Link href={`/partner-data/${item.id}`}>
                      {formatDateTime(item.submittedAt)}
                      <span className="sr-only">, record from {item.provider.name}</span>
                    </Link>
                  </td>
                  <td className="py-2 pr-4">
                    {item.provider.name}
                    <span className="block text-muted">{ORGANISATION_TYPE_LABELS[item.provider.type]}</span>
                  </td>
                  <td className="py-2 pr-4">{typeof month === "string" ? formatMonth(month) : "Not shared"}</td>
                  <td className="py-2 pr-4">{item.threatAreas.map((area) => THREAT_AREAS.label(area)).join(", ")}</td>
                  <td className="py-2">{typeof lad === "string" ? (getLocalAuthority(lad)?.name ?? lad) : "Not shared"}</td>
                </tr>
              );
            })}
          </DataTable>
        </>
      ) : null}
      {page.previous || page.next ? (
        <nav aria-label="Pagination" className="flex flex-wrap gap-4">
          {page.previous ? <Link href={pageHref(page.previous)}>Previous page</Link> : null}
          {page.next ? <Link href={pageHref(page.next)}>Next page</Link> : null}
        </nav>
      ) : null}
    </>
  );
}

function formatDateTime(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" }).format(date);
}
