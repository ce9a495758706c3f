import type { Role } from "@/lib/access/roles";

/** Who is inviting: the parts of the viewer the invitation needs. */
export type Inviter = { userId: string; displayName: string; role: Role; organisation: { id: string } };

/** Someone signed in, accepting an invitation addressed to them. */
export type Invitee = { userId: string; email: string };

/** Where a request came from, for the audit log. */
export type Client = { ipAddress: string };
