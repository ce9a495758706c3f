import "server-only";
import { cache } from "react";
import type { Role } from "@/lib/access/roles";
import type { OrganisationType } from "@/lib/organisations/types";

/** Who is asking: the signed-in user, the organisation they act for now, and their role there. */
export type Viewer = {
  userId: string;
  email: string;
  displayName: string;
  organisation: { id: string; name: string; type: OrganisationType };
  role: Role;
};

/**
 * The one place that reads the session. Sign-in (MFA and SSO) is not built yet, so every
 * visitor is anonymous and this returns null; pages must already treat null as "not signed in".
 */
export const getViewer = cache(async (): Promise<Viewer | null> => null);
