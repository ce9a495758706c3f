import { withContext } from "@/db/context";
import type { Database } from "@/db/database";
import type { Role } from "@/lib/access/roles";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { InvitationAlreadyUsed, InvitationUnavailable, refused } from "./errors";
import { accountExists, consumeInvitation, liveInvitationByTokenHash, organisationStatus } from "./queries";
import { TOKEN_PATTERN } from "./schema";

// The link is the credential: its token is shown or mailed once, and only its hash is stored.

/** A new invitation's token, the hash that is stored, and the link that carries the token. */
export function issueInvitationToken(linkBase: string): { token: string; tokenHash: string; link: string } {
  const token = newToken();
  return { token, tokenHash: hashToken(token), link: new URL(`/invitations/${token}`, linkBase).toString() };
}

export type InvitationDetails = {
  invitationId: string;
  email: string;
  role: Role;
  organisation: { id: string; name: string; active: boolean };
  expiresAt: Date;
  /** Whether an account with the invited address exists already (then its owner signs in to accept). */
  accountExists: boolean;
};

/**
 * The live invitation behind a link, for anyone holding it (the link is the credential). Used,
 * expired, withdrawn and unknown links are all InvitationUnavailable.
 */
export async function findInvitation(db: Database, token: string, now = new Date()): Promise<InvitationDetails> {
  if (!TOKEN_PATTERN.test(token)) throw new InvitationUnavailable();
  const live = () => withContext(db, {}, (tx) => liveInvitationByTokenHash(tx, hashToken(token)));
  const row = await live();
  const expiresAt = row ? new Date(Number(row.expires_ms)) : null;
  if (!row || !expiresAt || expiresAt.getTime() <= now.getTime()) throw new InvitationUnavailable();
  // The invitation names its organisation; reading that one row needs it as the context.
  const organisation = await withContext(db, { orgId: row.org_id }, (tx) => organisationStatus(tx, row.org_id));
  if (!organisation) throw new InvitationUnavailable();
  const exists = await accountExists(db, row.email);
  // An account that appeared since the first read may be the work of someone accepting this very
  // link: if the invitation is no longer live, say so rather than "there is already an account".
  if (exists && !(await live())) throw new InvitationUnavailable();
  return {
    invitationId: row.id,
    email: row.email.toLowerCase(),
    role: row.role,
    organisation: { id: organisation.id, name: organisation.name, active: organisation.status === "active" },
    expiresAt,
    accountExists: exists,
  };
}

/** Uses up the invitation behind the link for `userId`; InvitationAlreadyUsed when someone else got there first. */
export async function consumeInvitationToken(tx: Database, token: string, userId: string, now: Date) {
  const row = await consumeInvitation(tx, hashToken(token), userId, now);
  if (!row) throw refused(new InvitationAlreadyUsed(), "already_used");
  return row;
}
