import { protectTable, publishedRate, type DisclosurePolicy } from "@/lib/sdc";
import { OTHER_OFFENDING_TYPES, PERPETRATOR_NUMBERS, RELATIONSHIPS, THREAT_AREAS, YES_NO, type CodeList, type ThreatArea } from "@/lib/taxonomy";
import type { CountRow } from "./counts";
import { grid, labelled, present, threatLabel, type LabelledTable } from "./views";

/**
 * Priority 3, perpetrators (docs/insights.md#views): known other offending and its kinds,
 * relationship to the victim, lone or group, and misogynistic or incel ideology concern, each by
 * threat area. Pure: every figure through lib/sdc.
 */

export type PerpetratorsView = {
  view: "perpetrators";
  /** Whether the perpetrator is known to other offending (yes, no, not known) × threat area. */
  otherOffending: LabelledTable;
  /** Per threat area, the published share known to other offending among all its disclosures. */
  shareOtherOffending: { threatArea: ThreatArea; label: string; share: number | null }[];
  /** Kinds of other offending × threat area (a disclosure may give several, so totals count mentions). */
  offendingKinds: LabelledTable;
  relationship: LabelledTable;
  /** Lone perpetrator or group × threat area. */
  number: LabelledTable;
  ideologyConcern: LabelledTable;
};

/** One answer's codes × the threat areas with disclosures, under disclosure control. */
function answerTable(rows: readonly CountRow[], dimension: string, answers: CodeList<string>, areas: readonly ThreatArea[], policy: DisclosurePolicy): LabelledTable {
  const counted = rows.filter((row) => row.dimension === dimension);
  const cells = grid(counted, () => true, (row) => row.value, (row) => row.threatArea, answers.codes, areas);
  return labelled(protectTable({ rows: answers.codes, columns: areas, cells }, policy), answers.codes.map((code) => answers.label(code)), areas.map(threatLabel));
}

export function buildPerpetrators(rows: readonly CountRow[], policy: DisclosurePolicy): PerpetratorsView {
  const areas = present(THREAT_AREAS.codes, rows.filter((row) => row.dimension === "total"), (row) => row.threatArea);
  const otherOffending = answerTable(rows, "perpetrator_other_offending", YES_NO, areas, policy);
  const yes = YES_NO.codes.indexOf("yes");
  return {
    view: "perpetrators",
    otherOffending,
    shareOtherOffending: areas.map((area, j) => ({ threatArea: area, label: threatLabel(area), share: publishedRate(otherOffending.cells[yes]![j]!, otherOffending.columnTotals[j]!) })),
    offendingKinds: answerTable(rows, "perpetrator_other_offending_types", OTHER_OFFENDING_TYPES, areas, policy),
    relationship: answerTable(rows, "perpetrator_relationship", RELATIONSHIPS, areas, policy),
    number: answerTable(rows, "perpetrator_number", PERPETRATOR_NUMBERS, areas, policy),
    ideologyConcern: answerTable(rows, "perpetrator_ideology_concern", YES_NO, areas, policy),
  };
}
