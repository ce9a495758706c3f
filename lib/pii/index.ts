export { scanForPii } from "./scan";
export { PII_KINDS, PII_KIND_LABELS, piiMessage, type PiiFinding, type PiiKind } from "./kinds";
export { isValidNhsNumber, nhsCheckDigit } from "./nhs-number";
