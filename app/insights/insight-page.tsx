import Link from "next/link";
import type { ReactNode } from "react";
import { ErrorSummary } from "@/components/form/error-summary";
import { insightQueryString } from "@/lib/insights/filters";
import type { InsightViewName } from "@/lib/insights/service";
import type { InsightOf, LoadedInsight } from "./load";

type InsightPageProps<View extends InsightViewName> = {
  loaded: LoadedInsight<View>;
  title: string;
  /** What the view shows, said under the heading. */
  lede: ReactNode;
  /** The span the figures cover, announced as they change: the period chosen, unless the view reads a span of its own. */
  span?: (view: InsightOf<View>) => string;
  /** Whether no disclosure in scope matches the filters: a line says so in place of the view's figures. */
  empty?: (view: InsightOf<View>) => boolean;
  /** The view's figures, shown once the filters are read. */
  children: (view: InsightOf<View>) => ReactNode;
  /** Said under the view's figures whether or not any disclosure matched. */
  footnotes?: (view: InsightOf<View>) => ReactNode;
};

/**
 * The frame of every insight page: the heading and what the view shows, the filters (and what is
 * wrong with them, with no figures, when they cannot be read), then the view's figures. The
 * overview is the landing page: it names the period in its own headings, and every other view
 * links back to it with the same filters.
 */
export function InsightPage<View extends InsightViewName>({ loaded, title, lede, span = (view) => view.filters.period.label, empty, children, footnotes }: InsightPageProps<View>) {
  const { view: name, result: view, problem, filterForm } = loaded;
  const landing = name === "overview";
  const query = view ? insightQueryString(view.filters) : "";
  return (
    <div className="space-y-6">
      {landing ? null : (
        <p>
          <Link href={`/insights${query ? `?${query}` : ""}`}>Back to Insights</Link>
        </p>
      )}
      <h1 className="text-3xl font-bold">{title}</h1>
      <p>{lede}</p>
      {problem ? <ErrorSummary message={problem.message} fieldErrors={problem.fieldErrors} /> : null}
      {filterForm}
      {view ? (
        <>
          {landing ? null : <p role="status">Figures for {span(view)}.</p>}
          {empty?.(view) ? <p>No disclosures in scope match these filters.</p> : children(view)}
          {footnotes?.(view)}
        </>
      ) : null}
    </div>
  );
}
