import type { DisclosureInput } from "@/lib/disclosures/schema";
import {
  DISCLOSURE_FIELDS,
  FIELD_CODE_LISTS,
  THREAT_AREAS,
  THREAT_SUB_TYPES,
  type CodeList,
  type DisclosureField,
} from "@/lib/taxonomy";

type DisclosureAnswersProps = {
  input: DisclosureInput;
  /** The district's and its police force area's names, looked up by the page. */
  localAuthority?: string | undefined;
  forceArea?: string | undefined;
};

const LISTS = FIELD_CODE_LISTS;

const SECTIONS: { title: string; fields: DisclosureField[] }[] = [
  { title: "Period", fields: ["disclosure_month", "abuse_recency"] },
  { title: "Threat areas", fields: ["threat_areas"] },
  {
    title: "Victim",
    fields: [
      "victim_age_band",
      "victim_sex",
      "victim_gender_differs_from_sex_at_birth",
      "victim_ethnicity",
      "victim_lgbtq",
      "victim_disability",
      "victim_mental_health_need",
      "victim_migrant",
      "victim_no_recourse_to_public_funds",
      "victim_repeat",
      "victim_children_in_household",
    ],
  },
  {
    title: "Perpetrator",
    fields: [
      "perpetrator_relationship",
      "perpetrator_sex",
      "perpetrator_age_band",
      "perpetrator_number",
      "perpetrator_other_offending",
      "perpetrator_other_offending_types",
      "perpetrator_ideology_concern",
    ],
  },
  { title: "Place", fields: ["space", "online_platforms", "lad_code", "force_area_code"] },
  { title: "Reporting", fields: ["reported_to_police", "barriers", "victim_wants", "protective_orders"] },
  { title: "Referrals and support", fields: ["referrals"] },
  { title: "Context", fields: ["context"] },
];

/** A disclosure's answers as GOV.UK summary lists, one per section, labels rather than codes. */
export function DisclosureAnswers({ input, localAuthority, forceArea }: DisclosureAnswersProps) {
  const values = input as Record<string, unknown>;
  const show = (field: DisclosureField): string => {
    if (field === "lad_code") return localAuthority ?? "Not answered";
    if (field === "force_area_code") return forceArea ?? "Not answered";
    if (field === "threat_areas") {
      const areas = Object.entries((values.threat_areas ?? {}) as Record<string, string[]>);
      if (areas.length === 0) return "Not answered";
      return areas
        .map(([area, subTypes]) => {
          const list = THREAT_SUB_TYPES[area as keyof typeof THREAT_SUB_TYPES] as CodeList<string>;
          const types = subTypes.map((code) => list.label(code)).join(", ");
          return `${THREAT_AREAS.label(area as keyof typeof THREAT_SUB_TYPES)}${types ? `: ${types}` : ""}`;
        })
        .join("; ");
    }
    const value = values[field];
    const list = LISTS[field];
    if (Array.isArray(value)) return value.length === 0 ? "None given" : value.map((code: string) => (list?.has(code) ? list.label(code) : code)).join(", ");
    if (typeof value !== "string" || value === "") return "Not answered";
    return list?.has(value) ? list.label(value) : value;
  };
  return (
    <div className="space-y-6">
      {SECTIONS.map((section) => (
        <section key={section.title} aria-labelledby={`answers-${section.title}`}>
          <h2 id={`answers-${section.title}`} className="text-2xl font-bold">
            {section.title}
          </h2>
          <dl className="mt-2 divide-y divide-rule border-y border-rule">
            {section.fields.map((field) => (
              <div key={field} className="grid gap-1 py-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-4">
                <dt className="font-bold">{DISCLOSURE_FIELDS.label(field)}</dt>
                <dd className="break-words whitespace-pre-line">{show(field)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
