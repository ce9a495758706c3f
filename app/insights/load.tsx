import { InsightFilters } from "@/components/insights/insight-filters";
import { authorise } from "@/lib/access/authorise";
import { ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS } from "@/lib/access/organisation-types";
import { requireViewer, type Viewer } from "@/lib/auth/viewer";
import { Invalid } from "@/lib/errors";
import { periodOptions } from "@/lib/insights/filters";
import { insightView, parseInsightFilters, type InsightResult, type InsightViewName } from "@/lib/insights/service";
import { orNotFound } from "@/lib/pages";
import { listLocalAuthorities, listPoliceForceAreas } from "@/lib/reference";
import { THREAT_AREAS } from "@/lib/taxonomy";

export type SearchParams = Record<string, string | string[] | undefined>;

/** One view's result: its own figures, with the filters and the disclosure control they were read under. */
export type InsightOf<View extends InsightViewName> = Extract<InsightResult, { view: View }>;

export type LoadedInsight<View extends InsightViewName> = { view: View; viewer: Viewer; result?: InsightOf<View>; problem?: Invalid; filterForm: React.ReactNode };

/** Where a view's page is: the overview at /insights, every other view below it by its name. */
const insightPath = (view: InsightViewName) => (view === "overview" ? "/insights" : `/insights/${view}`);

/**
 * An insight page's data: the viewer (a 404 for anyone without an insights permission), the view
 * read under the filters in the URL, or the filters' problem, and the filter form with the values sent.
 */
export async function loadInsight<View extends InsightViewName>(view: View, searchParams: Promise<SearchParams>): Promise<LoadedInsight<View>> {
  const path = insightPath(view);
  const viewer = await requireViewer(path);
  await orNotFound(authorise(viewer, viewer.role === "org_manager" ? "insights.read_own_org" : "insights.read", { path }));
  const params = await searchParams;
  let result: InsightOf<View> | undefined;
  let problem: Invalid | undefined;
  try {
    // The service builds the view it is asked for, so its result is that view's.
    result = (await orNotFound(insightView(viewer, view, parseInsightFilters(params)))) as InsightOf<View>;
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    problem = error;
  }
  const filterForm = insightFilterForm(path, params, problem);
  return { view, viewer, ...(result ? { result } : {}), ...(problem ? { problem } : {}), filterForm };
}

/** The filter form of an insight page, with the values sent and the problems with them. */
export function insightFilterForm(action: string, params: SearchParams, problem?: Invalid): React.ReactNode {
  const value = (name: string) => {
    const raw = params[name];
    return (Array.isArray(raw) ? raw[0] : raw) ?? "";
  };
  return (
    <InsightFilters
      action={action}
      values={{ period: value("period"), force_area: value("force_area"), lad: value("lad"), threat_area: value("threat_area"), partner_type: value("partner_type") }}
      options={{
        periods: periodOptions(),
        forceAreas: listPoliceForceAreas().map((area) => ({ value: area.code, label: area.name })),
        localAuthorities: [...listLocalAuthorities()].map((lad) => ({ value: lad.code, label: lad.name })).sort((a, b) => a.label.localeCompare(b.label, "en-GB")),
        threatAreas: THREAT_AREAS.codes.map((code) => ({ value: code, label: THREAT_AREAS.label(code) })),
        partnerTypes: ORGANISATION_TYPES.filter((type) => type !== "national").map((type) => ({ value: type, label: ORGANISATION_TYPE_LABELS[type] })),
      }}
      errors={problem?.fieldErrors ?? {}}
    />
  );
}
