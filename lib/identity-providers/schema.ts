import { z } from "zod";
import { ROLE_LABELS, type Role } from "@/lib/access/roles";
import { normaliseDomain } from "@/lib/auth/email-domain";
import { getEnv } from "@/lib/env";

/**
 * Roles a provider may give newcomers. Never admin or auditor (row-level security refuses those
 * too), and never partner lead: signing agreements and managing users is given by invitation.
 */
const DEFAULT_ROLES = ["viewer", "analyst", "submitter"] as const satisfies readonly Role[];
export type DefaultRole = (typeof DEFAULT_ROLES)[number];

export const DEFAULT_ROLE_OPTIONS: { value: DefaultRole | ""; label: string }[] = [
  { value: "", label: "Nobody: invitation only" },
  ...DEFAULT_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
];

const MAX_DOMAINS = 20;
const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

/**
 * Why an issuer cannot be used, or null. It must be an https URL without credentials, query or
 * fragment; plain http is allowed only for a loopback address outside production, for tests.
 */
export function issuerProblem(value: string, options: { allowLoopbackHttp: boolean }): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter the issuer as a full URL, like https://login.microsoftonline.com/your-tenant-id/v2.0";
  }
  if (url.username || url.password || url.search || url.hash || value.includes("#") || value.includes("?")) {
    return "Enter the issuer without a user name, password, query or fragment";
  }
  if (url.protocol === "https:") return null;
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (url.protocol === "http:" && loopback && options.allowLoopbackHttp) return null;
  return "The issuer must be an https address";
}

/** Domains typed one per line or separated by commas or spaces, normalised; or what is wrong. */
export function parseDomainList(value: string): { domains: string[] } | { problem: string } {
  const entries = value
    .split(/[\s,;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return { problem: "Enter at least one e-mail domain, like police.example" };
  const domains: string[] = [];
  for (const entry of entries) {
    const domain = normaliseDomain(entry.replace(/^@/, ""));
    if (!domain) {
      return { problem: `"${entry.slice(0, 60)}" is not a domain: enter plain domains like police.example (internationalised domains in their xn-- form)` };
    }
    if (!domains.includes(domain)) domains.push(domain);
  }
  if (domains.length > MAX_DOMAINS) return { problem: `Enter at most ${MAX_DOMAINS} domains` };
  return { domains };
}

/** An administrator's settings for an organisation's provider, as the form sends them. */
export const identityProviderInput = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, "Enter the name for the sign-in button, like West Yorkshire Police account")
    .max(80, "Enter a name of 80 characters or fewer"),
  issuer: z
    .string()
    .trim()
    .min(1, "Enter the issuer URL")
    .max(500, "Enter an issuer URL of 500 characters or fewer")
    .superRefine((value, context) => {
      const problem = issuerProblem(value, { allowLoopbackHttp: getEnv().NODE_ENV !== "production" });
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
  clientId: z
    .string()
    .trim()
    .min(1, "Enter the client ID the provider gave the portal")
    .max(255, "Enter a client ID of 255 characters or fewer")
    .regex(/^[\x21-\x7e]+$/, "Enter the client ID without spaces or special characters"),
  /** Blank when editing keeps the stored secret. */
  clientSecret: z.string().trim().max(1024, "Enter a client secret of 1024 characters or fewer").default(""),
  allowedDomains: z
    .string()
    .max(2000, "Enter fewer domains")
    .transform((value, context) => {
      const parsed = parseDomainList(value);
      if ("problem" in parsed) {
        context.addIssue({ code: "custom", message: parsed.problem });
        return z.NEVER;
      }
      return parsed.domains;
    }),
  defaultRole: z
    .enum(["", ...DEFAULT_ROLES], { error: "Choose what happens when someone new signs in" })
    .transform((value) => (value === "" ? null : value)),
  /** A checkbox: present ("on") when ticked. */
  enabled: z
    .string()
    .optional()
    .transform((value) => value === "on"),
});

export type IdentityProviderInput = z.infer<typeof identityProviderInput>;
