import type { DisclosureInput } from "@/lib/disclosures/schema";
import { QUESTIONS, SECTIONS, THREAT_AREAS, THREAT_SUB_TYPES, formatMonth, type CodeList, type Question, type Section } from "@/lib/taxonomy";

type DisclosureAnswersProps = {
  input: DisclosureInput;
  /** The district's and its police force area's names, looked up by the page. */
  localAuthority?: string | undefined;
  forceArea?: string | undefined;
  /** Show only these fields (what an agreement shares), leaving out sections with none of them. */
  only?: readonly string[];
  /** "Check your answers": each answer links to the page of its section to change it. */
  changeHref?: (section: Section, code: string) => string;
};

/** The questions whose answers are kept: all but the partner reference, of which only a hash is stored. */
const SHOWN = QUESTIONS.filter((question) => question.kind !== "reference");

/** A disclosure's answers as GOV.UK summary lists, one per section, labels rather than codes. */
export function DisclosureAnswers({ input, localAuthority, forceArea, only, changeHref }: DisclosureAnswersProps) {
  const shown = only ? SHOWN.filter((question) => only.includes(question.code)) : SHOWN;
  const values = input as Record<string, unknown>;
  const show = (question: Question): string => {
    const value = values[question.code];
    switch (question.kind) {
      case "local_authority":
        return localAuthority ?? "Not answered";
      case "force_area":
        return forceArea ?? "Not answered";
      case "month":
        return typeof value === "string" ? formatMonth(value) : "Not answered";
      case "threat_areas":
        return threatAreas((value ?? {}) as Record<string, string[]>);
      case "single":
      case "multiple":
        return codes(value, question.list);
      default:
        return codes(value);
    }
  };
  return (
    <div className="space-y-6">
      {SECTIONS.filter((section) => shown.some((question) => question.section === section)).map((section) => (
        <section key={section} aria-labelledby={`answers-${section}`}>
          <h2 id={`answers-${section}`} className="text-2xl font-bold">
            {section}
          </h2>
          <dl className="mt-2 divide-y divide-rule border-y border-rule">
            {shown.filter((question) => question.section === section).map((question) => (
              <div
                key={question.code}
                className={`grid gap-1 py-2 sm:gap-4 ${changeHref ? "sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto]" : "sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]"}`}
              >
                <dt className="font-bold">{question.label}</dt>
                <dd className="break-words whitespace-pre-line">{show(question)}</dd>
                {changeHref && question.kind !== "force_area" ? (
                  <dd>
                    <a href={changeHref(question.section, question.code)}>
                      Change<span className="sr-only"> {question.label.toLowerCase()}</span>
                    </a>
                  </dd>
                ) : null}
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

function threatAreas(areas: Record<string, string[]>): string {
  const entries = Object.entries(areas);
  if (entries.length === 0) return "Not answered";
  return entries
    .map(([area, subTypes]) => {
      const list = THREAT_SUB_TYPES[area as keyof typeof THREAT_SUB_TYPES] as CodeList<string>;
      const types = subTypes.map((code) => list.label(code)).join(", ");
      return `${THREAT_AREAS.label(area as keyof typeof THREAT_SUB_TYPES)}${types ? `: ${types}` : ""}`;
    })
    .join("; ");
}

/** Codes as their labels (a list as "None given" when empty); text as written. */
function codes(value: unknown, list?: CodeList<string>): string {
  const label = (code: string) => (list?.has(code) ? list.label(code) : code);
  if (Array.isArray(value)) return value.length === 0 ? "None given" : value.map(label).join(", ");
  if (typeof value !== "string" || value === "") return "Not answered";
  return label(value);
}
