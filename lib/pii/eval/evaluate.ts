import { PII_KINDS, type PiiKind } from "../kinds";
import { type PiiFinding } from "../kinds";
import { type Part, type Sample } from "./set";

/** Counts for one kind, or for the whole set (where a sentence is the unit). */
export type Score = { truePositives: number; falsePositives: number; falseNegatives: number };

export type Report = {
  /** Sentences: refused when they should be (recall) and only then (precision). */
  overall: Score;
  /** By kind: recall over identifiers of that kind, precision over findings reported as that kind. */
  byKind: Record<PiiKind, Score>;
  /** Identifiers missed, and benign sentences refused, for reading (the tuning part's only). */
  missed: Sample[];
  wronglyRefused: Sample[];
};

const empty = (): Score => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0 });
const overlaps = (finding: PiiFinding, span: { start: number; end: number }) => finding.start < span.end && span.start < finding.end;

export const recall = (score: Score) =>
  score.truePositives + score.falseNegatives === 0 ? 1 : score.truePositives / (score.truePositives + score.falseNegatives);
export const precision = (score: Score) =>
  score.truePositives + score.falsePositives === 0 ? 1 : score.truePositives / (score.truePositives + score.falsePositives);

/** Scores a scanner on the samples of one part (or all of them). */
export function evaluate(samples: readonly Sample[], scan: (text: string) => PiiFinding[], part?: Part): Report {
  const overall = empty();
  const byKind = Object.fromEntries(PII_KINDS.map((kind) => [kind, empty()])) as Record<PiiKind, Score>;
  const missed: Sample[] = [];
  const wronglyRefused: Sample[] = [];
  for (const sample of samples) {
    if (part !== undefined && sample.part !== part) continue;
    const findings = scan(sample.text);
    const expected = sample.expected;
    if (expected === undefined) {
      if (findings.length > 0) {
        overall.falsePositives++;
        wronglyRefused.push(sample);
      }
    } else if (findings.some((finding) => overlaps(finding, expected))) {
      overall.truePositives++;
      byKind[expected.kind].truePositives++;
    } else {
      overall.falseNegatives++;
      byKind[expected.kind].falseNegatives++;
      missed.push(sample);
    }
    for (const finding of findings) {
      if (expected !== undefined && overlaps(finding, expected)) {
        // Caught, but named as another kind: counted against the kind it was named as.
        if (finding.kind !== expected.kind) byKind[finding.kind].falsePositives++;
      } else {
        byKind[finding.kind].falsePositives++;
        if (expected !== undefined) overall.falsePositives += 0;
      }
    }
  }
  return { overall, byKind, missed, wronglyRefused };
}
