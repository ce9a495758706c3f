import { phiaTerm } from "@/lib/taxonomy/phia";

/**
 * One sentence judging whether the next 12 months will exceed the last 12, worded with the PHIA
 * probability yardstick and never with a bare percentage. `subject` names what is counted, in the
 * plural, e.g. "stalking disclosures".
 */
export function increaseJudgement(subject: string, probabilityOfIncrease: number): string {
  const term = phiaTerm(probabilityOfIncrease);
  const claim = `${subject} in the next 12 months will exceed those in the last 12`;
  if (term === "remote chance" || term === "realistic possibility") return `There is a ${term} that ${claim}.`;
  return `It is ${term} that ${claim}.`;
}
