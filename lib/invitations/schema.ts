import { z } from "zod";
import { can } from "@/lib/access/permissions";
import { NATIONAL_ROLES, ROLES, ROLE_LABELS, type Role } from "@/lib/access/roles";
import { parseEmail } from "@/lib/auth/email-domain";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";

/** How long an invitation link works. */
export const INVITATION_HOURS = 72;

/** What each role does, in a line, for the person choosing one. */
export const ROLE_HINTS: Record<Role, string> = {
  submitter: "Records and submits their own disclosures.",
  org_manager: "Manages the organisation's users, disclosures, API tokens and agreements.",
  analyst: "Sees insights and, where an agreement allows, records shared with the organisation.",
  viewer: "Sees insights only, always with small numbers hidden.",
  admin: "Runs the portal nationally: organisations, users and agreements. No access to disclosures.",
  auditor: "Reads and verifies the audit log. No access to disclosures.",
};

/** The roles a viewer may invite people with: administrators any, partner leads all but admin and auditor. */
export function invitableRoles(role: Role | null | undefined): Role[] {
  if (can(role, "users.manage")) return [...ROLES];
  if (can(role, "users.invite_org")) return ROLES.filter((candidate) => !(NATIONAL_ROLES as readonly Role[]).includes(candidate));
  return [];
}

export { isNationalRole } from "@/lib/access/roles";

const EMAIL_FORMAT = "Enter an e-mail address in the correct format, like name@example.org";

/**
 * An invitation as the form sends it. The organisation is a choice only administrators have:
 * for a partner lead the service always uses their own, whatever arrives here.
 */
export const invitationInput = z.object({
  email: z
    .string({ error: "Enter their e-mail address" })
    .trim()
    .min(1, "Enter their e-mail address")
    .max(320, EMAIL_FORMAT)
    .transform((value, context) => {
      const parsed = parseEmail(value);
      if (!parsed) {
        context.addIssue({ code: "custom", message: EMAIL_FORMAT });
        return z.NEVER;
      }
      return parsed.address;
    }),
  role: z.enum(ROLES, { error: "Choose what they will do in the portal" }),
  organisation: z
    .string()
    .trim()
    .max(64, "Choose the organisation to invite them to")
    .optional()
    .transform((value) => (value ? value : undefined)),
});

/** What the service takes: the parsed form, or the same from a test or another caller. */
export type InvitationInput = { email: string; role: Role; organisation?: string | undefined };

/** A link's token as newToken() makes them: 32 random bytes in base64url. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The token travels in a hidden field; a malformed one is an unusable invitation, which the service reports. */
const invitationToken = z.string().max(100).default("");

/** A newcomer's choices when accepting: their name and a password (the policy is checked by the service). */
export const newAccountInput = z
  .object({
    token: invitationToken,
    displayName: z
      .string({ error: "Enter your full name" })
      .trim()
      .min(1, "Enter your full name")
      .max(100, "Enter a name of 100 characters or fewer")
      .refine((value) => !/[\p{Cc}\p{Cf}]/u.test(value), "Enter your name without control characters"),
    password: z
      .string({ error: "Enter a password" })
      .min(1, "Enter a password")
      .max(PASSWORD_MAX_LENGTH * 4, `Choose a password of no more than ${PASSWORD_MAX_LENGTH} characters.`),
    confirmPassword: z.string({ error: "Enter the password again" }).min(1, "Enter the password again"),
  })
  .superRefine((value, context) => {
    if (value.confirmPassword && value.password !== value.confirmPassword) {
      context.addIssue({ code: "custom", path: ["confirmPassword"], message: "The passwords do not match: enter the same password twice" });
    }
  });

export type NewAccountInput = z.infer<typeof newAccountInput>;

export const joinInput = z.object({ token: invitationToken });

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}
