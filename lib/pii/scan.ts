import { DETECTORS, NUMBER_DETECTORS, type RawFinding } from "./detectors";
import { detectRunningNames } from "./names";
import { PII_KIND_PRIORITY, piiMessage, type PiiFinding } from "./kinds";
import { closeUpDigits, foldDigitLookalikes, normalise, originalSpan, type View } from "./normalise";

const rank = (finding: RawFinding) => PII_KIND_PRIORITY.indexOf(finding.kind);

/** What the text as normalised is searched with: every detector, and names in running text. */
const TEXT_DETECTORS = [...DETECTORS, detectRunningNames];

function detectIn(view: View, detectors: typeof DETECTORS, out: RawFinding[]): void {
  const found: RawFinding[] = [];
  for (const detect of detectors) detect(view.text, found);
  for (const finding of found) out.push({ kind: finding.kind, ...originalSpan(view, finding.start, finding.end) });
}

/**
 * Finds what looks like personal data in free text, so it can be refused with each span named
 * before it is stored. Pure and synchronous; the text is never logged or kept.
 *
 * The text is normalised first (lib/pii/normalise.ts: compatibility forms, invisible characters,
 * look-alike letters, other scripts' digits, bracketed "at" and "dot", numbers in words), and the
 * number detectors look again with O and l among digits read as digits and broken-up digits
 * closed; every finding is mapped back, so its span is always in the text as given.
 *
 * Findings are sorted by start. Overlapping hits become one finding over their combined span,
 * named by the most specific kind among them (PII_KIND_PRIORITY): a valid NHS number that could
 * also be dialled is an NHS number; a profile URL that contains an @handle is a profile link.
 * docs/privacy-check.md describes each kind, the evaluation and the known limits.
 */
export function scanForPii(text: string): PiiFinding[] {
  const raw: RawFinding[] = [];
  const view = normalise(text);
  detectIn(view, TEXT_DETECTORS, raw);
  const closed = closeUpDigits(foldDigitLookalikes(view));
  if (closed !== view) detectIn(closed, NUMBER_DETECTORS, raw);
  raw.sort((a, b) => a.start - b.start || b.end - a.end);

  const merged: RawFinding[] = [];
  for (const finding of raw) {
    if (finding.end <= finding.start) continue;
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
