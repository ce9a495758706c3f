import "server-only";
import { getDatabase } from "@/db/client";
import { auditEvent, recordAudit, type AuditEvent, type AuditSubject } from "@/lib/audit/record";
import { Forbidden, Unauthenticated } from "@/lib/errors";
import { currentClient } from "@/lib/http/request";
import type { OrganisationType } from "./organisation-types";
import { permits, type Permission } from "./permissions";
import type { Role } from "./roles";

/** Whoever asks: a viewer, or the parts of one a service is handed. */
export type Asker = { userId: string; role: Role; organisation: { id: string; type?: OrganisationType } };

export type Refusal = {
  /** The page or route that was asked for. */
  path?: string;
  /** What the viewer asked to act on, when there is one. */
  subject?: AuditSubject;
  /** The request's client, when the caller has it; otherwise the request being served, if any. */
  client?: { ipAddress: string } | null;
};

/**
 * The one access decision: the viewer holds the permission (their role, and their organisation's
 * type where the permission asks for one), or the request goes no further. Every refusal of a
 * signed-in viewer is audited as `access.denied` with the permission. Pages turn the Forbidden into
 * "not found", server actions into a message, route handlers into 403 or 404.
 */
export async function authorise<V extends Asker>(viewer: V | null | undefined, permission: Permission, refusal: Refusal = {}): Promise<V> {
  if (!viewer) throw new Unauthenticated("Your session has ended. Sign in again.");
  if (permits(viewer, permission)) return viewer;
  await recordAudit(await getDatabase(), await denial(viewer, permission, refusal));
  throw new Forbidden();
}

async function denial(viewer: Asker, permission: Permission, { path, subject, client }: Refusal): Promise<AuditEvent> {
  return auditEvent(viewer, "access.denied", {
    outcome: "denied",
    subject,
    client: client === undefined ? await currentClient() : client,
    details: { permission, ...(path ? { path } : {}) },
  });
}
