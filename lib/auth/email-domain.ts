/**
 * Which e-mail addresses an organisation's identity provider may sign in. A domain matches only
 * exactly, after lower-casing: no suffix or prefix matching (`evil-police.example`,
 * `police.example.evil.com` and `sub.police.example` are other domains). Only ASCII is accepted,
 * so a look-alike Unicode domain or a full-width "＠" cannot pass for an allowed one; an
 * internationalised domain is written in its punycode (`xn--…`) form on both sides.
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** Printable ASCII without spaces: what an address from an identity provider may contain. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** A domain in the form the portal stores and compares, or null when it is not a plain DNS name. */
export function normaliseDomain(input: string): string | null {
  const domain = input.trim().toLowerCase();
  if (domain.length === 0 || domain.length > 253 || !PRINTABLE_ASCII.test(domain)) return null;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  // The top-level label is never all digits: that would be an IP address, not a domain.
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null;
  // Punycode labels must at least look like punycode; anything else with "--" in 3–4 is reserved.
  if (labels.some((label) => label.slice(2, 4) === "--" && !label.startsWith("xn--"))) return null;
  return domain;
}

export type ParsedEmail = { address: string; domain: string };

/**
 * An address as an identity provider sent it, lower-cased, or null when it is not one plain
 * `local@domain` address: exactly one "@", no spaces, quotes or non-ASCII characters.
 */
export function parseEmail(input: unknown): ParsedEmail | null {
  if (typeof input !== "string") return null;
  const address = input.trim().toLowerCase();
  if (address.length > 320 || !PRINTABLE_ASCII.test(address)) return null;
  const parts = address.split("@");
  if (parts.length !== 2) return null;
  const [local, rawDomain] = parts as [string, string];
  if (local.length === 0 || local.length > 64 || /["\\(),:;<>[\]]/.test(local)) return null;
  const domain = normaliseDomain(rawDomain);
  if (!domain || domain !== rawDomain) return null;
  return { address, domain };
}

/** The address, when it is well formed and its domain is exactly one of the allowed ones. */
export function allowedEmail(input: unknown, allowedDomains: readonly string[]): ParsedEmail | null {
  const email = parseEmail(input);
  if (!email) return null;
  const allowed = allowedDomains.map(normaliseDomain).filter((domain): domain is string => domain !== null);
  return allowed.includes(email.domain) ? email : null;
}
