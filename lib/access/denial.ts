import "server-only";
import { getDatabase } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import { requestOrigin } from "@/lib/auth/request";
import type { Viewer } from "@/lib/auth/viewer";
import type { Permission } from "./permissions";

/** Records that the viewer was refused a permission; every refusal is audited the same way. */
export async function auditDenial(viewer: Viewer, permission: Permission, details: Record<string, unknown> = {}): Promise<void> {
  await recordAudit(await getDatabase(), {
    action: permission,
    outcome: "denied",
    actorUserId: viewer.userId,
    actorOrgId: viewer.organisation.id,
    ipAddress: (await requestOrigin()).ipAddress,
    details,
  });
}
