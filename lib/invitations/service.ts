import "server-only";
import { headers } from "next/headers";
import { getDatabase } from "@/db/client";
import { requestOrigin } from "@/lib/http/request";
import type { Viewer } from "@/lib/auth/viewer";
import { getEnv } from "@/lib/env";
import { formatUkDateTime } from "@/lib/mail/invitation-message";
import { createMailer, type Mailer } from "@/lib/mail/transport";
import { acceptAsMember, acceptWithNewAccount } from "./acceptance";
import { createInvitation, getInviteOptions } from "./creation";
import { ROLE_HINTS, roleLabel, type InvitationInput, type NewAccountInput } from "./schema";
import { findInvitation } from "./token";

// The invitation domain's public functions, for pages and actions: each takes the viewer first
// (null where someone not signed in may act) and answers in the words the pages show.

/** A moment as the pages show it, in UK time. */
function ukTime(date: Date): string {
  return `${formatUkDateTime(date)} (UK time)`;
}

export type InviteForm = {
  organisations: { id: string; name: string }[];
  /** A partner lead's own organisation, shown rather than chosen. */
  fixedOrganisation: { id: string; name: string } | null;
  roles: { value: string; label: string; hint: string }[];
  /** Whether invitations go by e-mail; otherwise the inviter is shown the link once. */
  emailConfigured: boolean;
};

/** The invite form's choices for the viewer. Partner leads and administrators only (Forbidden otherwise). */
export async function getInviteForm(viewer: Viewer): Promise<InviteForm> {
  const options = await getInviteOptions(await getDatabase(), viewer);
  return {
    organisations: options.organisations.map(({ id, name }) => ({ id, name })),
    fixedOrganisation: options.fixedOrganisation ? { id: options.fixedOrganisation.id, name: options.fixedOrganisation.name } : null,
    roles: options.roles.map((role) => ({ value: role, label: roleLabel(role), hint: ROLE_HINTS[role] })),
    emailConfigured: Boolean(getEnv().SMTP_URL),
  };
}

export type InvitationResult = {
  email: string;
  organisationName: string;
  roleLabel: string;
  expires: string;
  /** The link, when there is no mail server to send it: shown to the inviter this once. */
  link: string | null;
};

/** Invites someone (see createInvitation for who may invite whom), e-mailing the link when SMTP is configured. */
export async function sendInvitation(viewer: Viewer, input: InvitationInput): Promise<InvitationResult> {
  const { ipAddress } = await requestOrigin();
  const sent = await createInvitation(await getDatabase(), viewer, input, { linkBase: await portalBase(), mailer: mailer(), client: { ipAddress } });
  return { email: sent.email, organisationName: sent.organisation.name, roleLabel: roleLabel(sent.role), expires: ukTime(sent.expiresAt), link: sent.link };
}

export type InvitationPage = {
  /**
   * What the person holding the link does next: create an account; sign in to the existing one;
   * join (signed in as the invitee); sign out first (signed in as someone else); or nothing,
   * while the organisation is suspended.
   */
  step: "create_account" | "sign_in" | "join" | "wrong_account" | "organisation_suspended";
  email: string;
  organisationName: string;
  roleLabel: string;
  expires: string;
  viewerEmail: string | null;
};

/** What a live invitation link shows the viewer, if anyone is signed in; InvitationUnavailable for any other link. Anyone with the link may look. */
export async function getInvitationPage(viewer: Viewer | null, token: string): Promise<InvitationPage> {
  const invitation = await findInvitation(await getDatabase(), token);
  const base = {
    email: invitation.email,
    organisationName: invitation.organisation.name,
    roleLabel: roleLabel(invitation.role),
    expires: ukTime(invitation.expiresAt),
    viewerEmail: viewer?.email ?? null,
  };
  if (!invitation.organisation.active) return { ...base, step: "organisation_suspended" };
  if (viewer) return { ...base, step: viewer.email.toLowerCase() === invitation.email ? "join" : "wrong_account" };
  return { ...base, step: invitation.accountExists ? "sign_in" : "create_account" };
}

/**
 * Accepts with a new account, for someone not signed in (so there is no viewer); the person then
 * signs in and sets up their authenticator app.
 */
export async function acceptInvitationWithNewAccount(input: NewAccountInput): Promise<void> {
  const { ipAddress } = await requestOrigin();
  await acceptWithNewAccount(await getDatabase(), input.token, input, { ipAddress });
}

export type Joined = { organisationName: string; roleLabel: string };

/** Accepts as the signed-in viewer, whose e-mail address the invitation must be for. */
export async function joinWithInvitation(viewer: Viewer, token: string): Promise<Joined> {
  const { ipAddress } = await requestOrigin();
  const joined = await acceptAsMember(await getDatabase(), { userId: viewer.userId, email: viewer.email }, token, { ipAddress });
  return { organisationName: joined.organisation.name, roleLabel: roleLabel(joined.role) };
}

/** PORTAL_URL when set; else the address this request came to, as the inviter's browser sees it. */
async function portalBase(): Promise<string> {
  const portalUrl = getEnv().PORTAL_URL;
  if (portalUrl) return portalUrl;
  const list = await headers();
  const host = list.get("x-forwarded-host") ?? list.get("host") ?? "localhost";
  const protocol = list.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${protocol}://${host}`;
}

// One mailer per process, made on first use from SMTP_URL.
let cachedMailer: Mailer | null | undefined;
function mailer(): Mailer | null {
  if (cachedMailer === undefined) cachedMailer = createMailer(getEnv());
  return cachedMailer;
}
