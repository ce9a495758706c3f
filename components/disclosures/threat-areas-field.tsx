import { multiple, SUB_TYPE_PREFIX, THREAT_AREA_FIELD, type FormValues } from "@/lib/disclosures/form-data";
import { THREAT_AREA_DESCRIPTIONS, THREAT_AREAS, THREAT_SUB_TYPES, areaApplies, type GivenAnswers, type ThreatAreasQuestion } from "@/lib/taxonomy";
import { Checkboxes, ConditionalPanel, choiceId } from "./choices";

type ThreatAreasFieldProps = {
  question: ThreatAreasQuestion;
  initial: FormValues;
  /** The answers so far: an area that does not apply yet (a child-only one) is hidden and disabled. */
  answers: GivenAnswers;
  chosen: readonly string[];
  error: (name: string) => string | undefined;
  /** Scripts run: the types of an area not ticked are hidden until it is. */
  enhanced: boolean;
};

/**
 * The threat areas as checkboxes, each revealing its own types once ticked (a GOV.UK conditional
 * reveal). An area recorded only for children is offered unless the victim's age rules it out.
 */
export function ThreatAreasField({ question, initial, answers, chosen, error, enhanced }: ThreatAreasFieldProps) {
  const { code } = question;
  return (
    <fieldset className={`mb-6 ${error(code) ? "border-l-4 border-error pl-4" : ""}`} aria-describedby={`${code}-hint${error(code) ? ` ${code}-error` : ""}`}>
      <legend className="text-lg font-bold">{question.question}</legend>
      <p id={`${code}-hint`} className="text-muted">
        {question.hint}
      </p>
      {error(code) ? (
        <p id={`${code}-error`} className="font-bold text-error">
          <span className="sr-only">Error: </span>
          {error(code)}
        </p>
      ) : null}
      <div className="mt-2 space-y-3">
        {THREAT_AREAS.codes.map((area, index) => {
          const id = choiceId(code, area, index);
          const subName = `${SUB_TYPE_PREFIX}${area}`;
          const unavailable = areaApplies(area, answers) === "no";
          const expanded = chosen.includes(area);
          const panelId = `conditional-${subName}`;
          return (
            <div key={area} hidden={unavailable}>
              <div className="flex items-center gap-2">
                <input
                  id={id}
                  type="checkbox"
                  name={THREAT_AREA_FIELD}
                  value={area}
                  defaultChecked={multiple(initial, THREAT_AREA_FIELD).includes(area)}
                  disabled={unavailable}
                  aria-controls={panelId}
                  aria-expanded={expanded}
                  className="size-6 shrink-0 accent-ink focus:outline-3 focus:outline-focus"
                />
                <label htmlFor={id} className="text-lg">
                  {THREAT_AREAS.label(area)}
                  {THREAT_AREA_DESCRIPTIONS[area] ? <span className="text-muted"> ({THREAT_AREA_DESCRIPTIONS[area]})</span> : null}
                </label>
              </div>
              <ConditionalPanel
                conditional={{
                  id: panelId,
                  hidden: unavailable || (enhanced && !expanded),
                  content: (
                    <Checkboxes
                      name={subName}
                      legend={`Types of ${THREAT_AREAS.label(area).toLowerCase()}`}
                      choices={THREAT_SUB_TYPES[area].options}
                      values={multiple(initial, subName)}
                      error={error(subName)}
                      hidden={unavailable || (enhanced && !expanded)}
                      inline
                    />
                  ),
                }}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
