import { z } from "zod";

/**
 * Problems with a disclosure, field by field: zod's issues as a form, an RFC 9457 problem
 * document and the CSV error report show them. Unknown keys are named only when they look like
 * field names, never echoing what someone typed.
 */

/** One problem with one field, for a form, an RFC 9457 problem document or the CSV error report. */
export type FieldError = {
  /** A field code (`"barriers"`), `"threat_areas.<area>"` for an area's sub-types, or `""` for the whole disclosure. */
  path: string;
  message: string;
  /** Where in the context a personal-data finding lies, so a form can highlight it. */
  start?: number;
  end?: number;
};

/**
 * Field errors keyed by field code, in the order zod found them. List positions are dropped (a
 * form marks the whole question) and repeats merged; each unknown key becomes its own error.
 */
export function toFieldErrors(error: z.ZodError | readonly z.core.$ZodIssue[]): FieldError[] {
  const issues = error instanceof z.ZodError ? error.issues : error;
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (fieldError: FieldError) => {
    const key = JSON.stringify([fieldError.path, fieldError.message, fieldError.start, fieldError.end]);
    if (seen.has(key)) return;
    seen.add(key);
    errors.push(fieldError);
  };
  for (const issue of issues) {
    const [field, area] = issue.path;
    if (field === undefined && issue.code === "unrecognized_keys") {
      for (const key of issue.keys) add({ path: key.slice(0, 100), message: unknownKeyMessage(key) });
      continue;
    }
    const path =
      typeof field !== "string" ? "" : field === "threat_areas" && typeof area === "string" ? `${field}.${area}` : field;
    const position = issue.code === "custom" ? positionOf(issue.params) : undefined;
    add({ path, message: issue.message, ...position });
  }
  return errors;
}

function positionOf(params: Record<string, unknown> | undefined): { start: number; end: number } | undefined {
  const start = params?.start;
  const end = params?.end;
  return typeof start === "number" && typeof end === "number" ? { start, end } : undefined;
}

const FORCE_AREA_KEYS = new Set(["force_area_code", "forceAreaCode", "force_area"]);

function unknownKeyMessage(key: string): string {
  const name = displayKey(key);
  if (FORCE_AREA_KEYS.has(key)) return `Remove ${name}: the police force area is worked out from lad_code`;
  return `Remove ${name}: it is not a field of a disclosure`;
}

export function objectError(issue: z.core.$ZodRawIssue): string {
  if (issue.code !== "unrecognized_keys") return "Send the disclosure as an object of fields";
  const keys = (issue.keys as string[]).map(displayKey);
  const force = (issue.keys as string[]).some((key) => FORCE_AREA_KEYS.has(key))
    ? " (the police force area is worked out from lad_code)"
    : "";
  return keys.length === 1
    ? `Remove ${keys[0]}: it is not a field of a disclosure${force}`
    : `Remove the fields that are not part of a disclosure: ${keys.join(", ")}${force}`;
}

/** A key is named only when it looks like a field name: anything else could carry what someone typed. */
function displayKey(key: string): string {
  return /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(key) ? `‘${key}’` : "a field";
}
