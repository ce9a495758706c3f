import { Invalid } from "@/lib/errors";
import { piiMessage, scanForPii } from "@/lib/pii";
import { toFieldErrors } from "./field-errors";
import { disclosureSchema, draftSchema, ukMonthOf, type DraftDisclosure } from "./schema";

/** Checking what a partner sent before it is saved: the schema with the personal-data scan, errors one per field. */

export type ParsedDisclosure = { values: DraftDisclosure; partnerReference?: string };
export type ParseResult = { ok: true; parsed: ParsedDisclosure } | { ok: false; fieldErrors: Record<string, string> };

type Parser = (input: unknown) => ParseResult;

/**
 * Parsers built so far, by mode and UK month: the schema depends on `now` only through the
 * latest month a disclosure may carry, and building it costs many times what checking one
 * submission does. Months past are dropped, so the cache stays a handful of entries.
 */
const PARSERS = new Map<string, Parser>();
const KEPT_PARSERS = 8;

/**
 * A validator for drafts or submissions: the one schema with the personal-data scan, built once
 * per UK month and shared by every request and importer row. Errors are one message per field,
 * except free text, where every finding is named with its kind and position.
 */
export function disclosureParser(mode: "draft" | "submit", now: Date): (input: unknown) => ParseResult {
  const key = `${mode}:${ukMonthOf(now)}`;
  let parser = PARSERS.get(key);
  if (!parser) {
    if (PARSERS.size >= KEPT_PARSERS) PARSERS.clear();
    parser = buildParser(mode, now);
    PARSERS.set(key, parser);
  }
  return parser;
}

function buildParser(mode: "draft" | "submit", now: Date): Parser {
  const schema = mode === "draft" ? draftSchema({ now, scanText: scanForPii }) : disclosureSchema({ now, scanText: scanForPii });
  return (input) => {
    const result = schema.safeParse(input);
    if (!result.success) {
      const fieldErrors: Record<string, string> = {};
      const findings: (Finding & { path: string })[] = [];
      for (const error of toFieldErrors(result.error)) {
        if (error.start !== undefined && error.end !== undefined) {
          findings.push({ path: error.path, message: error.message, start: error.start, end: error.end });
          continue;
        }
        fieldErrors[error.path] ??= error.message;
      }
      for (const path of new Set(findings.map((finding) => finding.path))) {
        fieldErrors[path] = describeFindings(findings.filter((finding) => finding.path === path));
      }
      return { ok: false, fieldErrors };
    }
    const data = result.data as DraftDisclosure & { partner_reference?: string };
    // Without a reference the values are kept as parsed, not copied: an import holds every row's.
    if (!("partner_reference" in data)) return { ok: true, parsed: { values: data, partnerReference: undefined } };
    const { partner_reference: partnerReference, ...values } = data;
    return { ok: true, parsed: { values: values as DraftDisclosure, partnerReference } };
  };
}

type Finding = { message: string; start: number; end: number };

/**
 * Personal data found in free text as one message for its field: each finding named by its kind
 * and where it is (characters counted from 1), never the text itself, and what to do about names.
 */
function describeFindings(findings: readonly Finding[]): string {
  const names = findings.filter((finding) => finding.message === piiMessage("name")).length;
  const listed = findings.map((finding) => `${finding.message} (characters ${finding.start + 1} to ${finding.end})`).join("; ");
  return names > 0 ? `${listed}: ${nameAdvice(names, findings.length - names)}` : listed;
}

/** What to do about names in free text: a role says what the reader needs without saying who. */
function nameAdvice(names: number, others: number): string {
  const roles = "such as ‘the victim’ or ‘her ex-partner’";
  if (others > 0) return `replace each name with a role, ${roles}, and remove the other personal details`;
  return names === 1 ? `replace it with a role, ${roles}` : `replace them with roles, ${roles}`;
}

/**
 * The personal-data scan for free text outside the disclosure itself (a withdrawal's reason): the
 * same message the context gets, or null when the text is clear. Offsets are into the text as sent.
 */
export function freeTextProblem(raw: string): string | null {
  const offset = raw.length - raw.trimStart().length;
  const findings = scanForPii(raw.trim()).map((finding) => ({ ...finding, start: finding.start + offset, end: finding.end + offset }));
  return findings.length === 0 ? null : describeFindings(findings);
}

/** Validates one draft or submission; throws Invalid with field errors. */
export function parseDisclosure(mode: "draft" | "submit", input: unknown, now: Date): ParsedDisclosure {
  const result = disclosureParser(mode, now)(input);
  if (!result.ok) throw new Invalid("There is a problem with the disclosure.", result.fieldErrors);
  return result.parsed;
}
