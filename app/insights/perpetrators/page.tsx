import type { Metadata } from "next";
import { ChartedTable } from "@/components/insights/charted-table";
import { DisclosureNote, ShareTable } from "@/components/insights/published-table";
import type { LabelledTable } from "@/lib/insights/views";
import { InsightPage } from "../insight-page";
import { loadInsight, type SearchParams } from "../load";

export const metadata: Metadata = { title: "Perpetrators" };

/** One answer by threat area: the chart, then the published table with its totals. */
function AnswerByThreatArea({ id, title, rowHeading, table, rounded, note }: { id: string; title: string; rowHeading: string; table: LabelledTable; rounded: boolean; note?: string }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h2 id={`${id}-heading`} className="text-2xl font-bold">
        {title}
      </h2>
      {note ? <p>{note}</p> : null}
      <ChartedTable id={id} title={`${title}, by threat area`} caption={`${title} by threat area`} rowHeading={rowHeading} table={table} valueLabel="Disclosures" mode="stacked" rounded={rounded} />
    </section>
  );
}

/** Priority 3: what partners know about the perpetrators. */
export default async function PerpetratorsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return (
    <InsightPage
      loaded={await loadInsight("perpetrators", searchParams)}
      title="Perpetrators"
      lede="What partners know about the perpetrators: other offending, their relationship to the victim, whether they acted alone or in a group, and any misogynistic or incel ideology concern."
      empty={(view) => view.otherOffending.columns.length === 0}
    >
      {(view) => {
        const rounded = view.policy.roundToBase5;
        return (
          <>
            <AnswerByThreatArea id="other-offending" title="Perpetrator known to other offending" rowHeading="Known to other offending" table={view.otherOffending} rounded={rounded} />
            <ShareTable
              caption="Share of disclosures whose perpetrator is known to other offending, by threat area"
              columns={["Threat area", "Known to other offending"]}
              rows={view.shareOtherOffending.map((entry) => ({ key: entry.threatArea, label: entry.label, shares: [entry.share] }))}
            />
            <AnswerByThreatArea
              id="offending-kinds"
              title="Kinds of other offending"
              rowHeading="Kind of offending"
              table={view.offendingKinds}
              rounded={rounded}
              note="A disclosure may give several kinds, so the totals count kinds mentioned, not disclosures."
            />
            <AnswerByThreatArea id="relationship" title="Relationship to the victim" rowHeading="Relationship" table={view.relationship} rounded={rounded} />
            <AnswerByThreatArea id="number" title="Lone perpetrator or group" rowHeading="Perpetrators" table={view.number} rounded={rounded} />
            <AnswerByThreatArea id="ideology" title="Misogynistic or incel ideology concern" rowHeading="Ideology concern" table={view.ideologyConcern} rounded={rounded} />
            <DisclosureNote threshold={view.policy.threshold} rounded={rounded} />
          </>
        );
      }}
    </InsightPage>
  );
}
