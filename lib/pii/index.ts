export { scanForPii } from "./scan";
export { PII_KINDS, PII_KIND_LABELS, piiMessage, type PiiKind } from "./kinds";
