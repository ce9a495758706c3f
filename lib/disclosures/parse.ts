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
      const names = { context: 0, other: 0 };
      for (const error of toFieldErrors(result.error)) {
        // A finding in free text names its kind and where it is, never the text itself.
        const message = error.start === undefined ? error.message : `${error.message} (characters ${error.start + 1} to ${error.end})`;
        if (error.path === "context" && error.start !== undefined) {
          if (error.message === piiMessage("name")) names.context++;
          else names.other++;
        }
        const previous = fieldErrors[error.path];
        if (previous === undefined) fieldErrors[error.path] = message;
        else if (error.path === "context") fieldErrors.context = `${previous}; ${message}`;
      }
      if (names.context > 0) fieldErrors.context = `${fieldErrors.context}: ${nameAdvice(names.context, names.other)}`;
      return { ok: false, fieldErrors };
    }
    const { partner_reference: partnerReference, ...values } = result.data as DraftDisclosure & { partner_reference?: string };
    return { ok: true, parsed: { values: values as DraftDisclosure, partnerReference } };
  };
}

/** What to do about names in free text: a role says what the reader needs without saying who. */
function nameAdvice(names: number, others: number): string {
  const roles = "such as ‘the victim’ or ‘her ex-partner’";
  if (others > 0) return `replace each name with a role, ${roles}, and remove the other personal details`;
  return names === 1 ? `replace it with a role, ${roles}` : `replace them with roles, ${roles}`;
}

/** Validates one draft or submission; throws Invalid with field errors. */
export function parseDisclosure(mode: "draft" | "submit", input: unknown, now: Date): ParsedDisclosure {
  const result = disclosureParser(mode, now)(input);
  if (!result.ok) throw new Invalid("There is a problem with the disclosure.", result.fieldErrors);
  return result.parsed;
}
