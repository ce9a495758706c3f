import "server-only";
import type { InsightResult } from "@/lib/insights/service";

/**
 * An insight view as the API returns it: the period and filters it was read for, the disclosure
 * control applied, and the view's published tables as the pages show them. A suppressed figure is
 * `{ "value": null, "suppressed": "primary" | "secondary" }`; nothing else is ever withheld silently.
 */
export function insightResource(result: InsightResult) {
  const { filters, policy, scope, ...view } = result;
  return {
    period: { code: filters.period.code, kind: filters.period.kind, label: filters.period.label, from: filters.period.from, to: filters.period.to },
    filters: {
      force_area: filters.forceAreaCode ?? null,
      lad: filters.ladCode ?? null,
      threat_area: filters.threatArea ?? null,
      partner_type: filters.partnerType ?? null,
    },
    disclosure_control: { threshold: policy.threshold, round_to_base5: policy.roundToBase5, perturbed: policy.perturbed },
    scope,
    ...view,
  };
}
