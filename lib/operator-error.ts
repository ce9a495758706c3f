/**
 * A problem the person running the portal can fix (configuration, an unreachable or unmigrated
 * database): reported as one plain line, never as a stack trace.
 */
export class OperatorError extends Error {
  override name = "OperatorError";
}
