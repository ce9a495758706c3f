import type { OrganisationType } from "./organisation-types";
import type { Role } from "./roles";

/** Who is asking: the signed-in user, the organisation they act for now, and their role there. */
export type Viewer = {
  userId: string;
  email: string;
  displayName: string;
  organisation: { id: string; name: string; type: OrganisationType };
  role: Role;
  /** The session's key in the sessions table; server-side only, never rendered. */
  sessionId: string;
};
