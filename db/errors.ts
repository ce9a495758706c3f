/** A unique-key violation (SQLSTATE 23505), however the driver wraps it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A failed query's error quotes its parameters (password hashes, token hashes, disclosure
 * text), so it never reaches a log as it is: keep only the SQLSTATE and the constraint.
 */
export function withoutQueryParameters(error: unknown): unknown {
  if (!(error instanceof Error) || !("params" in error)) return error;
  // postgres.js names the constraint `constraint_name`, PGlite `constraint`.
  const cause = (error.cause ?? {}) as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
  const constraint = cause.constraint_name ?? cause.constraint;
  const facts = [
    typeof cause.code === "string" ? `SQLSTATE ${cause.code}` : null,
    typeof constraint === "string" ? `constraint ${constraint}` : null,
  ].filter(Boolean);
  return new Error(`A database query failed${facts.length > 0 ? ` (${facts.join(", ")})` : ""}.`);
}
