import { DETECTORS, type RawFinding } from "./detectors";
import { PII_KIND_PRIORITY, piiMessage, type PiiFinding } from "./kinds";

const rank = (finding: RawFinding) => PII_KIND_PRIORITY.indexOf(finding.kind);

/**
 * Finds what looks like personal data in free text, so it can be refused with each span named
 * before it is stored. Pure and synchronous; the text is never logged or kept.
 *
 * Findings are sorted by start. Overlapping hits become one finding over their combined span,
 * named by the most specific kind among them (PII_KIND_PRIORITY): a valid NHS number that could
 * also be dialled is an NHS number; a profile URL that contains an @handle is a profile link.
 */
export function scanForPii(text: string): PiiFinding[] {
  const raw: RawFinding[] = [];
  for (const detect of DETECTORS) detect(text, raw);
  raw.sort((a, b) => a.start - b.start || b.end - a.end);

  const merged: RawFinding[] = [];
  for (const finding of raw) {
    const last = merged[merged.length - 1];
    if (last !== undefined && finding.start < last.end) {
      last.end = Math.max(last.end, finding.end);
      if (rank(finding) < rank(last)) last.kind = finding.kind;
    } else {
      merged.push({ ...finding });
    }
  }
  return merged.map(({ kind, start, end }) => ({ kind, start, end, message: piiMessage(kind) }));
}
